// Canonical ChatCompletion -> Anthropic Message: thinking, text and tool_use blocks, stop reason and
// usage. Tool call arguments that are not a JSON object are refused (502 upstream_malformed): Anthropic
// guarantees `input` is an object, and guessing one could run a client's tool with the wrong input.

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletion, ChatCompletionChoice, ChatToolCall } from '../openai/types.js';
import type { AnthropicMessage, AnthropicMessagesRequest, AnthropicResponseBlock, AnthropicToolUseBlock } from './types.js';
import { isRecord } from './invalid-param.js';
import { messageIdOf } from './message-id.js';
import { anthropicStopOf, matchedStopSequence } from './stop-reason.js';
import { anthropicUsageOf } from './usage.js';

type ChoiceMessage = ChatCompletionChoice['message'];

/** LiteLLM's `thinking_blocks` (with signatures), else a plain `reasoning_content` / `reasoning` text. */
export function thinkingOf(message: Record<string, unknown>): AnthropicResponseBlock[] {
  const blocks = message['thinking_blocks'];
  if (Array.isArray(blocks) && blocks.length > 0) {
    return blocks.flatMap((block: unknown): AnthropicResponseBlock[] => {
      if (!isRecord(block)) return [];
      if (block['type'] === 'redacted_thinking' && typeof block['data'] === 'string') return [{ type: 'redacted_thinking', data: block['data'] }];
      if (typeof block['thinking'] !== 'string') return [];
      const signature = typeof block['signature'] === 'string' ? block['signature'] : '';
      return [{ type: 'thinking', thinking: block['thinking'], signature }];
    });
  }
  const text = message['reasoning_content'] ?? message['reasoning'];
  return typeof text === 'string' && text !== '' ? [{ type: 'thinking', thinking: text, signature: '' }] : [];
}

export function toolInputOf(argumentsJson: string, truncated: boolean): Record<string, unknown> {
  // Several OpenAI-compatible servers send "" for a call without arguments.
  if (argumentsJson.trim() === '') return {};
  let input: unknown;
  try {
    input = JSON.parse(argumentsJson);
  } catch {
    input = undefined;
  }
  if (isRecord(input)) return input;
  const cut = truncated ? ' The answer was cut off by max_tokens; raise it.' : '';
  throw new GatewayError('upstream_malformed', {
    message: `The model's tool call arguments are not a JSON object.${cut}`,
    detail: `tool call arguments of ${argumentsJson.length} characters are not a JSON object`,
  });
}

function toolUse(call: ChatToolCall, truncated: boolean): AnthropicToolUseBlock {
  return { type: 'tool_use', id: call.id, name: call.function.name, input: toolInputOf(call.function.arguments, truncated) };
}

function contentOf(message: ChoiceMessage, truncated: boolean): AnthropicResponseBlock[] {
  const blocks = thinkingOf(message);
  const text = typeof message.content === 'string' && message.content !== '' ? message.content : message.refusal;
  if (typeof text === 'string' && text !== '') blocks.push({ type: 'text', text });
  for (const call of message.tool_calls ?? []) blocks.push(toolUse(call, truncated));
  return blocks;
}

export function fromChatCompletion(completion: ChatCompletion, request: AnthropicMessagesRequest): AnthropicMessage {
  const choice = completion.choices[0];
  if (choice === undefined || !isRecord(choice.message)) {
    throw new GatewayError('upstream_malformed', { detail: 'chat completion without choices[0].message' });
  }
  const content = contentOf(choice.message, choice.finish_reason === 'length');
  const hasToolUse = content.some((block) => block.type === 'tool_use');
  const stop = anthropicStopOf(choice.finish_reason, hasToolUse, matchedStopSequence(choice, request));
  return {
    id: messageIdOf(completion.id),
    type: 'message',
    role: 'assistant',
    model: typeof completion.model === 'string' && completion.model !== '' ? completion.model : request.model,
    content,
    stop_reason: stop.stop_reason,
    stop_sequence: stop.stop_sequence,
    usage: anthropicUsageOf(completion.usage),
  };
}
