// Chooses the deployment for the next attempt of one model group: drops those cooling down or at a
// limit, prefers those not yet failed in this request, then the lowest priority `order`, then the
// strategy. Pure: reads stats it is given, starts nothing.

import { emptyStats } from './deployment-counters.js';
import { limitFreeAtMs } from './deployment-limits.js';
import { pickByStrategy } from './strategies.js';
import type { DeploymentStats } from './deployment-counters.js';
import type { DeploymentConfig, RoutingStrategy } from '../config/types.js';

export interface SelectionInput {
  /** The group's eligible deployments; non-empty. */
  readonly deployments: readonly DeploymentConfig[];
  readonly stats: ReadonlyMap<string, DeploymentStats>;
  /** Deployments that already failed in this request. */
  readonly failedIds: ReadonlySet<string>;
  /** Deployments to pass over for this choice only (a concurrent request took their last slot). */
  readonly skipIds: ReadonlySet<string>;
  readonly strategy: RoutingStrategy;
  readonly nowMs: number;
  readonly estimatedTokens: number;
  readonly random: () => number;
}

export type Selection =
  | { readonly kind: 'pick'; readonly deployment: DeploymentConfig; /** Not failed yet in this request. */ readonly fresh: boolean }
  | { readonly kind: 'blocked'; readonly reason: 'limit' | 'cooldown'; /** Earliest instant one becomes usable. */ readonly freeAtMs: number };

const SKIPPED_RETRY_MS = 1000;

export function selectDeployment(input: SelectionInput): Selection {
  const statsOf = (deployment: DeploymentConfig): DeploymentStats => input.stats.get(deployment.id) ?? emptyStats(input.nowMs);
  const lookaheadTokens = input.strategy.startsWith('usage-based') ? input.estimatedTokens : 0;
  const usable: DeploymentConfig[] = [];
  let coolingFreeAtMs = Infinity;
  let limitedFreeAtMs = Infinity;
  for (const deployment of input.deployments) {
    const stats = statsOf(deployment);
    if (stats.cooldownUntilMs > input.nowMs) {
      coolingFreeAtMs = Math.min(coolingFreeAtMs, stats.cooldownUntilMs);
      continue;
    }
    const freeAtMs = input.skipIds.has(deployment.id)
      ? input.nowMs + SKIPPED_RETRY_MS
      : limitFreeAtMs(deployment, stats, { nowMs: input.nowMs, lookaheadTokens });
    if (freeAtMs === undefined) usable.push(deployment);
    else limitedFreeAtMs = Math.min(limitedFreeAtMs, freeAtMs);
  }
  if (usable.length === 0) {
    // Any deployment merely at a limit makes this a rate limit (it frees on its own); all cooling is an outage.
    const reason = limitedFreeAtMs === Infinity ? 'cooldown' : 'limit';
    return { kind: 'blocked', reason, freeAtMs: Math.min(coolingFreeAtMs, limitedFreeAtMs) };
  }
  const fresh = usable.filter((deployment) => !input.failedIds.has(deployment.id));
  const pool = fresh.length > 0 ? fresh : usable;
  const deployment = pickByStrategy(input.strategy, { candidates: highestPriorityTier(pool), stats: statsOf, random: input.random });
  return { kind: 'pick', deployment, fresh: fresh.length > 0 };
}

/** The deployments sharing the lowest `order`; those without one rank after every ordered one. */
export function highestPriorityTier(deployments: readonly DeploymentConfig[]): DeploymentConfig[] {
  const rank = (deployment: DeploymentConfig): number => deployment.order ?? Infinity;
  const best = Math.min(...deployments.map(rank));
  return deployments.filter((deployment) => rank(deployment) === best);
}
