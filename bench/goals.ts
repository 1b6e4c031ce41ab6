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
  /** Other processes took a large share of the proxy's core while its figures were measured. */
  readonly contended: boolean;
}

const throughputScenario = 'chat-50c';

/**
 * `measurements` supply the peak RSS over the whole run; everything else comes from `figures`. A
 * goal whose figures were taken while other processes used more than `maxOtherLoadPercent` of the
 * proxy's core is marked contended: its verdict says little about Gatehouse.
 */
export function judgeGoals(
  figures: ReadonlyMap<string, Figures>,
  measurements: readonly Measurement[],
  maxOtherLoadPercent: number,
): GoalResult[] {
  const portkey = figures.get(`portkey/${throughputScenario}`);
  const throughput = figures.get(`gatehouse/${throughputScenario}`)?.requestsPerSecond;
  const vsPortkey = throughput === undefined || portkey === undefined ? undefined : throughput / portkey.requestsPerSecond;
  const vsPassthrough = ratiosFor(figures, 'gatehouse', throughputScenario)?.throughputVsPassthrough;
  const addedP50Us = ratiosFor(figures, 'gatehouse', 'chat-1c')?.addedP50Us;
  const addedTtfbUs = ratiosFor(figures, 'gatehouse', 'paced')?.addedTtfbP50Us;
  const peaks = measurements.flatMap((entry) => (entry.target === 'gatehouse' && entry.peakRssMb !== undefined ? [entry.peakRssMb] : []));
  const peakRssMb = peaks.length === 0 ? undefined : Math.max(...peaks);
  const translatedCpu = figures.get('gatehouse/stream-50-anthropic')?.cpuUsPerRequest;
  const forwardedCpu = figures.get('gatehouse/stream-50')?.cpuUsPerRequest;
  const translationCost = translatedCpu === undefined || !forwardedCpu ? undefined : translatedCpu / forwardedCpu;
  const contended = (...keys: string[]): boolean => keys.some((key) => (figures.get(key)?.otherLoadPercent ?? 0) > maxOtherLoadPercent);
  return [
    judge(`throughput >= 10x Portkey (${throughputScenario})`, vsPortkey, (v) => v >= 10, (v) => `${v.toFixed(1)}x`, contended('gatehouse/chat-50c', 'portkey/chat-50c')),
    judge(
      `throughput >= 60% of the pass-through (${throughputScenario})`,
      vsPassthrough,
      (v) => v >= 0.6,
      (v) => `${(v * 100).toFixed(0)}%`,
      contended('gatehouse/chat-50c', 'passthrough/chat-50c'),
    ),
    judge('added p50 latency < 0.25 ms at 1 connection (chat-1c)', addedP50Us, (v) => v < 250, (v) => `${(v / 1000).toFixed(3)} ms`, contended('gatehouse/chat-1c')),
    judge('added TTFB < 1 ms on the paced stream (paced)', addedTtfbUs, (v) => v < 1000, (v) => `${(v / 1000).toFixed(3)} ms`, contended('gatehouse/paced')),
    judge(
      'translated stream CPU/req <= 2x the forwarded one (stream-50-anthropic vs stream-50)',
      translationCost,
      (v) => v <= 2,
      (v) => `${v.toFixed(2)}x`,
      contended('gatehouse/stream-50-anthropic', 'gatehouse/stream-50'),
    ),
    judge('peak RSS < 120 MB (whole run)', peakRssMb, (v) => v < 120, (v) => `${v.toFixed(0)} MB`, false),
  ];
}

function judge(goal: string, value: number | undefined, met: (value: number) => boolean, show: (value: number) => string, contended: boolean): GoalResult {
  if (value === undefined) return { goal, measured: 'not measured', verdict: 'n/a', contended: false };
  return { goal, measured: show(value), verdict: met(value) ? 'PASS' : 'MISS', contended };
}
