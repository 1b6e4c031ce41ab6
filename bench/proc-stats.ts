// CPU time and peak memory of a process, read from Linux /proc. Elsewhere both read as undefined
// and the report shows a dash; nothing here samples or keeps history.

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

function readProcFile(pid: number, name: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** User plus system CPU time of every thread of `pid` so far, in microseconds. */
export function readCpuMicros(pid: number): number | undefined {
  const stat = readProcFile(pid, 'stat');
  if (stat === undefined) return undefined;
  // The command name may contain spaces and parentheses; the fields after its closing ')' are
  // numbered from 3 (state), so utime (14) and stime (15) are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks / clockTicksPerSecond()) * 1e6 : undefined;
}

/** Peak resident set size (VmHWM) of `pid`, in MB. */
export function readPeakRssMb(pid: number): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readProcFile(pid, 'status') ?? '');
  return match ? Number(match[1]) / 1024 : undefined;
}
