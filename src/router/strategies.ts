// The routing strategies: pure choices of one deployment among equally eligible ones (same
// priority tier, none cooling or at a limit). Filtering and priority live in select-deployment.ts.

import type { DeploymentStats } from './deployment-counters.js';
import type { DeploymentConfig, RoutingStrategy } from '../config/types.js';

export interface StrategyInput {
  /** Non-empty. */
  readonly candidates: readonly DeploymentConfig[];
  readonly stats: (deployment: DeploymentConfig) => DeploymentStats;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

export function pickByStrategy(strategy: RoutingStrategy, input: StrategyInput): DeploymentConfig {
  switch (strategy) {
    case 'simple-shuffle':
      return pickWeighted(input.candidates, shuffleWeights(input.candidates), input.random);
    case 'least-busy':
      return pickLowest(input, (stats) => stats.inFlight);
    case 'latency-based-routing':
      // Deployments without a sample yet score -1 so they are tried (and measured) first.
      return pickLowest(input, (stats) => stats.latencyMs ?? -1);
    case 'usage-based-routing':
    case 'usage-based-routing-v2':
      return pickLowest(input, (stats) => stats.tokensThisMinute);
  }
}

/**
 * LiteLLM's simple-shuffle weights: `weight` when one is set (any differs from the default 1), else
 * `rpm` when every candidate has one, else `tpm` likewise, else equal shares.
 */
export function shuffleWeights(candidates: readonly DeploymentConfig[]): number[] {
  if (candidates.some((deployment) => deployment.weight !== 1)) return candidates.map((deployment) => deployment.weight);
  const rpms = candidates.map((deployment) => deployment.rpm);
  if (rpms.every((rpm) => rpm !== undefined)) return rpms;
  const tpms = candidates.map((deployment) => deployment.tpm);
  if (tpms.every((tpm) => tpm !== undefined)) return tpms;
  return candidates.map(() => 1);
}

function pickWeighted(candidates: readonly DeploymentConfig[], weights: readonly number[], random: () => number): DeploymentConfig {
  const positive = weights.map((weight) => (Number.isFinite(weight) && weight > 0 ? weight : 0));
  const total = positive.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return pickAny(candidates, random);
  let remaining = random() * total;
  for (const [index, weight] of positive.entries()) {
    remaining -= weight;
    if (remaining < 0 && weight > 0) return candidates[index] as DeploymentConfig;
  }
  // Rounding can leave a sliver at the end: it belongs to the last deployment with a share.
  return candidates[positive.findLastIndex((weight) => weight > 0)] as DeploymentConfig;
}

function pickLowest(input: StrategyInput, score: (stats: DeploymentStats) => number): DeploymentConfig {
  const scores = input.candidates.map((deployment) => score(input.stats(deployment)));
  const lowest = Math.min(...scores);
  return pickAny(input.candidates.filter((_, index) => scores[index] === lowest), input.random);
}

function pickAny(candidates: readonly DeploymentConfig[], random: () => number): DeploymentConfig {
  return candidates[Math.floor(random() * candidates.length)] as DeploymentConfig;
}
