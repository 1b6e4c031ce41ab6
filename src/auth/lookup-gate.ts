// Bounds the database lookups that cache misses cause: identical lookups in flight share one query,
// at most `maxConcurrent` run at once, a bounded queue waits, and beyond it callers are told to retry.
// A flood of random keys thus costs the database a fixed number of queries at a time.

import { GatewayError } from '../errors/gateway-error.js';

export interface LookupGateOptions {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
}

export type LookupGate = <T>(id: string, task: () => Promise<T>) => Promise<T>;

export function createLookupGate(options: LookupGateOptions): LookupGate {
  const inFlight = new Map<string, Promise<unknown>>();
  const waiting: Array<() => void> = [];
  let running = 0;

  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) running -= 1;
    else next();
  };

  const acquire = async (): Promise<void> => {
    if (running < options.maxConcurrent) {
      running += 1;
      return;
    }
    if (waiting.length >= options.maxQueued) {
      throw new GatewayError('rate_limited', {
        message: 'Too many requests with keys not seen recently. Retry later.',
        detail: `key lookups: ${running} running, ${waiting.length} queued`,
        retryAfterS: 1,
      });
    }
    // The slot passes straight from the releasing lookup to this one (running stays the same).
    await new Promise<void>((resolve) => waiting.push(resolve));
  };

  const runGated = async <T>(task: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };

  return <T>(id: string, task: () => Promise<T>): Promise<T> => {
    const shared = inFlight.get(id) as Promise<T> | undefined;
    if (shared !== undefined) return shared;
    const started = runGated(task).finally(() => inFlight.delete(id));
    inFlight.set(id, started);
    return started;
  };
}
