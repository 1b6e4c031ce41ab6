// Turns Gemini's `usageMetadata` into OpenAI usage. Gemini counts thinking apart from the answer
// (`thoughtsTokenCount`); OpenAI counts reasoning inside completion tokens, so they are added.
// https://ai.google.dev/api/generate-content#UsageMetadata

import type { Usage } from '../../wire/openai/types.js';
import type { GeminiUsageMetadata } from './gemini-types.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function toOpenAIUsage(metadata: GeminiUsageMetadata): Usage {
  const prompt = count(metadata.promptTokenCount);
  const thoughts = count(metadata.thoughtsTokenCount);
  const completion = count(metadata.candidatesTokenCount) + thoughts;
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: metadata.totalTokenCount ?? prompt + completion };
  if (metadata.cachedContentTokenCount !== undefined) usage.prompt_tokens_details = { cached_tokens: count(metadata.cachedContentTokenCount) };
  if (metadata.thoughtsTokenCount !== undefined) usage.completion_tokens_details = { reasoning_tokens: thoughts };
  return usage;
}
