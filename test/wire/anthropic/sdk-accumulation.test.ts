// The official Anthropic SDKs (1.x and 0.x) read the encoder's stream and the translated answer as
// they read Anthropic's own: the SDK's stream accumulator must rebuild the same message.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import AnthropicV1 from '@anthropic-ai/sdk';
import AnthropicV0 from 'anthropic-sdk-v0';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import { createAnthropicStreamEncoder } from '../../../src/wire/anthropic/stream-encoder.js';
import type { AnthropicMessagesRequest } from '../../../src/wire/anthropic/types.js';
import { chunk, finalUsage, usageChunk } from './stream-events.js';

const request: AnthropicMessagesRequest = { model: 'claude-sonnet', max_tokens: 256, messages: [{ role: 'user', content: 'Weather?' }], stream: true };

function streamText(): string {
  const encoder = createAnthropicStreamEncoder(request);
  const chunks = [
    chunk({ role: 'assistant', reasoning_content: 'Use the tool.', thinking_blocks: [{ type: 'thinking', thinking: 'Use the tool.', signature: 'sig' }] }),
    chunk({ content: 'One moment.' }),
    chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city"' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: ':"Oslo"}' } }] }),
    chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'clock', arguments: '{}' } }] }),
    chunk({}, 'tool_calls'),
    usageChunk(finalUsage),
  ];
  return chunks.map((item) => encoder.chunk(item)).join('') + encoder.end();
}

function fakeFetch(body: string): typeof fetch {
  return () => Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
}

const expected = {
  id: 'msg_abc123',
  content: [
    { type: 'thinking', thinking: 'Use the tool.', signature: 'sig' },
    { type: 'text', text: 'One moment.' },
    { type: 'tool_use', id: 'call_a', name: 'weather', input: { city: 'Oslo' } },
    { type: 'tool_use', id: 'call_b', name: 'clock', input: {} },
  ],
  stop_reason: 'tool_use',
  usage: { input_tokens: 42, cache_creation_input_tokens: 0, cache_read_input_tokens: 8, output_tokens: 12 },
};

interface AccumulatedMessage {
  readonly id: string;
  readonly content: readonly object[];
  readonly stop_reason: string | null;
  readonly usage: object;
}

function assertAccumulated(message: AccumulatedMessage): void {
  assert.equal(message.id, expected.id);
  assert.deepEqual(message.content.map((block) => ({ ...block })), expected.content);
  assert.equal(message.stop_reason, expected.stop_reason);
  assert.deepEqual({ ...message.usage }, expected.usage);
}

const options = { apiKey: 'test-key', baseURL: 'http://gatehouse.invalid', maxRetries: 0 };
const params = { model: request.model, max_tokens: request.max_tokens, messages: [{ role: 'user' as const, content: 'Weather?' }] };

describe('official Anthropic SDKs read the encoded stream', () => {
  it('@anthropic-ai/sdk 1.x accumulates the same message', async () => {
    const client = new AnthropicV1({ ...options, fetch: fakeFetch(streamText()) });
    assertAccumulated(await client.messages.stream(params).finalMessage());
  });

  it('@anthropic-ai/sdk 0.x accumulates the same message', async () => {
    const client = new AnthropicV0({ ...options, fetch: fakeFetch(streamText()) });
    assertAccumulated(await client.messages.stream(params).finalMessage());
  });

  it('both SDKs throw the error event of a stream that broke after it started', async () => {
    const encoder = createAnthropicStreamEncoder(request);
    const body = encoder.chunk(chunk({ role: 'assistant', content: 'Partial' })) + encoder.error(new GatewayError('upstream_overloaded'));
    const finals = [
      () => new AnthropicV1({ ...options, fetch: fakeFetch(body) }).messages.stream(params).finalMessage(),
      () => new AnthropicV0({ ...options, fetch: fakeFetch(body) }).messages.stream(params).finalMessage(),
    ];
    for (const final of finals) {
      await assert.rejects(final, (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, /overloaded_error/);
        return true;
      });
    }
  });
});
