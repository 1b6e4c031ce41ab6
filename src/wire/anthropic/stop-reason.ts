// The Anthropic `stop_reason` (and `stop_sequence`) of a canonical finish reason, for whole answers and
// streams alike. https://docs.anthropic.com/en/api/handling-stop-reasons

import type { FinishReason } from '../openai/types.js';
import type { AnthropicMessagesRequest, AnthropicStopReason } from './types.js';
import { isRecord } from './invalid-param.js';

export interface AnthropicStop {
  readonly stop_reason: AnthropicStopReason;
  readonly stop_sequence: string | null;
}

/**
 * The stop string that ended the answer, when the upstream says which: vLLM and SGLang put it in the
 * choice's `stop_reason`, LiteLLM-style translations in `stop_sequence`. Only one of the client's own
 * `stop_sequences` counts (vLLM also reports stop token ids there).
 */
export function matchedStopSequence(choice: unknown, request: AnthropicMessagesRequest): string | undefined {
  if (!isRecord(choice)) return undefined;
  const sequences = request.stop_sequences ?? [];
  for (const key of ['stop_sequence', 'stop_reason']) {
    const value = choice[key];
    if (typeof value === 'string' && sequences.includes(value)) return value;
  }
  return undefined;
}

export function anthropicStopOf(finish: FinishReason | null | undefined, hasToolUse: boolean, matched: string | undefined): AnthropicStop {
  switch (finish) {
    case 'length': return { stop_reason: 'max_tokens', stop_sequence: null };
    case 'tool_calls':
    case 'function_call': return { stop_reason: 'tool_use', stop_sequence: null };
    case 'content_filter': return { stop_reason: 'refusal', stop_sequence: null };
    default:
      // Some OpenAI-compatible upstreams end a tool-calling turn with `stop`; Anthropic clients loop on `tool_use`.
      if (hasToolUse) return { stop_reason: 'tool_use', stop_sequence: null };
      if (matched !== undefined) return { stop_reason: 'stop_sequence', stop_sequence: matched };
      return { stop_reason: 'end_turn', stop_sequence: null };
  }
}
