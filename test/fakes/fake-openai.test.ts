// The fake OpenAI server, driven by the official openai SDK: if the SDK understands it, the
// gateway's tests against it exercise the real wire format.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APIConnectionError, AuthenticationError, OpenAI, RateLimitError } from 'openai';
import { collectAsync } from './collect-async.js';
import { startFakeOpenAI } from './fake-openai.js';
import type { FakeOpenAI } from './fake-openai.js';

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' }, metric: { type: 'boolean' }, note: { type: 'string' } },
      required: ['city', 'days', 'metric'],
    },
  },
};

describe('fake OpenAI server', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  before(async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-test-fake-key-0123456789' });
    client = new OpenAI({ baseURL: fake.baseUrl, apiKey: 'sk-test-fake-key-0123456789', maxRetries: 0 });
  });
  after(() => fake.close());

  it('answers a chat completion deterministically and records the request', async () => {
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello there' }] };
    const first = await client.chat.completions.create(request);
    const second = await client.chat.completions.create(request);
    assert.deepEqual(first, second);
    assert.equal(first.object, 'chat.completion');
    assert.equal(first.choices[0]?.message.content, 'This is a mock reply from gpt-4o-mini. You said: "Hello there"');
    assert.equal(first.choices[0]?.finish_reason, 'stop');
    assert.deepEqual([first.usage?.prompt_tokens, first.usage?.completion_tokens], [3, 16]);
    const recorded = fake.requests.at(-1);
    assert.equal(recorded?.path, '/v1/chat/completions');
    assert.equal(recorded?.headers.authorization, 'Bearer sk-test-fake-key-0123456789');
    assert.deepEqual(recorded?.body, request);
  });

  it('streams a role delta, content deltas, the finish reason, usage only when asked, then [DONE]', async () => {
    const base = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello there' }] };
    const whole = await client.chat.completions.create(base);
    const withUsage = await collectAsync(
      await client.chat.completions.create({ ...base, stream: true, stream_options: { include_usage: true } }),
    );
    assert.equal(withUsage[0]?.choices[0]?.delta.role, 'assistant');
    assert.equal(withUsage.map((c) => c.choices[0]?.delta.content ?? '').join(''), whole.choices[0]?.message.content);
    assert.equal(withUsage.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(withUsage.at(-1)?.choices, []);
    assert.deepEqual(withUsage.at(-1)?.usage, whole.usage);
    const withoutUsage = await collectAsync(await client.chat.completions.create({ ...base, stream: true }));
    assert.equal(withoutUsage.length, withUsage.length - 1);
    assert.ok(withoutUsage.every((chunk) => chunk.usage === undefined));
  });

  it('calls the first tool with arguments for its required properties, whole and streamed', async () => {
    const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Weather?' }], tools: [weatherTool] };
    const whole = await client.chat.completions.create(request);
    const call = whole.choices[0]?.message.tool_calls?.[0];
    assert.equal(whole.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(call?.type === 'function' ? call.function.name : undefined, 'get_weather');
    assert.deepEqual(JSON.parse(call?.type === 'function' ? call.function.arguments : ''), { city: 'mock', days: 1, metric: true });
    const chunks = await collectAsync(await client.chat.completions.create({ ...request, stream: true }));
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    assert.equal(deltas[0]?.id, call?.id);
    assert.equal(deltas.map((d) => d.function?.arguments ?? '').join(''), call?.type === 'function' ? call.function.arguments : '');
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'tool_calls');
  });

  it('serves completions, embeddings as floats and base64, and the model list', async () => {
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi' });
    assert.equal(completion.choices[0]?.text, 'This is a mock completion from gpt-3.5-turbo-instruct. Prompt: "Say hi"');
    const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float' });
    const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    assert.equal(fake.requests.at(-1)?.body && (fake.requests.at(-1)?.body as { encoding_format: string }).encoding_format, 'base64');
    assert.deepEqual(decoded.data.map((d) => d.embedding), floats.data.map((d) => d.embedding));
    assert.equal(floats.data[0]?.embedding.length, 8);
    assert.notDeepEqual(floats.data[0]?.embedding, floats.data[1]?.embedding);
    const wide = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'a', dimensions: 32, encoding_format: 'float' });
    assert.equal(wide.data[0]?.embedding.length, 32);
    const models = await collectAsync(client.models.list());
    assert.ok(models.some((model) => model.id === 'gpt-4o-mini'));
  });

  it('rejects a wrong key with OpenAI\'s 401 body, and 404s unknown paths in the same shape', async () => {
    const wrong = new OpenAI({ baseURL: fake.baseUrl, apiKey: 'sk-wrong-key-abcdefgh', maxRetries: 0 });
    await assert.rejects(wrong.models.list(), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.code, 'invalid_api_key');
      assert.ok(!error.message.includes('sk-wrong-key-abcdefgh'));
      return true;
    });
    const response = await fetch(`${fake.baseUrl}/nothing`, { method: 'POST', headers: { authorization: 'Bearer sk-test-fake-key-0123456789' } });
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), {
      error: { message: 'Invalid URL (POST /v1/nothing)', type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('plays scripted answers once each, in order', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '7' } }, { status: 500 });
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    await assert.rejects(client.chat.completions.create(request), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.headers.get('retry-after'), '7');
      return true;
    });
    await assert.rejects(client.chat.completions.create(request), { status: 500 });
    assert.equal((await client.chat.completions.create(request)).object, 'chat.completion');
  });

  it('cuts a stream after the scripted number of chunks', async () => {
    fake.script({ cutStreamAfterChunks: 2, chunks: 5 });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const received: unknown[] = [];
    await assert.rejects(async () => {
      for await (const chunk of stream) received.push(chunk);
    });
    assert.equal(received.length, 2);
    assert.equal(fake.requestsAborted, 0);
  });

  it('counts a client that goes away mid-stream', async () => {
    const abortedBefore = fake.requestsAborted;
    fake.script({ chunks: 50, chunkIntervalMs: 20 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: controller.signal },
    );
    // The SDK ends the iteration quietly when its own signal aborts it.
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content !== undefined) controller.abort();
    await fake.waitForAborted(abortedBefore + 1);
    assert.equal(fake.requestsAborted, abortedBefore + 1);
  });

  it('delays headers as scripted, long enough for a client timeout', async () => {
    const abortedBefore = fake.requestsAborted;
    fake.script({ delayHeadersMs: 5_000 });
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    await assert.rejects(client.chat.completions.create(request, { timeout: 50 }), APIConnectionError);
    await fake.waitForAborted(abortedBefore + 1);
  });
});
