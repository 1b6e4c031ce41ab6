// The shape every load generator reports and the request it is asked to repeat. Running the load
// lives in wrk-load.ts and node-load.ts; judging the figures lives in report.ts.

import type { LatencySummary } from './latency-histogram.js';

/** One POST repeated for a fixed time over a fixed number of keep-alive connections. */
export interface LoadSpec {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly connections: number;
  readonly durationMs: number;
  /** Also record the time to the first response body byte (streams). */
  readonly measureTtfb: boolean;
}

export type LoadTool = 'wrk' | 'node';

export interface LoadResult {
  readonly tool: LoadTool;
  /** Responses with a 2xx status, read to the end. */
  readonly completed: number;
  /** Non-2xx responses, timeouts and socket errors. */
  readonly errors: number;
  readonly elapsedMs: number;
  readonly requestsPerSecond: number;
  readonly latency: LatencySummary;
  /** Present when the spec asked for it and the tool can measure it (wrk cannot). */
  readonly ttfb?: LatencySummary;
}
