// The benchmark's knobs, read once from the environment and checked: an unknown scenario or
// target name, or a nonsensical number, stops the run before anything starts.

import { scenarios } from './scenarios.js';
import type { Scenario } from './scenarios.js';
import { targetNames } from './targets.js';
import type { TargetName } from './targets.js';

export interface Settings {
  readonly durationS: number;
  readonly warmupS: number;
  readonly rounds: number;
  readonly scenarios: readonly Scenario[];
  readonly targets: readonly TargetName[];
  /** `BENCH_LOAD=node`: use the built-in generator even where wrk is installed. */
  readonly forceNodeLoad: boolean;
  /** `BENCH_CPU_PROFILE=1`: run the proxies under `node --cpu-prof` and list their hottest functions. */
  readonly cpuProfile: boolean;
  /** Measure again (twice at most) when other processes took more than this share of the proxy's core. */
  readonly maxOtherLoadPercent: number;
}

export function selectSettings(env: NodeJS.ProcessEnv): Settings {
  const durationS = positiveNumber(env, 'BENCH_DURATION_S', 10, 3600);
  return {
    durationS,
    warmupS: positiveNumber(env, 'BENCH_WARMUP_S', Math.min(3, Math.max(1, Math.round(durationS / 5))), 600),
    rounds: Math.round(positiveNumber(env, 'BENCH_ROUNDS', 1, 20)),
    scenarios: pick(env['BENCH_SCENARIOS'], scenarios, (scenario) => scenario.name, 'BENCH_SCENARIOS'),
    targets: pick(env['BENCH_TARGETS'], targetNames, (name) => name, 'BENCH_TARGETS'),
    forceNodeLoad: env['BENCH_LOAD'] === 'node',
    cpuProfile: env['BENCH_CPU_PROFILE'] === '1',
    maxOtherLoadPercent: positiveNumber(env, 'BENCH_MAX_OTHER_LOAD', 10, 100),
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new Error(`${name} must be a number above 0 and at most ${max}, not "${raw}"`);
  return value;
}

/** The subset named in a comma-separated list, in the catalogue's order; all when unset. */
function pick<T>(raw: string | undefined, all: readonly T[], nameOf: (item: T) => string, variable: string): T[] {
  if (raw === undefined || raw.trim() === '') return [...all];
  const wanted = new Set(raw.split(',').map((name) => name.trim()).filter((name) => name.length > 0));
  const known = new Set(all.map(nameOf));
  const unknown = [...wanted].filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`${variable}: unknown ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  return all.filter((item) => wanted.has(nameOf(item)));
}
