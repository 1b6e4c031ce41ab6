// Converse's stop reasons and token usage in OpenAI's terms, shared by answers and streams.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html

import type { FinishReason, Usage } from '../../wire/openai/types.js';

/**
 * Converse answers carry neither an id nor a time, and adapters read no clock: they are left empty
 * (`id: ''`, `created` 0), which the server fills with the request's id and start time.
 */
export const bedrockCompletionId = '';
export const bedrockCreatedS = 0;

export function finishReasonOf(stopReason: unknown, answeredJson: boolean): FinishReason {
  switch (stopReason) {
    case 'tool_use': return answeredJson ? 'stop' : 'tool_calls';
    case 'max_tokens':
    case 'model_context_window_exceeded': return 'length';
    case 'guardrail_intervened':
    case 'content_filtered': return 'content_filter';
    default: return 'stop';
  }
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/**
 * OpenAI counts cached prompt tokens inside `prompt_tokens`; Converse reports cache reads and
 * writes beside `inputTokens`, so they are added back (as LiteLLM does).
 */
export function usageOf(usage: unknown): Usage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const fields = usage as Record<string, unknown>;
  const cachedTokens = count(fields['cacheReadInputTokens']);
  const promptTokens = count(fields['inputTokens']) + cachedTokens + count(fields['cacheWriteInputTokens']);
  const completionTokens = count(fields['outputTokens']);
  const total = fields['totalTokens'];
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: typeof total === 'number' ? total : promptTokens + completionTokens,
    ...('cacheReadInputTokens' in fields ? { prompt_tokens_details: { cached_tokens: cachedTokens } } : {}),
  };
}
