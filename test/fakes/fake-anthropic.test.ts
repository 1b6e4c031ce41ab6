// The fake Anthropic server, driven by the official Anthropic SDK (0.x, which sends x-api-key and
// anthropic-version 2023-06-01 as Gatehouse does; 1.x for its bearer key) and raw fetch for framing
// and refusals the SDK would not send: if the SDK understands it, tests against it use the real wire format.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from 'anthropic-sdk-v0';
import AnthropicV1 from '@anthropic-ai/sdk';
import { startFakeAnthropic } from './fake-anthropic.js';
import type { FakeAnthropic } from './fake-anthropic.js';

const apiKey = 'sk-ant-api03-fake-key-0123456789';
const weather = { name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city', 'days'] } };

describe('fake Anthropic server', () => {
  let fake: FakeAnthropic;
  let client: Anthropic;
  before(async () => {
    fake = await startFakeAnthropic({ apiKey });
    client = new Anthropic({ baseURL: fake.baseUrl, apiKey, maxRetries: 0 });
  });
  after(() => fake.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' }) =>
    fetch(`${fake.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('answers a message deterministically and records the request with its headers', async () => {
    const request = { model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hello there' }] };
    const first = await client.messages.create(request);
    assert.deepEqual(await client.messages.create(request), first);
    assert.deepEqual(first.content, [{ type: 'text', text: 'Hello from claude-sonnet-4-6. You said: "Hello there"' }]);
    assert.equal(first.stop_reason, 'end_turn');
    const seen = fake.requests.at(-1);
    assert.equal(seen?.path, '/v1/messages');
    assert.equal(seen?.headers['x-api-key'], apiKey);
    assert.equal(seen?.headers['anthropic-version'], '2023-06-01');
  });

  it('streams event frames, a ping after message_start, that the SDK assembles into the same message', async () => {
    const request = { model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Stream it' }] };
    const whole = await client.messages.create(request);
    const streamed = await client.messages.stream(request).finalMessage();
    assert.deepEqual(streamed.content, whole.content);
    assert.equal(streamed.usage.output_tokens, whole.usage.output_tokens);
    const text = await (await post('/v1/messages', { ...request, stream: true })).text();
    assert.match(text, /^event: message_start\ndata: \{"type":"message_start",.*\n\nevent: ping\ndata: \{"type":"ping"\}\n\nevent: content_block_start\n/s);
    assert.ok(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n'));
  });

  it('calls a tool when tools are offered, and answers in text after its result', async () => {
    const ask = { role: 'user' as const, content: 'Weather?' };
    const call = await client.messages.create({ model: 'claude', max_tokens: 100, tools: [weather], messages: [ask] });
    const use = call.content.find((block) => block.type === 'tool_use');
    assert.equal(call.stop_reason, 'tool_use');
    assert.deepEqual(use?.type === 'tool_use' ? use.input : undefined, { city: 'example', days: 1 });
    const id = use?.type === 'tool_use' ? use.id : '';
    const answer = await client.messages.create({
      model: 'claude', max_tokens: 100, tools: [weather],
      messages: [ask, { role: 'assistant', content: call.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: '18 degrees' }] }],
    });
    assert.deepEqual(answer.content, [{ type: 'text', text: 'Hello from claude. The tool said: 18 degrees' }]);
    await assert.rejects(
      client.messages.create({ model: 'claude', max_tokens: 100, messages: [ask, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_nope', content: 'x' }] }] }),
      (error: unknown) => error instanceof Anthropic.BadRequestError && /tool_use_id/.test(error.message),
    );
  });

  it('applies stop sequences and max_tokens', async () => {
    const base = { model: 'claude', messages: [{ role: 'user' as const, content: 'Count' }] };
    const stopped = await client.messages.create({ ...base, max_tokens: 100, stop_sequences: ['You said'] });
    assert.deepEqual([stopped.stop_reason, stopped.stop_sequence, stopped.content], ['stop_sequence', 'You said', [{ type: 'text', text: 'Hello from claude. ' }]]);
    const short = await client.messages.create({ ...base, max_tokens: 2 });
    assert.deepEqual([short.stop_reason, short.content], ['max_tokens', [{ type: 'text', text: 'Hello fr' }]]);
  });

  it('writes a marked prefix to the cache once, then reads it', async () => {
    const request = { model: 'claude', max_tokens: 50, system: [{ type: 'text' as const, text: 'A long preamble. '.repeat(40), cache_control: { type: 'ephemeral' as const } }], messages: [{ role: 'user' as const, content: 'Hi' }] };
    const first = await client.messages.create(request);
    const second = await client.messages.create(request);
    assert.ok((first.usage.cache_creation_input_tokens ?? 0) > 0);
    assert.equal(first.usage.cache_read_input_tokens, 0);
    assert.equal(second.usage.cache_read_input_tokens, first.usage.cache_creation_input_tokens);
  });

  it('refuses a wrong key, a missing version header and missing fields with Anthropic error bodies', async () => {
    const wrong = new Anthropic({ baseURL: fake.baseUrl, apiKey: 'sk-ant-wrong', maxRetries: 0 });
    await assert.rejects(wrong.messages.create({ model: 'claude', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] }), Anthropic.AuthenticationError);
    const noVersion = await post('/v1/messages', { model: 'claude', max_tokens: 5, messages: [] }, { 'x-api-key': apiKey });
    assert.equal(noVersion.status, 400);
    assert.deepEqual(((await noVersion.json()) as { error: unknown }).error, { type: 'invalid_request_error', message: 'anthropic-version: header is required' });
    const noMax = await post('/v1/messages', { model: 'claude', messages: [{ role: 'user', content: 'Hi' }] });
    assert.deepEqual(((await noMax.json()) as { error: unknown }).error, { type: 'invalid_request_error', message: 'max_tokens: Field required' });
  });

  it('takes the key as a bearer token from SDK 1.x', async () => {
    const v1 = new AnthropicV1({ baseURL: fake.baseUrl, apiKey, maxRetries: 0 });
    const answer = await v1.messages.create({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(answer.type, 'message');
    assert.equal(fake.requests.at(-1)?.headers['authorization'], `Bearer ${apiKey}`);
  });

  it('counts tokens', async () => {
    const counted = await client.messages.countTokens({ model: 'claude', messages: [{ role: 'user', content: 'Hello there, how are you?' }] });
    assert.ok(counted.input_tokens > 0);
    assert.equal(fake.requests.at(-1)?.path, '/v1/messages/count_tokens');
  });

  it('plays a 429 with retry-after and a 529 overloaded, once each', async () => {
    const request = { model: 'claude', max_tokens: 5, messages: [{ role: 'user' as const, content: 'Hi' }] };
    fake.script({ status: 429, headers: { 'retry-after': '7' } }, { status: 529 });
    await assert.rejects(client.messages.create(request), (error: unknown) => error instanceof Anthropic.RateLimitError && error.headers.get('retry-after') === '7');
    await assert.rejects(client.messages.create(request), (error: unknown) => error instanceof Anthropic.APIError && error.status === 529 && /overloaded_error/.test(error.message));
    assert.equal((await client.messages.create(request)).type, 'message');
  });

  it('plays an error event mid-stream and a stream cut before message_stop', async () => {
    const request = { model: 'claude', max_tokens: 50, messages: [{ role: 'user' as const, content: 'Stream' }], stream: true };
    fake.script({ errorEventAfter: 3 });
    const failed = await (await post('/v1/messages', request)).text();
    assert.ok(failed.endsWith('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'), failed);
    assert.ok(!failed.includes('message_stop'));
    fake.script({ cutStreamAfterEvents: 4 });
    const { stream: _stream, ...whole } = request;
    await assert.rejects(client.messages.stream(whole).finalMessage());
  });
});
