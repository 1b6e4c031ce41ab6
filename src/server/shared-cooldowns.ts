// Deployment cooldowns shared by every instance over the invalidation bus: when one instance cools a
// deployment down, all do, until the same instant. Everything else the router counts (in flight,
// rpm/tpm, latency, failures toward `allowed_fails`) stays per process, and reads never wait on Redis.

import type { DeploymentCounters } from '../router/deployment-counters.js';
import type { InvalidationBus } from '../shared-state/types.js';
import type { Logger } from './logger.js';

/** Bus topic; each message is `<untilMs> <deployment id>`. */
export const cooldownTopic = 'deployment_cooldown';

export interface SharedCooldowns {
  readonly counters: DeploymentCounters;
  /** Stops listening to other instances' cooldowns. */
  close(): void;
}

/**
 * Wraps `local` so its cooldowns travel on `bus`. Instants are epoch milliseconds, so instances'
 * clocks are assumed to agree (NTP) to well under a cooldown.
 */
export function shareCooldowns(local: DeploymentCounters, bus: InvalidationBus, log: Pick<Logger, 'error'>): SharedCooldowns {
  const unsubscribe = bus.subscribe(cooldownTopic, (message) => {
    const space = message.indexOf(' ');
    const untilMs = Number(message.slice(0, space));
    if (space > 0 && Number.isFinite(untilMs)) local.coolDown(message.slice(space + 1), untilMs);
  });
  const counters: DeploymentCounters = {
    read: (ids, nowMs) => local.read(ids, nowMs),
    start: (id, nowMs) => local.start(id, nowMs),
    cancel: (id, nowMs) => local.cancel(id, nowMs),
    finish: (id, nowMs, totalTokens) => local.finish(id, nowMs, totalTokens),
    recordLatency: (id, latencyMs) => local.recordLatency(id, latencyMs),
    recordFailure: (id, nowMs) => local.recordFailure(id, nowMs),
    coolDown(id, untilMs) {
      // The bus delivers to this instance too (cooling down twice to one instant changes nothing);
      // cooling here first keeps this instance right when the shared state is unreachable.
      local.coolDown(id, untilMs);
      bus.publish(cooldownTopic, `${untilMs} ${id}`).catch((error: unknown) => {
        log.error('shared state: a deployment cooldown was not shared', { deploymentId: id, detail: String(error) });
      });
    },
  };
  return { counters, close: unsubscribe };
}
