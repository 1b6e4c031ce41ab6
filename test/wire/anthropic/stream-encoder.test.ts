// The Anthropic stream encoder fed realistic canonical chunk sequences, checked event by event after
// decoding its output with the SSE decoder.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import { createAnthropicStreamEncoder } from '../../../src/wire/anthropic/stream-encoder.js';
import type { AnthropicMessagesRequest } from '../../../src/wire/anthropic/types.js';
import type { ChatCompletionChunk } from '../../../src/wire/openai/types.js';
import { blockEvents, chunk, decodeEvents, emptyThinking, finalUsage, thinkingDeltas, usageChunk, type Event } from './stream-events.js';

const request: AnthropicMessagesRequest = { model: 'claude-sonnet', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }], stream: true, stop_sequences: ['END'] };

function encode(chunks: ChatCompletionChunk[]): { text: string; events: Event[] } {
  const encoder = createAnthropicStreamEncoder(request);
  const text = chunks.map((item) => encoder.chunk(item)).join('') + encoder.end();
  return { text, events: decodeEvents(text) };
}

const messageStart = {
  type: 'message_start',
  message: {
    id: 'msg_abc123', type: 'message', role: 'assistant', model: 'gpt-4o-mini', content: [], stop_reason: null, stop_sequence: null,
    usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
  },
};
const endUsage = { input_tokens: 42, cache_creation_input_tokens: 0, cache_read_input_tokens: 8, output_tokens: 12 };

describe('Anthropic stream encoder', () => {
  it('streams text, holding the stop for the usage-only final chunk', () => {
    const encoder = createAnthropicStreamEncoder(request);
    assert.notEqual(encoder.chunk(chunk({ role: 'assistant', content: '' })), '');
    encoder.chunk(chunk({ content: 'Hel' }));
    encoder.chunk(chunk({ content: 'lo' }));
    encoder.chunk(chunk({}, 'stop'));
    assert.equal(encoder.chunk(usageChunk(finalUsage)), '');
    const { text, events } = encode([chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' }), chunk({ content: 'lo' }), chunk({}, 'stop'), usageChunk(finalUsage)]);
    assert.deepEqual(events, [
      messageStart,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: endUsage },
      { type: 'message_stop' },
    ]);
    assert.ok(text.startsWith('event: message_start\ndata: {"type":"message_start",'));
    assert.ok(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n'));
  });

  it('streams text then two tool calls, each its own block with input_json_delta', () => {
    const { events } = encode([
      chunk({ role: 'assistant', content: 'Checking.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'clock', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      usageChunk(finalUsage),
    ]);
    assert.deepEqual(events.slice(1), [
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_a', name: 'weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Oslo"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_b', name: 'clock', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: endUsage },
      { type: 'message_stop' },
    ]);
  });

  it('opens a block per call when several whole tool calls arrive in one chunk', () => {
    const { events } = encode([
      chunk({ role: 'assistant', tool_calls: [
        { index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
        { index: 1, id: 'call_b', type: 'function', function: { name: 'clock', arguments: '{}' } },
      ] }, 'tool_calls'),
    ]);
    assert.deepEqual(events.slice(1, -2), [
      ...blockEvents(0, { type: 'tool_use', id: 'call_a', name: 'weather', input: {} }, [{ type: 'input_json_delta', partial_json: '{"city":"Oslo"}' }]),
      ...blockEvents(1, { type: 'tool_use', id: 'call_b', name: 'clock', input: {} }, [{ type: 'input_json_delta', partial_json: '{}' }]),
    ]);
    assert.deepEqual(events.at(-2)?.['delta'], { stop_reason: 'tool_use', stop_sequence: null });
  });

  it('streams reasoning then text: a thinking block with its signature, then a text block', () => {
    const { events } = encode([
      chunk({ role: 'assistant', reasoning_content: 'Let me', thinking_blocks: [{ type: 'thinking', thinking: 'Let me' }] }),
      chunk({ reasoning_content: ' think.', thinking_blocks: [{ type: 'thinking', thinking: ' think.' }] }),
      chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'EqQBCgIYAh' }] }),
      chunk({ content: '42' }),
      chunk({ reasoning_content: 'Plain reasoning, no blocks.' }),
      chunk({}, 'stop'),
      usageChunk(finalUsage),
    ]);
    assert.deepEqual(events.slice(1, -2), [
      ...blockEvents(0, emptyThinking, thinkingDeltas(['Let me', ' think.'], 'EqQBCgIYAh')),
      ...blockEvents(1, { type: 'text', text: '' }, [{ type: 'text_delta', text: '42' }]),
      ...blockEvents(2, emptyThinking, thinkingDeltas(['Plain reasoning, no blocks.'])),
    ]);
  });

  it('does not repeat thinking when the whole block follows its pieces (Anthropic adapter style)', () => {
    const { events } = encode([
      chunk({ role: 'assistant', reasoning_content: 'First ' }),
      chunk({ reasoning_content: 'idea.' }),
      chunk({ thinking_blocks: [{ type: 'thinking', thinking: 'First idea.', signature: 'sig-1' }] }),
      chunk({ thinking_blocks: [{ type: 'thinking', thinking: 'Second, whole.', signature: 'sig-2' }] }),
      chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: 'opaque' }] }),
      chunk({ content: 'Done.' }, 'stop'),
    ]);
    assert.deepEqual(events.slice(1, -2), [
      ...blockEvents(0, emptyThinking, thinkingDeltas(['First ', 'idea.'], 'sig-1')),
      ...blockEvents(1, emptyThinking, thinkingDeltas(['Second, whole.'], 'sig-2')),
      ...blockEvents(2, { type: 'redacted_thinking', data: 'opaque' }, []),
      ...blockEvents(3, { type: 'text', text: '' }, [{ type: 'text_delta', text: 'Done.' }]),
    ]);
  });

  it('reports input tokens in message_start when the first chunk carries usage', () => {
    const first = chunk({ role: 'assistant', content: 'x' }, null, { usage: { prompt_tokens: 30, completion_tokens: 0, total_tokens: 30 } });
    const { events } = encode([first, chunk({}, 'length', { usage: { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 } })]);
    assert.deepEqual((events[0]?.['message'] as Record<string, unknown>)['usage'], { input_tokens: 30, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 });
    assert.deepEqual(events.at(-2), { type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { input_tokens: 30, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 9 } });
  });

  it('names the matched stop sequence when the upstream reports it', () => {
    // vLLM's choice carries the matched stop string in `stop_reason`, outside the OpenAI type.
    const vllmChoice = { index: 0, delta: {}, finish_reason: 'stop', stop_reason: 'END' } as ChatCompletionChunk['choices'][number];
    const { events } = encode([chunk({ content: 'a' }), { ...chunk({}, 'stop'), choices: [vllmChoice] }]);
    assert.deepEqual(events.at(-2)?.['delta'], { stop_reason: 'stop_sequence', stop_sequence: 'END' });
  });

  it('ends an empty stream with a whole, empty message', () => {
    const { events } = encode([]);
    assert.deepEqual(events.map((event) => event.type), ['message_start', 'message_delta', 'message_stop']);
    assert.deepEqual(events[1]?.['usage'], { output_tokens: 0 });
  });

  it('ends with an error event mid-stream, after which nothing is sent', () => {
    const encoder = createAnthropicStreamEncoder(request);
    let text = encoder.chunk(chunk({ role: 'assistant', content: 'Partial' }));
    text += encoder.error(new GatewayError('upstream_overloaded', { detail: 'secret detail' }));
    assert.equal(encoder.chunk(chunk({ content: 'more' })), '');
    assert.equal(encoder.end(), '');
    assert.equal(encoder.error(new GatewayError('internal_error')), '');
    const events = decodeEvents(text);
    assert.deepEqual(events.map((event) => event.type), ['message_start', 'content_block_start', 'content_block_delta', 'error']);
    assert.deepEqual(events.at(-1), { type: 'error', error: { type: 'overloaded_error', message: 'The upstream provider is overloaded.' } });
    assert.ok(!text.includes('secret detail'));
  });
});
