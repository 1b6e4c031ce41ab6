// Test helpers for Anthropic streams: canonical chunk builders, and a decoder of encoder output that
// checks the framing of every event (`event:` equals the data's `type`, data is JSON).

import assert from 'node:assert/strict';
import { createSseDecoder } from '../../../src/upstream/sse-decoder.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice, FinishReason, Usage } from '../../../src/wire/openai/types.js';

export type Event = Record<string, unknown> & { type: string };

export function decodeEvents(text: string): Event[] {
  const decoder = createSseDecoder();
  const bytes = new TextEncoder().encode(text);
  const events = [...decoder.push(bytes), ...decoder.end()];
  // Every frame ends with a blank line, so nothing may be left over or split differently.
  assert.equal(events.length, text.split('\n\n').length - 1);
  return events.map((event) => {
    const data = JSON.parse(event.data) as Event;
    assert.equal(event.event, data.type, `event: line of ${event.data}`);
    return data;
  });
}

export function chunk(delta: ChatCompletionChunkChoice['delta'], finish: FinishReason | null = null, extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk {
  return {
    id: 'chatcmpl-abc123', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: finish }], ...extra,
  };
}

export function usageChunk(usage: Usage): ChatCompletionChunk {
  return { id: 'chatcmpl-abc123', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini', choices: [], usage };
}

export const finalUsage: Usage = { prompt_tokens: 50, completion_tokens: 12, total_tokens: 62, prompt_tokens_details: { cached_tokens: 8 } };

/** The events of one whole content block: its start, its deltas, its stop. */
export function blockEvents(index: number, contentBlock: Record<string, unknown>, deltas: Record<string, unknown>[]): Event[] {
  return [
    { type: 'content_block_start', index, content_block: contentBlock },
    ...deltas.map((delta): Event => ({ type: 'content_block_delta', index, delta })),
    { type: 'content_block_stop', index },
  ];
}

export const emptyThinking = { type: 'thinking', thinking: '', signature: '' };

export function thinkingDeltas(pieces: string[], signature?: string): Record<string, unknown>[] {
  const deltas = pieces.map((thinking) => ({ type: 'thinking_delta', thinking }));
  return signature === undefined ? deltas : [...deltas, { type: 'signature_delta', signature }];
}
