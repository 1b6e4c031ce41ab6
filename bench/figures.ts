// Folds the rounds of each (target, scenario) pair into one set of figures (medians; peak RSS of
// the first round) and derives the ratios against the direct path and the pass-through of the same run.

import type { LoadTool } from './load-result.js';
import type { Measurement } from './measure.js';
import type { TargetName } from './targets.js';

export interface Figures {
  readonly target: TargetName;
  readonly scenario: string;
  readonly tool: LoadTool;
  readonly rounds: number;
  readonly requestsPerSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly ttfbP50Us?: number;
  readonly ttfbP99Us?: number;
  readonly cpuUsPerRequest?: number;
  readonly otherLoadPercent?: number;
  /** VmHWM by the end of this scenario in the first round (a lifetime peak only ever grows). */
  readonly peakRssMb?: number;
  readonly errors: number;
}

export interface Ratios {
  readonly target: TargetName;
  readonly scenario: string;
  readonly throughputVsDirect?: number;
  readonly throughputVsPassthrough?: number;
  readonly addedP50Us?: number;
  readonly addedTtfbP50Us?: number;
  readonly cpuVsPassthrough?: number;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Figures of every pair with at least one successful round, keyed `target/scenario`. */
export function summarise(measurements: readonly Measurement[]): Map<string, Figures> {
  const groups = new Map<string, Measurement[]>();
  for (const measurement of measurements) {
    if (measurement.load === undefined) continue;
    const key = `${measurement.target}/${measurement.scenario}`;
    groups.set(key, [...(groups.get(key) ?? []), measurement]);
  }
  const figures = new Map<string, Figures>();
  for (const [key, group] of groups) {
    const first = group[0];
    if (first?.load === undefined) continue;
    const pick = (read: (m: Measurement) => number | undefined): number | undefined =>
      median(group.map(read).filter((value): value is number => value !== undefined));
    const optional = (name: string, value: number | undefined): object => (value === undefined ? {} : { [name]: value });
    figures.set(key, {
      target: first.target,
      scenario: first.scenario,
      tool: first.load.tool,
      rounds: group.length,
      requestsPerSecond: pick((m) => m.load?.requestsPerSecond) ?? 0,
      p50Us: pick((m) => m.load?.latency.p50Us) ?? 0,
      p99Us: pick((m) => m.load?.latency.p99Us) ?? 0,
      errors: group.reduce((sum, m) => sum + (m.load?.errors ?? 0), 0),
      ...optional('ttfbP50Us', pick((m) => m.load?.ttfb?.p50Us)),
      ...optional('ttfbP99Us', pick((m) => m.load?.ttfb?.p99Us)),
      ...optional('cpuUsPerRequest', pick((m) => m.cpuUsPerRequest)),
      ...optional('otherLoadPercent', pick((m) => m.otherLoadPercent)),
      ...optional('peakRssMb', group.find((m) => m.peakRssMb !== undefined)?.peakRssMb),
    });
  }
  return figures;
}

export function ratiosFor(figures: ReadonlyMap<string, Figures>, target: TargetName, scenario: string): Ratios | undefined {
  const own = figures.get(`${target}/${scenario}`);
  if (own === undefined) return undefined;
  const direct = figures.get(`direct/${scenario}`);
  const passthrough = figures.get(`passthrough/${scenario}`);
  const divide = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined || b === 0 ? undefined : a / b;
  const subtract = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined ? undefined : a - b;
  const entries: Record<string, number | undefined> = {
    throughputVsDirect: divide(own.requestsPerSecond, direct?.requestsPerSecond),
    throughputVsPassthrough: divide(own.requestsPerSecond, passthrough?.requestsPerSecond),
    addedP50Us: subtract(own.p50Us, direct?.p50Us),
    addedTtfbP50Us: subtract(own.ttfbP50Us, direct?.ttfbP50Us),
    cpuVsPassthrough: divide(own.cpuUsPerRequest, passthrough?.cpuUsPerRequest),
  };
  const defined = Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  return { target, scenario, ...defined };
}
