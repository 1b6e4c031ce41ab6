// The performance targets Gatehouse is held to, judged on one run's figures. A report, never a
// test: a MISS prints, it does not fail the run.

import type { Figures } from './figures.js';
import { ratiosFor } from './figures.js';
import type { Measurement } from './measure.js';

export type Verdict = 'PASS' | 'MISS' | 'n/a';

export interface GoalResult {
  readonly goal: string;
  readonly measured: string;
  readonly verdict: Verdict;
}

const throughputScenario = 'chat-50c';

/** `measurements` supply the peak RSS over the whole run; everything else comes from `figures`. */
export function judgeGoals(figures: ReadonlyMap<string, Figures>, measurements: readonly Measurement[]): GoalResult[] {
  const gatehouse = (scenario: string): Figures | undefined => figures.get(`gatehouse/${scenario}`);
  const portkey = figures.get(`portkey/${throughputScenario}`);
  const throughput = gatehouse(throughputScenario)?.requestsPerSecond;
  const vsPortkey = throughput === undefined || portkey === undefined ? undefined : throughput / portkey.requestsPerSecond;
  const vsPassthrough = ratiosFor(figures, 'gatehouse', throughputScenario)?.throughputVsPassthrough;
  const addedP50Us = ratiosFor(figures, 'gatehouse', 'chat-1c')?.addedP50Us;
  const addedTtfbUs = ratiosFor(figures, 'gatehouse', 'paced')?.addedTtfbP50Us;
  const peaks = measurements.flatMap((entry) => (entry.target === 'gatehouse' && entry.peakRssMb !== undefined ? [entry.peakRssMb] : []));
  const peakRssMb = peaks.length === 0 ? undefined : Math.max(...peaks);
  return [
    judge(`throughput >= 10x Portkey (${throughputScenario})`, vsPortkey, (v) => v >= 10, (v) => `${v.toFixed(1)}x`),
    judge(`throughput >= 60% of the pass-through (${throughputScenario})`, vsPassthrough, (v) => v >= 0.6, (v) => `${(v * 100).toFixed(0)}%`),
    judge('added p50 latency < 0.25 ms at 1 connection (chat-1c)', addedP50Us, (v) => v < 250, (v) => `${(v / 1000).toFixed(3)} ms`),
    judge('added TTFB < 1 ms on the paced stream (paced)', addedTtfbUs, (v) => v < 1000, (v) => `${(v / 1000).toFixed(3)} ms`),
    judge('peak RSS < 120 MB (whole run)', peakRssMb, (v) => v < 120, (v) => `${v.toFixed(0)} MB`),
  ];
}

function judge(goal: string, value: number | undefined, met: (value: number) => boolean, show: (value: number) => string): GoalResult {
  if (value === undefined) return { goal, measured: 'not measured', verdict: 'n/a' };
  return { goal, measured: show(value), verdict: met(value) ? 'PASS' : 'MISS' };
}
