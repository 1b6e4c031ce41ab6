// Turns canonical chat messages into Anthropic's `system` and alternating `messages` turns: system
// and developer messages are lifted out, tool calls become `tool_use`, tool answers `tool_result`
// in a user turn, and consecutive turns of one role are merged. Parameters are `chat-params.ts`'s.
// https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use

import type {
  AnthropicMessageParam,
  AnthropicRequestBlock,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from '../../wire/anthropic/types.js';
import type { ChatMessage } from '../../wire/openai/types.js';
import { cacheControlOf, contentBlocks, invalidContent, textBlocks } from './chat-content.js';

export interface AnthropicConversation {
  readonly system: AnthropicTextBlock[];
  readonly messages: AnthropicMessageParam[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toolUse(call: unknown, param: string): AnthropicToolUseBlock {
  const fn = isRecord(call) ? call['function'] : undefined;
  if (!isRecord(call) || !isRecord(fn) || typeof call['id'] !== 'string' || typeof fn['name'] !== 'string') {
    throw invalidContent(param, `${param} must be {"id":...,"type":"function","function":{"name":...,"arguments":...}}.`);
  }
  const args = fn['arguments'];
  let input: unknown = {};
  if (typeof args === 'string' && args.trim() !== '') {
    try {
      input = JSON.parse(args);
    } catch {
      input = undefined;
    }
  }
  // Anthropic's `tool_use.input` is an object: arguments that are not a JSON object cannot be replayed.
  if (!isRecord(input)) throw invalidContent(`${param}.function.arguments`, `${param}.function.arguments must be a JSON object.`);
  return { type: 'tool_use', id: call['id'], name: fn['name'], input, ...cacheControlOf(call) };
}

/** Thinking blocks an earlier answer returned (LiteLLM's `thinking_blocks`), replayed first as Anthropic requires. */
function thinkingBlocks(message: ChatMessage, param: string): AnthropicRequestBlock[] {
  const blocks = message['thinking_blocks'];
  if (blocks === undefined || blocks === null) return [];
  if (!Array.isArray(blocks)) throw invalidContent(`${param}.thinking_blocks`, `${param}.thinking_blocks must be an array.`);
  return blocks.map((block: unknown, j) => {
    if (isRecord(block) && block['type'] === 'thinking' && typeof block['thinking'] === 'string' && typeof block['signature'] === 'string') {
      return { type: 'thinking', thinking: block['thinking'], signature: block['signature'] };
    }
    if (isRecord(block) && block['type'] === 'redacted_thinking' && typeof block['data'] === 'string') {
      return { type: 'redacted_thinking', data: block['data'] };
    }
    throw invalidContent(`${param}.thinking_blocks[${j}]`, `${param}.thinking_blocks[${j}] is not a thinking block.`);
  });
}

function assistantBlocks(message: ChatMessage, param: string): AnthropicRequestBlock[] {
  const calls = message.tool_calls ?? [];
  if (!Array.isArray(calls)) throw invalidContent(`${param}.tool_calls`, `${param}.tool_calls must be an array.`);
  return [
    ...thinkingBlocks(message, param),
    ...contentBlocks(message, param),
    ...calls.map((call: unknown, j) => toolUse(call, `${param}.tool_calls[${j}]`)),
  ];
}

function toolResult(message: ChatMessage, param: string): AnthropicToolResultBlock {
  const id = message.tool_call_id;
  if (typeof id !== 'string' || id === '') throw invalidContent(`${param}.tool_call_id`, `${param}.tool_call_id is required.`);
  const blocks = contentBlocks({ ...message, cache_control: undefined }, param).map((block, j) => {
    if (block.type === 'document') throw invalidContent(`${param}.content[${j}]`, `${param}: a tool result may hold text and images only.`);
    return block;
  });
  const content = typeof message.content === 'string' ? message.content : blocks;
  return { type: 'tool_result', tool_use_id: id, content, ...cacheControlOf(message) };
}

interface Turn {
  role: 'user' | 'assistant';
  content: AnthropicRequestBlock[];
}

/** One non-system message's turn: its role in Anthropic's conversation and its blocks. */
function turnOf(message: ChatMessage, param: string): Turn {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: contentBlocks(message, param) };
    case 'assistant':
      return { role: 'assistant', content: assistantBlocks(message, param) };
    case 'tool':
      return { role: 'user', content: [toolResult(message, param)] };
    default:
      throw invalidContent(`${param}.role`, `${param}.role '${message.role}' is not supported by anthropic; use tool messages.`);
  }
}

export function toAnthropicConversation(messages: readonly ChatMessage[]): AnthropicConversation {
  const system: AnthropicTextBlock[] = [];
  const turns: Turn[] = [];
  messages.forEach((message, i) => {
    const param = `messages[${i}]`;
    if (message.role === 'system' || message.role === 'developer') {
      system.push(...textBlocks(message, param));
      return;
    }
    const turn = turnOf(message, param);
    if (turn.content.length === 0) return;
    const previous = turns.at(-1);
    // Anthropic wants user and assistant turns to alternate: consecutive ones become one turn.
    if (previous !== undefined && previous.role === turn.role) previous.content.push(...turn.content);
    else turns.push(turn);
  });
  return { system, messages: turns };
}
