// CPU time and peak memory of a process, and busy time of a core, read from Linux /proc. Elsewhere
// they read as undefined and the report shows a dash; nothing here samples or keeps history.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  if (ticksPerSecond !== undefined) return ticksPerSecond;
  try {
    ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

function readProcFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** User plus system CPU time of every thread of `pid` so far, in microseconds. */
export function readCpuMicros(pid: number): number | undefined {
  const stat = readProcFile(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name may contain spaces and parentheses; the fields after its closing ')' are
  // numbered from 3 (state), so utime (14) and stime (15) are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks / clockTicksPerSecond()) * 1e6 : undefined;
}

/** Peak resident set size (VmHWM) of `pid`, in MB. */
export function readPeakRssMb(pid: number): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readProcFile(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) / 1024 : undefined;
}

/** Time core `cpu` spent busy (anything but idle and I/O wait) since boot, in microseconds. */
export function readCoreBusyMicros(cpu: number): number | undefined {
  const line = (readProcFile('/proc/stat') ?? '').split('\n').find((candidate) => candidate.startsWith(`cpu${cpu} `));
  if (line === undefined) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const busy = ticks.reduce((sum, value) => sum + value, 0) - (ticks[3] ?? 0) - (ticks[4] ?? 0);
  return Number.isFinite(busy) ? (busy / clockTicksPerSecond()) * 1e6 : undefined;
}
