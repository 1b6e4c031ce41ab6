// Deployment counters held in this process's memory, for a gateway running as one instance.
// Deliberately no sharing between instances: a shared-store implementation replaces this one.

import { LATENCY_SAMPLE_COUNT, MINUTE_MS, emptyStats, minuteStartOf } from './deployment-counters.js';
import type { DeploymentCounters, DeploymentStats } from './deployment-counters.js';

interface Entry {
  inFlight: number;
  minuteStartMs: number;
  requests: number;
  tokens: number;
  latencySamples: number[];
  failures: number;
  failureWindowStartMs: number;
  cooldownUntilMs: number;
}

export function createInProcessCounters(): DeploymentCounters {
  const entries = new Map<string, Entry>();

  const entryOf = (id: string): Entry => {
    let entry = entries.get(id);
    if (entry === undefined) {
      entry = { inFlight: 0, minuteStartMs: 0, requests: 0, tokens: 0, latencySamples: [], failures: 0, failureWindowStartMs: 0, cooldownUntilMs: 0 };
      entries.set(id, entry);
    }
    return entry;
  };

  /** The entry with its minute window moved to the one `nowMs` falls in. */
  const entryAt = (id: string, nowMs: number): Entry => {
    const entry = entryOf(id);
    const minuteStartMs = minuteStartOf(nowMs);
    if (entry.minuteStartMs !== minuteStartMs) {
      entry.minuteStartMs = minuteStartMs;
      entry.requests = 0;
      entry.tokens = 0;
    }
    return entry;
  };

  const statsOf = (id: string, nowMs: number): DeploymentStats => {
    if (!entries.has(id)) return emptyStats(nowMs);
    const current = entryAt(id, nowMs);
    const samples = current.latencySamples;
    return {
      inFlight: current.inFlight,
      minuteStartMs: current.minuteStartMs,
      requestsThisMinute: current.requests,
      tokensThisMinute: current.tokens,
      latencyMs: samples.length === 0 ? undefined : samples.reduce((sum, ms) => sum + ms, 0) / samples.length,
      cooldownUntilMs: current.cooldownUntilMs,
    };
  };

  return {
    read(ids, nowMs) {
      return Promise.resolve(new Map(ids.map((id) => [id, statsOf(id, nowMs)])));
    },
    start(id, nowMs) {
      const entry = entryAt(id, nowMs);
      entry.inFlight += 1;
      entry.requests += 1;
      return Promise.resolve(statsOf(id, nowMs));
    },
    cancel(id, nowMs) {
      const entry = entryAt(id, nowMs);
      entry.inFlight = Math.max(0, entry.inFlight - 1);
      entry.requests = Math.max(0, entry.requests - 1);
    },
    finish(id, nowMs, totalTokens) {
      const entry = entryAt(id, nowMs);
      entry.inFlight = Math.max(0, entry.inFlight - 1);
      entry.tokens += totalTokens;
    },
    recordLatency(id, latencyMs) {
      const entry = entryOf(id);
      entry.latencySamples.push(latencyMs);
      if (entry.latencySamples.length > LATENCY_SAMPLE_COUNT) entry.latencySamples.shift();
    },
    recordFailure(id, nowMs) {
      const entry = entryAt(id, nowMs);
      if (entry.failures === 0 || nowMs >= entry.failureWindowStartMs + MINUTE_MS) {
        entry.failures = 0;
        entry.failureWindowStartMs = nowMs;
      }
      entry.failures += 1;
      return Promise.resolve(entry.failures);
    },
    coolDown(id, untilMs) {
      const entry = entryOf(id);
      entry.cooldownUntilMs = Math.max(entry.cooldownUntilMs, untilMs);
      entry.failures = 0;
    },
  };
}
