// Cost in US dollars of a request's tokens. A deployment's `model_info` prices win, field by field;
// the built-in list prices fill the rest; a model known to neither costs 0 and is flagged as unknown.
// Reading tokens out of responses lives in token-count.ts; the prices themselves in price-table.ts.

import type { DeploymentConfig } from '../config/types.js';
import { findListPrices } from './price-table.js';
import type { ModelPrices } from './price-table.js';
import type { TokenCount } from './token-count.js';

export type PricedDeployment = Pick<DeploymentConfig, 'provider' | 'model' | 'modelInfo'>;

export interface ResolvedPrices {
  readonly prices: ModelPrices;
  /** False when neither `model_info` nor the built-in table prices the model: its cost reads 0. */
  readonly known: boolean;
}

export interface Cost {
  readonly costUsd: number;
  readonly costKnown: boolean;
}

const UNPRICED: ModelPrices = Object.freeze({ inputPerToken: 0, outputPerToken: 0, cachedInputPerToken: 0 });

export function pricesOf(deployment: PricedDeployment): ResolvedPrices {
  const info = deployment.modelInfo;
  const listed = findListPrices(deployment.provider, deployment.model);
  const input = info.inputCostPerToken ?? listed?.inputPerToken;
  const output = info.outputCostPerToken ?? listed?.outputPerToken;
  if (input === undefined && output === undefined) return { prices: UNPRICED, known: false };
  const inputPerToken = input ?? 0;
  // An input price set in model_info without a cache price charges cached tokens at that input price.
  const cachedInputPerToken =
    info.cacheReadInputTokenCost ?? (info.inputCostPerToken === undefined ? listed?.cachedInputPerToken : undefined) ?? inputPerToken;
  return { prices: { inputPerToken, outputPerToken: output ?? 0, cachedInputPerToken }, known: true };
}

export function costOfTokens(tokens: TokenCount, prices: ModelPrices): number {
  const cached = Math.min(tokens.cachedTokens, tokens.promptTokens);
  const usd =
    (tokens.promptTokens - cached) * prices.inputPerToken +
    cached * prices.cachedInputPerToken +
    tokens.completionTokens * prices.outputPerToken;
  // Drops binary floating-point noise (0.1 + 0.2) far below any price's precision.
  return Math.round(usd * 1e12) / 1e12;
}

export function costOf(deployment: PricedDeployment, tokens: TokenCount): Cost {
  const { prices, known } = pricesOf(deployment);
  return { costUsd: costOfTokens(tokens, prices), costKnown: known };
}

/** The highest price of each kind across a model group: estimates made before routing use these. */
export function highestPrices(deployments: readonly PricedDeployment[]): ModelPrices {
  return deployments.map((deployment) => pricesOf(deployment).prices).reduce(
    (high, prices) => ({
      inputPerToken: Math.max(high.inputPerToken, prices.inputPerToken),
      outputPerToken: Math.max(high.outputPerToken, prices.outputPerToken),
      cachedInputPerToken: Math.max(high.cachedInputPerToken, prices.cachedInputPerToken),
    }),
    UNPRICED,
  );
}
