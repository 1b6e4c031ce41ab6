// Shared state held in this process's memory, for a gateway running as one instance: counters with
// expiry (expired keys are swept, so memory stays bounded) and a bus that delivers synchronously.
// Deliberately nothing crosses a process boundary: the Redis implementation does that.

import { createLocalSubscribers, throwSubscriberErrors } from './local-subscribers.js';
import type { AdmitEntry, CounterEntry, InvalidationBus, SharedCounters, SharedState } from './types.js';

export interface InProcessStateOptions {
  /** The clock counters expire by; `Date.now` unless a test controls time. */
  readonly now?: () => number;
  /** Expired keys are swept at most this often, on a write. Default 1000. */
  readonly sweepIntervalMs?: number;
}

export interface InProcessState extends SharedState {
  /** Counter keys held in memory, expired ones not yet swept included. */
  counterKeyCount(): number;
}

interface Counter {
  value: number;
  expiresAtMs: number;
}

const DEFAULT_SWEEP_INTERVAL_MS = 1000;

export function createInProcessState(options: InProcessStateOptions = {}): InProcessState {
  const now = options.now ?? Date.now;
  const sweepIntervalMs = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  const counters = new Map<string, Counter>();
  const subscribers = createLocalSubscribers();
  let nextSweepAtMs = now() + sweepIntervalMs;
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new Error('shared state is closed');
  };

  /** The live counter under `key`, forgetting it when it has expired. */
  const live = (key: string, nowMs: number): Counter | undefined => {
    const counter = counters.get(key);
    if (counter === undefined || counter.expiresAtMs > nowMs) return counter;
    counters.delete(key);
    return undefined;
  };

  const sweep = (nowMs: number): void => {
    if (nowMs < nextSweepAtMs) return;
    nextSweepAtMs = nowMs + sweepIntervalMs;
    for (const [key, counter] of counters) {
      if (counter.expiresAtMs <= nowMs) counters.delete(key);
    }
  };

  const write = (key: string, value: number, ttlMs: number, nowMs: number): number => {
    const counter = live(key, nowMs);
    if (counter === undefined) counters.set(key, { value, expiresAtMs: nowMs + ttlMs });
    else counter.value = value;
    return value;
  };

  const shared: SharedCounters = {
    add: (key, delta, ttlMs) =>
      run(() => {
        const nowMs = now();
        sweep(nowMs);
        return write(key, (live(key, nowMs)?.value ?? 0) + delta, ttlMs, nowMs);
      }),
    getMany: (keys) =>
      run(() => {
        const nowMs = now();
        return keys.map((key) => live(key, nowMs)?.value ?? 0);
      }),
    addIfWithin: (entries) =>
      run(() => {
        const nowMs = now();
        sweep(nowMs);
        const refused = firstRefused(entries, (key) => live(key, nowMs)?.value ?? 0);
        if (refused !== -1) return refused;
        for (const entry of entries) write(entry.key, (live(entry.key, nowMs)?.value ?? 0) + entry.delta, entry.ttlMs, nowMs);
        return -1;
      }),
    seed: (key, value, ttlMs) =>
      run(() => {
        const nowMs = now();
        sweep(nowMs);
        if (live(key, nowMs) === undefined) write(key, value, ttlMs, nowMs);
      }),
    admit: (entries) =>
      run(() => {
        const nowMs = now();
        sweep(nowMs);
        const valueOf = (key: string): number => live(key, nowMs)?.value ?? 0;
        for (const entry of entries) {
          if (entry.seed !== undefined && live(entry.key, nowMs) === undefined) write(entry.key, entry.seed, entry.ttlMs, nowMs);
        }
        const before = entries.map((entry) => valueOf(entry.key));
        const limited = entries.map((entry) => withLimitLess(entry, valueOf));
        const refused = firstRefused(limited, valueOf);
        if (refused === -1) for (const entry of entries) write(entry.key, valueOf(entry.key) + entry.delta, entry.ttlMs, nowMs);
        return { refused, before };
      }),
    addMany: (entries) =>
      run(() => {
        const nowMs = now();
        sweep(nowMs);
        for (const entry of entries) {
          const counter = live(entry.key, nowMs);
          const start = counter?.value ?? entry.seed ?? 0;
          write(entry.key, start + entry.delta, entry.ttlMs, nowMs);
        }
      }),
  };

  const bus: InvalidationBus = {
    publish: (topic, id) => run(() => throwSubscriberErrors(topic, subscribers.deliver(topic, id))),
    subscribe(topic, handler) {
      ensureOpen();
      return subscribers.subscribe(topic, handler);
    },
  };

  /** Runs one operation synchronously (which makes it atomic here) and answers as a promise. */
  function run<T>(operation: () => T): Promise<T> {
    try {
      ensureOpen();
      return Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  return {
    counters: shared,
    bus,
    counterKeyCount: () => counters.size,
    close() {
      closed = true;
      counters.clear();
      subscribers.clear();
      return Promise.resolve();
    },
  };
}

function withLimitLess(entry: AdmitEntry, valueOf: (key: string) => number): CounterEntry {
  if (entry.limitLessKey === undefined) return entry;
  return { ...entry, limit: entry.limit - Math.max(0, valueOf(entry.limitLessKey)) };
}

/** Index of the first entry whose resulting value would exceed its limit; repeated keys accumulate. */
function firstRefused(entries: readonly CounterEntry[], valueOf: (key: string) => number): number {
  const pending = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    const next = (pending.get(entry.key) ?? valueOf(entry.key)) + entry.delta;
    if (next > entry.limit) return index;
    pending.set(entry.key, next);
  }
  return -1;
}
