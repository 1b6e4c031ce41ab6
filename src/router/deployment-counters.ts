// The seam between routing policy and the counters it reads: in-flight requests, per-minute usage,
// latency samples, failures and cooldowns per deployment. Implementations live beside it; no policy here.

/** Length of the rpm/tpm window and of the failure window that leads to a cooldown. */
export const MINUTE_MS = 60_000;

/** How many recent successful latencies the moving average covers. */
export const LATENCY_SAMPLE_COUNT = 10;

/** What routing policy knows about one deployment at one instant. */
export interface DeploymentStats {
  readonly inFlight: number;
  /** Start of the current minute window (aligned to whole minutes of the clock). */
  readonly minuteStartMs: number;
  /** Requests started in the current minute window. */
  readonly requestsThisMinute: number;
  /** Tokens reported at release in the current minute window. */
  readonly tokensThisMinute: number;
  /** Moving average over the last successful attempts; undefined before the first sample. */
  readonly latencyMs: number | undefined;
  /** The deployment is cooling down while the clock is before this instant (0: not cooling). */
  readonly cooldownUntilMs: number;
}

/**
 * Counters shared by every request of one router. Reads and the writes that answer are async so a
 * shared store (Redis) can stand behind them; writes that return nothing are fire-and-forget and
 * must be applied in order with later reads (one connection, pipelined).
 */
export interface DeploymentCounters {
  read(ids: readonly string[], nowMs: number): Promise<ReadonlyMap<string, DeploymentStats>>;
  /** Counts a request as started (in flight, and toward rpm); returns the stats after counting. */
  start(id: string, nowMs: number): Promise<DeploymentStats>;
  /** Undoes a `start` that overshot a limit another request took first. */
  cancel(id: string, nowMs: number): void;
  /** The request is over: no longer in flight; its tokens count toward tpm. */
  finish(id: string, nowMs: number, totalTokens: number): void;
  recordLatency(id: string, latencyMs: number): void;
  /** Counts a failure; returns the failures within the current failure window (the first lasts a minute). */
  recordFailure(id: string, nowMs: number): Promise<number>;
  /** Cools the deployment down until `untilMs` and starts its failure count afresh. */
  coolDown(id: string, untilMs: number): void;
}

export function minuteStartOf(nowMs: number): number {
  return Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
}

export function emptyStats(nowMs: number): DeploymentStats {
  return {
    inFlight: 0,
    minuteStartMs: minuteStartOf(nowMs),
    requestsThisMinute: 0,
    tokensThisMinute: 0,
    latencyMs: undefined,
    cooldownUntilMs: 0,
  };
}
