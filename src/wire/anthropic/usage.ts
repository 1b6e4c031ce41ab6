// Token usage between Anthropic's split (input, cache reads, cache writes, output) and the canonical
// OpenAI one (prompt tokens include cache reads and writes, as LiteLLM counts them), plus an observer
// of native Anthropic streams, which the server forwards untouched. No pricing here.

import type { Usage } from '../openai/types.js';
import type { AnthropicMessage, AnthropicUsage } from './types.js';
import { isRecord } from './invalid-param.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** Cache writes: LiteLLM puts them at `usage.cache_creation_input_tokens`; Gatehouse also reads `prompt_tokens_details.cache_creation_tokens`. */
function cacheCreationOf(usage: Usage): number {
  const details = usage.prompt_tokens_details;
  const nested = details?.['cache_creation_tokens'];
  return count(nested ?? (usage as unknown as Record<string, unknown>)['cache_creation_input_tokens']);
}

/** Canonical usage as Anthropic reports it: `input_tokens` counts only the uncached, unwritten part. */
export function anthropicUsageOf(usage: Usage | null | undefined): AnthropicUsage {
  if (usage === undefined || usage === null) {
    return { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 };
  }
  const cacheRead = count(usage.prompt_tokens_details?.cached_tokens);
  const cacheCreation = cacheCreationOf(usage);
  return {
    input_tokens: Math.max(0, count(usage.prompt_tokens) - cacheRead - cacheCreation),
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: cacheRead,
    output_tokens: count(usage.completion_tokens),
  };
}

/** Anthropic's usage counters as canonical usage. */
export function canonicalUsageOf(usage: Partial<AnthropicUsage> | Record<string, unknown>): Usage {
  const cacheRead = count(usage['cache_read_input_tokens']);
  const cacheCreation = count(usage['cache_creation_input_tokens']);
  const prompt = count(usage['input_tokens']) + cacheRead + cacheCreation;
  const completion = count(usage['output_tokens']);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_creation_tokens: cacheCreation },
  };
}

/** The usage of a native answer body; it comes from upstream, so anything unexpected counts as 0. */
export function usageOfAnthropicMessage(message: AnthropicMessage | unknown): Usage {
  const usage = isRecord(message) ? message['usage'] : undefined;
  return canonicalUsageOf(isRecord(usage) ? usage : {});
}

export interface AnthropicUsageObserver {
  /** One decoded SSE event of a native Messages stream; never throws, whatever the event holds. */
  observe(event: { readonly event: string | undefined; readonly data: string }): void;
  /** The usage so far; undefined until `message_start` carried some. */
  usage(): Usage | undefined;
  /** `message_stop` was seen: the stream ended normally. */
  complete(): boolean;
}

const usageKeys = ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'output_tokens'] as const;

function parsed(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `message_start` carries the input counts (and an early `output_tokens`); each `message_delta` carries
 * cumulative totals, any of which may be absent or null. https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export function createAnthropicUsageObserver(): AnthropicUsageObserver {
  let totals: Record<string, unknown> | undefined;
  let completed = false;

  function merge(usage: unknown): void {
    if (!isRecord(usage)) return;
    totals ??= {};
    for (const key of usageKeys) {
      if (typeof usage[key] === 'number') totals[key] = usage[key];
    }
  }

  return {
    observe(event) {
      const type = event.event;
      if (type !== 'message_start' && type !== 'message_delta' && type !== 'message_stop') return;
      if (type === 'message_stop') {
        completed = true;
        return;
      }
      const data = parsed(event.data);
      if (type === 'message_start') merge(isRecord(data?.['message']) ? data['message']['usage'] : undefined);
      else merge(data?.['usage']);
    },
    usage: () => (totals === undefined ? undefined : canonicalUsageOf(totals)),
    complete: () => completed,
  };
}
