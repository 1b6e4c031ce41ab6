// Token counts as usage accounting sees them: read from an OpenAI-shaped `usage` object, or
// approximated from a character count when none arrived. Never sees or keeps the text itself.

import type { Usage } from '../wire/openai/types.js';

/** Prompt tokens include the cached ones (OpenAI's convention); completion tokens include reasoning. */
export interface TokenCount {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
}

/** The usual English ratio; good enough to reserve budgets and to account for a stream cut early. */
export const CHARS_PER_TOKEN = 4;

export function tokensForChars(chars: number): number {
  return chars > 0 ? Math.ceil(chars / CHARS_PER_TOKEN) : 0;
}

/** Roughly how many tokens `text` is; callers pass streamed deltas' lengths instead of keeping text. */
export function approximateTokens(text: string): number {
  return tokensForChars(text.length);
}

export function tokenCountOfUsage(usage: Usage): TokenCount {
  return tokenCountOf({
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    cachedTokens: usage.prompt_tokens_details?.cached_tokens,
  });
}

/** Whole, non-negative counts, with no more cached tokens than prompt tokens; missing ones are 0. */
export function tokenCountOf(counts: { readonly [K in keyof TokenCount]?: unknown }): TokenCount {
  const promptTokens = countOf(counts.promptTokens);
  return {
    promptTokens,
    completionTokens: countOf(counts.completionTokens),
    cachedTokens: Math.min(promptTokens, countOf(counts.cachedTokens)),
  };
}

/** A provider's count as a non-negative integer; anything else counts as 0. */
function countOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
