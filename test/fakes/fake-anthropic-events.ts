// The stream of one fake Anthropic answer as the Messages API sends it: message_start, a ping,
// each content block as start, deltas and stop, message_delta, message_stop. Writing is fake-anthropic.ts's.
// https://docs.anthropic.com/en/docs/build-with-claude/streaming

import type { AnthropicContentDelta, AnthropicMessage, AnthropicResponseBlock, AnthropicStreamEvent } from '../../src/wire/anthropic/types.js';

/** Splits text into about `pieces` parts (at least one), keeping every character. */
function split(text: string, pieces: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += size) parts.push(text.slice(at, at + size));
  return parts.length === 0 ? [''] : parts;
}

function blockEvents(block: AnthropicResponseBlock, index: number): AnthropicStreamEvent[] {
  let opening: AnthropicResponseBlock;
  let deltas: AnthropicContentDelta[];
  if (block.type === 'text') {
    opening = { type: 'text', text: '' };
    deltas = split(block.text, 3).map((text) => ({ type: 'text_delta', text }));
  } else if (block.type === 'tool_use') {
    opening = { ...block, input: {} };
    // Anthropic opens a tool's input with an empty partial_json, then sends pieces of the JSON.
    deltas = ['', ...split(JSON.stringify(block.input), 3)].map((partial_json) => ({ type: 'input_json_delta', partial_json }));
  } else if (block.type === 'thinking') {
    opening = { type: 'thinking', thinking: '', signature: '' };
    deltas = [...split(block.thinking, 2).map((thinking): AnthropicContentDelta => ({ type: 'thinking_delta', thinking })), { type: 'signature_delta', signature: block.signature }];
  } else {
    opening = block;
    deltas = [];
  }
  return [
    { type: 'content_block_start', index, content_block: opening },
    ...deltas.map((delta): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta })),
    { type: 'content_block_stop', index },
  ];
}

export function streamEventsOf(message: AnthropicMessage): AnthropicStreamEvent[] {
  const { output_tokens: outputTokens, ...promptUsage } = message.usage;
  return [
    { type: 'message_start', message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...promptUsage, output_tokens: 1 } } },
    { type: 'ping' },
    ...message.content.flatMap(blockEvents),
    { type: 'message_delta', delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence }, usage: { output_tokens: outputTokens } },
    { type: 'message_stop' },
  ];
}
