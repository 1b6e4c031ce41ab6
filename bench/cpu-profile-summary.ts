// Reads V8 .cpuprofile files (written by `node --cpu-prof`) and lists the functions with the most
// self time, the way a profiler's "bottom-up" view would. Taking the profile is the runner's job.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly selfMs: number;
  /** Share of all non-idle samples. */
  readonly percent: number;
}

/** The `limit` frames with the most self time; `root` is stripped from file locations. */
export function topSelfTime(
  profile: CpuProfile,
  options: { readonly limit: number; readonly root: string; readonly byFile?: boolean },
): SelfTime[] {
  const nameOf = new Map<number, string>();
  for (const node of profile.nodes) nameOf.set(node.id, frameName(node.callFrame, options.root, options.byFile === true));
  const selfUs = new Map<string, number>();
  // timeDeltas[i] is the time before sample i, so sample i lasts until sample i + 1.
  for (let i = 0; i + 1 < profile.samples.length; i++) {
    const name = nameOf.get(profile.samples[i] ?? -1) ?? '(unknown)';
    selfUs.set(name, (selfUs.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  selfUs.delete('(idle)');
  const busyUs = [...selfUs.values()].reduce((sum, value) => sum + value, 0);
  return [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, options.limit)
    .map(([name, us]) => ({ name, selfMs: us / 1000, percent: busyUs === 0 ? 0 : (100 * us) / busyUs }));
}

/** `function file:line`, or just the file; frames without a file (GC, syscalls) keep their name. */
function frameName(frame: ProfileNode['callFrame'], root: string, fileOnly: boolean): string {
  if (frame.url === '') return frame.functionName || '(anonymous)';
  const path = frame.url.startsWith('file://') ? relative(root, fileURLToPath(frame.url)) : frame.url;
  return fileOnly ? path : `${frame.functionName || '(anonymous)'} ${path}:${frame.lineNumber + 1}`;
}

/** A printable bottom-up table for every .cpuprofile file in `folder`. */
export function summariseProfiles(folder: string, options: { readonly limit: number; readonly root: string }): string {
  let files: string[];
  try {
    files = readdirSync(folder).filter((file) => file.endsWith('.cpuprofile'));
  } catch {
    return `no profiles in ${relative(options.root, folder)}`;
  }
  return files
    .map((file) => {
      const profile = JSON.parse(readFileSync(join(folder, file), 'utf8')) as CpuProfile;
      const row = (entry: SelfTime): string => `${entry.percent.toFixed(1).padStart(5)}%  ${entry.selfMs.toFixed(0).padStart(7)} ms  ${entry.name}`;
      const functions = topSelfTime(profile, options);
      const files = topSelfTime(profile, { ...options, byFile: true });
      return [`top self time by function, ${file}:`, ...functions.map(row), '', 'top self time by file:', ...files.map(row)].join('\n');
    })
    .join('\n\n');
}

function main(): void {
  const folder = process.argv[2];
  if (folder === undefined) throw new Error('usage: cpu-profile-summary FOLDER [LIMIT]');
  process.stdout.write(`${summariseProfiles(folder, { limit: Number(process.argv[3] ?? 25), root: process.cwd() })}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
