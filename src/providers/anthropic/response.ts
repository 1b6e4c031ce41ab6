// Checks an Anthropic Messages answer and turns it into a canonical chat completion: text, tool
// calls, thinking, stop reason and usage (cache reads and writes counted as prompt tokens).
// Streams are `stream.ts`'s. https://docs.anthropic.com/en/api/messages (response)

import { GatewayError } from '../../errors/gateway-error.js';
import type { AnthropicMessage, AnthropicStopReason, AnthropicUsage } from '../../wire/anthropic/types.js';
import type { ChatCompletion, ChatToolCall, FinishReason, Usage } from '../../wire/openai/types.js';
import { jsonToolName } from './chat-params.js';

/** Canonical usage plus LiteLLM's names for Anthropic's cache counts. */
export interface AnthropicChatUsage extends Usage {
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface ThinkingBlockOut {
  type: 'thinking' | 'redacted_thinking';
  thinking?: string;
  signature?: string;
  data?: string;
}

/**
 * Adapters read no clock, and Anthropic's answer has no timestamp: `created` is left 0 for the
 * server to fill with the time the request arrived.
 */
export const anthropicCreatedS = 0;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function finishReasonOf(reason: AnthropicStopReason | string | null | undefined, onlyJsonTool: boolean): FinishReason | null {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      // JSON mode's forced tool is the answer itself, not a call for the client to make.
      return onlyJsonTool ? 'stop' : 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return reason === null || reason === undefined ? null : 'stop';
  }
}

export function chatUsageOf(usage: Partial<AnthropicUsage>): AnthropicChatUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  const prompt = (usage.input_tokens ?? 0) + cacheRead + cacheCreation;
  const completion = usage.output_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead },
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: cacheRead,
  };
}

export function parseAnthropicMessage(body: unknown): AnthropicMessage {
  const ok = isRecord(body) && body['type'] === 'message' && Array.isArray(body['content']) && isRecord(body['usage'])
    && body['content'].every((block) => isRecord(block) && typeof block['type'] === 'string');
  if (!ok) throw new GatewayError('upstream_malformed', { detail: 'The upstream answer is not an Anthropic message.' });
  return body as AnthropicMessage;
}

export function anthropicToChatCompletion(body: unknown): ChatCompletion {
  const answer = parseAnthropicMessage(body);
  const texts: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: ChatToolCall[] = [];
  const thinkingBlocks: ThinkingBlockOut[] = [];
  for (const block of answer.content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use' && block.name === jsonToolName) texts.push(JSON.stringify(block.input));
    else if (block.type === 'tool_use') {
      toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } });
    } else if (block.type === 'thinking') {
      reasoning.push(block.thinking);
      thinkingBlocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    } else if (block.type === 'redacted_thinking') thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
  }
  const message = {
    role: 'assistant' as const,
    content: texts.length === 0 ? null : texts.join(''),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(reasoning.length > 0 ? { reasoning_content: reasoning.join('') } : {}),
    ...(thinkingBlocks.length > 0 ? { thinking_blocks: thinkingBlocks } : {}),
  };
  return {
    id: answer.id,
    object: 'chat.completion',
    created: anthropicCreatedS,
    model: answer.model,
    choices: [{ index: 0, message, finish_reason: finishReasonOf(answer.stop_reason, toolCalls.length === 0), logprobs: null }],
    usage: chatUsageOf(answer.usage),
  };
}
