// Load through wrk (one thread, N connections) with a generated Lua script that sets the POST body
// and headers and prints the summary as JSON. Finding wrk and choosing it is the runner's business.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child-processes.js';
import type { LoadResult, LoadSpec } from './load-result.js';

const resultMarker = 'WRK_JSON ';

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** Runs wrk for `spec` on `cpu` (when given), writing its Lua script into `workDir`. */
export async function runWrkLoad(spec: LoadSpec, options: { readonly workDir: string; readonly cpu?: number | undefined }): Promise<LoadResult> {
  const script = join(options.workDir, 'post.lua');
  writeFileSync(script, luaScript(spec));
  const durationS = Math.max(1, Math.round(spec.durationMs / 1000));
  const { code, output } = await runChild({
    name: 'wrk',
    command: 'wrk',
    args: ['-t1', `-c${spec.connections}`, `-d${durationS}s`, '--timeout', '10s', '-s', script, spec.url],
    cpu: options.cpu,
    timeoutMs: spec.durationMs + 30_000,
  });
  const line = output.split('\n').find((candidate) => candidate.startsWith(resultMarker));
  if (line === undefined) throw new Error(`wrk exited with ${String(code)} without a summary:\n${output.slice(-2000)}`);
  return parseSummary(line.slice(resultMarker.length));
}

interface WrkSummary {
  readonly requests: number;
  readonly durationUs: number;
  readonly errors: number;
  readonly statusErrors: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
}

function parseSummary(json: string): LoadResult {
  const summary = JSON.parse(json) as WrkSummary;
  const completed = summary.requests - summary.statusErrors;
  const elapsedMs = summary.durationUs / 1000;
  return {
    tool: 'wrk',
    completed,
    errors: summary.errors,
    elapsedMs,
    requestsPerSecond: completed / (elapsedMs / 1000),
    latency: { count: summary.requests, p50Us: summary.p50Us, p99Us: summary.p99Us, maxUs: summary.maxUs },
  };
}

function luaScript(spec: LoadSpec): string {
  const headers = { 'Content-Type': 'application/json', ...spec.headers };
  return [
    'wrk.method = "POST"',
    `wrk.body = ${luaString(spec.body)}`,
    ...Object.entries(headers).map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`),
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    `  io.write(string.format('${resultMarker}{"requests":%d,"durationUs":%d,"errors":%d,"statusErrors":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\\n',`,
    '    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout, e.status,',
    '    latency:percentile(50), latency:percentile(99), latency.max))',
    'end',
    '',
  ].join('\n');
}

/** A double-quoted Lua literal; every byte outside printable ASCII becomes a decimal escape. */
function luaString(value: string): string {
  let out = '"';
  for (const byte of Buffer.from(value)) {
    const printable = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c;
    out += printable ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}
