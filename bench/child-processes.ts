// Every process the benchmark starts: each in its own process group (so a whole tree can be ended),
// optionally pinned to one core with taskset, tracked until it exits, and killed when the run ends
// for any reason. What each child is for is the caller's business.

import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

const keptOutputChars = 64 * 1024;

export interface ChildOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Core to pin the child to; undefined leaves it to the scheduler. */
  readonly cpu?: number | undefined;
}

export interface ManagedChild {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  hasExited(): boolean;
  /** The last 64 KiB of what the child wrote to stdout and stderr. */
  output(): string;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the child is gone. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ManagedChild>();

/** Cores for the proxy under test and for everything else, when pinning is possible here. */
export function corePlan(): { readonly proxyCpu: number; readonly loadCpu: number } | undefined {
  if (availableParallelism() < 2) return undefined;
  const probe = spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  return probe.status === 0 ? { proxyCpu: 1, loadCpu: 0 } : undefined;
}

/** Pins this process (all its threads) to `cpu`; false when taskset refused. */
export function pinSelf(cpu: number): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' }).status === 0;
}

export function spawnManaged(options: ChildOptions): ManagedChild {
  const pinned = options.cpu === undefined ? [] : ['taskset', '-c', String(options.cpu)];
  const [command, ...args] = [...pinned, options.command, ...options.args] as [string, ...string[]];
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.name} (${options.command})`);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-keptOutputChars);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitedFlag = false;
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (error) => keep(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      exitedFlag = true;
      running.delete(managed);
      resolve(code);
    });
  });
  const managed: ManagedChild = {
    name: options.name,
    pid: child.pid,
    exited,
    hasExited: () => exitedFlag,
    output: () => output,
    stop: (graceMs = 3000) => stopChild(child, exited, graceMs),
  };
  running.add(managed);
  return managed;
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killLater = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      signalGroup(child.pid, 'SIGKILL');
      resolve();
    }, graceMs);
  });
  await Promise.race([exited, killLater]);
  clearTimeout(timer);
  await exited;
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Synchronous last resort for exit handlers: SIGKILL every group still running. */
export function killAllChildrenNow(): void {
  for (const child of running) signalGroup(child.pid, 'SIGKILL');
}

/** Runs a child to completion within `timeoutMs` (killing its group after that) and returns its output. */
export async function runChild(options: ChildOptions & { readonly timeoutMs: number }): Promise<{ code: number | null; output: string }> {
  const child = spawnManaged(options);
  const timer = setTimeout(() => void child.stop(1000), options.timeoutMs);
  try {
    const code = await child.exited;
    return { code, output: child.output() };
  } finally {
    clearTimeout(timer);
  }
}
