// One measurement: check that a target answers a scenario correctly, warm it up, then load it for
// the configured time while charging its process's CPU time and peak memory to the run.

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runChild } from './child-processes.js';
import type { LoadResult, LoadSpec, LoadTool } from './load-result.js';
import { readCoreBusyMicros, readCpuMicros, readPeakRssMb } from './proc-stats.js';
import { requestBody, responseProblem } from './scenarios.js';
import type { Scenario } from './scenarios.js';
import { sendOnce } from './targets.js';
import type { Target, TargetName } from './targets.js';
import { runWrkLoad } from './wrk-load.js';

export interface MeasureContext {
  readonly repoRoot: string;
  readonly workDir: string;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly loadCpu: number | undefined;
  /** The core the proxies are pinned to, if any. */
  readonly proxyCpu: number | undefined;
  readonly wrk: boolean;
}

export interface Measurement {
  readonly target: TargetName;
  readonly scenario: string;
  readonly round: number;
  readonly load?: LoadResult;
  /** CPU time of the target's process per completed request, in µs. */
  readonly cpuUsPerRequest?: number;
  /** Share of the proxy's core that went to other processes (and the hypervisor) during the run. */
  readonly otherLoadPercent?: number;
  /** VmHWM of the target's process after the run, in MB. */
  readonly peakRssMb?: number;
  /** Why there are no figures (wrong answer, crash, load generator failure). */
  readonly failure?: string;
}

export async function measure(target: Target, scenario: Scenario, options: MeasureContext & { readonly round: number }): Promise<Measurement> {
  const identity = { target: target.name, scenario: scenario.name, round: options.round };
  try {
    const answer = await sendOnce(target, requestBody(scenario));
    const problem = responseProblem(scenario, answer.status, answer.body);
    if (problem !== undefined) return { ...identity, failure: `wrong answer: ${problem}` };
    const spec = loadSpec(target, scenario, options.warmupMs);
    await runLoad(spec, scenario, options);
    // The direct path's "proxy" is the upstream, which shares its core with the load generator.
    const core = target.name === 'direct' ? undefined : options.proxyCpu;
    const before = sample(target.pid, core);
    const load = await runLoad({ ...spec, durationMs: options.durationMs }, scenario, options);
    const after = sample(target.pid, core);
    if (target.child?.hasExited() === true) return { ...identity, failure: `${target.name} exited:\n${target.child.output().slice(-2000)}` };
    const peakRssMb = readPeakRssMb(target.pid);
    return { ...identity, load, ...usageBetween(before, after, load.completed), ...(peakRssMb === undefined ? {} : { peakRssMb }) };
  } catch (error) {
    return { ...identity, failure: error instanceof Error ? error.message : String(error) };
  }
}

interface UsageSample {
  readonly atMs: number;
  readonly processCpuUs: number | undefined;
  readonly coreBusyUs: number | undefined;
}

function sample(pid: number, core: number | undefined): UsageSample {
  return { atMs: performance.now(), processCpuUs: readCpuMicros(pid), coreBusyUs: core === undefined ? undefined : readCoreBusyMicros(core) };
}

function usageBetween(before: UsageSample, after: UsageSample, completed: number): Pick<Measurement, 'cpuUsPerRequest' | 'otherLoadPercent'> {
  if (before.processCpuUs === undefined || after.processCpuUs === undefined || completed === 0) return {};
  const ownUs = after.processCpuUs - before.processCpuUs;
  const cpu = { cpuUsPerRequest: ownUs / completed };
  if (before.coreBusyUs === undefined || after.coreBusyUs === undefined) return cpu;
  const otherUs = Math.max(0, after.coreBusyUs - before.coreBusyUs - ownUs);
  return { ...cpu, otherLoadPercent: (100 * otherUs) / ((after.atMs - before.atMs) * 1000) };
}

function loadSpec(target: Target, scenario: Scenario, durationMs: number): LoadSpec {
  return {
    url: target.url,
    headers: target.headers,
    body: requestBody(scenario),
    connections: scenario.connections,
    durationMs,
    measureTtfb: scenario.stream,
  };
}

/** wrk when installed, unless the scenario needs time to first byte, which only our generator sees. */
export function loadToolFor(scenario: Scenario, wrk: boolean): LoadTool {
  return wrk && !scenario.needsTtfb ? 'wrk' : 'node';
}

async function runLoad(spec: LoadSpec, scenario: Scenario, options: MeasureContext): Promise<LoadResult> {
  if (loadToolFor(scenario, options.wrk) === 'wrk') return runWrkLoad(spec, { workDir: options.workDir, cpu: options.loadCpu });
  const { code, output } = await runChild({
    name: 'node-load',
    command: process.execPath,
    args: [join(options.repoRoot, 'dist/bench/node-load.js'), JSON.stringify(spec)],
    cpu: options.loadCpu,
    timeoutMs: spec.durationMs + 60_000,
  });
  const line = output
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith('{'));
  if (code !== 0 || line === undefined) throw new Error(`load generator exited with ${String(code)}:\n${output.slice(-2000)}`);
  return JSON.parse(line) as LoadResult;
}
