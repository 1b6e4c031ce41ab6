// One measurement: check that a target answers a scenario correctly, warm it up, then load it for
// the configured time while charging its process's CPU time and peak memory to the run.

import { join } from 'node:path';
import { runChild } from './child-processes.js';
import type { LoadResult, LoadSpec, LoadTool } from './load-result.js';
import { readCpuMicros, readPeakRssMb } from './proc-stats.js';
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
  readonly wrk: boolean;
}

export interface Measurement {
  readonly target: TargetName;
  readonly scenario: string;
  readonly round: number;
  readonly load?: LoadResult;
  /** CPU time of the target's process per completed request, in µs. */
  readonly cpuUsPerRequest?: number;
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
    const cpuBefore = readCpuMicros(target.pid);
    const load = await runLoad({ ...spec, durationMs: options.durationMs }, scenario, options);
    const cpuAfter = readCpuMicros(target.pid);
    const peakRssMb = readPeakRssMb(target.pid);
    if (target.child?.hasExited() === true) return { ...identity, failure: `${target.name} exited:\n${target.child.output().slice(-2000)}` };
    const cpuUsPerRequest =
      cpuBefore === undefined || cpuAfter === undefined || load.completed === 0 ? undefined : (cpuAfter - cpuBefore) / load.completed;
    return {
      ...identity,
      load,
      ...(cpuUsPerRequest === undefined ? {} : { cpuUsPerRequest }),
      ...(peakRssMb === undefined ? {} : { peakRssMb }),
    };
  } catch (error) {
    return { ...identity, failure: error instanceof Error ? error.message : String(error) };
  }
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
