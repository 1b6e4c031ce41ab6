// The estimate admission reserves before a request goes upstream: tokens from the prompt's length
// plus the completion's cap, priced pessimistically (no cache discount). Settling replaces it.

import { costOfTokens } from './cost.js';
import type { ModelPrices } from './price-table.js';
import { tokensForChars } from './token-count.js';

/** Completion tokens assumed when a request sets no `max_tokens` (embeddings pass 0). */
export const DEFAULT_COMPLETION_TOKENS_ESTIMATE = 1024;

export interface EstimateInput {
  /** Characters of the prompt's text (messages, input or prompt), counted by the caller. */
  readonly promptChars: number;
  /** The request's `max_tokens` / `max_completion_tokens`, when it sets one. */
  readonly maxTokens?: number | undefined;
  /** Usually the highest prices of the model group (`highestPrices`): routing has not chosen yet. */
  readonly prices: ModelPrices;
}

export interface RequestEstimate {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
  readonly costUsd: number;
}

export function estimateRequest(input: EstimateInput): RequestEstimate {
  const promptTokens = tokensForChars(input.promptChars);
  const cap = input.maxTokens;
  const completionTokens =
    cap !== undefined && Number.isFinite(cap) && cap >= 0 ? Math.ceil(cap) : DEFAULT_COMPLETION_TOKENS_ESTIMATE;
  const costUsd = costOfTokens({ promptTokens, completionTokens, cachedTokens: 0 }, input.prices);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, costUsd };
}
