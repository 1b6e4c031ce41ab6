// Acceptance through the official `openai` SDK against a running Gatehouse: chat, streams with and
// without usage, tool calls, embeddings, models, and every error status a client can meet.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('openai SDK through Gatehouse', () => {
  let fake: FakeOpenAI;
  let gh: TestGatehouse;
  let client: OpenAI;

  before(async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-upstream-openai-key-1234567890' });
    gh = await startTestGatehouse(`
model_list:
  - model_name: mock-gpt
    litellm_params: { model: mock/mock-gpt }
  - model_name: mock-embed
    litellm_params: { model: mock/mock-embed }
    model_info: { mode: embedding }
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o-2024-08-06
      api_base: ${fake.baseUrl}
      api_key: os.environ/UPSTREAM_KEY
  - model_name: text-embedding-3-small
    litellm_params:
      model: openai/text-embedding-3-small
      api_base: ${fake.baseUrl}
      api_key: os.environ/UPSTREAM_KEY
  - model_name: errors-429
    litellm_params: { model: openai/gpt-4o, api_base: '${fake.baseUrl}', api_key: os.environ/UPSTREAM_KEY }
  - model_name: errors-500
    litellm_params: { model: openai/gpt-4o, api_base: '${fake.baseUrl}', api_key: os.environ/UPSTREAM_KEY }
router_settings:
  num_retries: 0
`, { env: { UPSTREAM_KEY: 'sk-upstream-openai-key-1234567890' } });
    client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  it('chats with the mock provider', async () => {
    const completion = await client.chat.completions.create({ model: 'mock-gpt', messages: [{ role: 'user', content: 'Hello there' }] });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices[0]?.message.role, 'assistant');
    assert.ok((completion.choices[0]?.message.content ?? '').length > 0);
    assert.ok((completion.usage?.total_tokens ?? 0) > 0);
  });

  it('chats with an OpenAI upstream, sending its model name and key', async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hi' }], temperature: 0.2 });
    assert.ok(completion.choices[0]?.message.content);
    const seen = fake.requests.at(-1);
    assert.equal(seen?.path, '/v1/chat/completions');
    assert.equal(seen?.headers['authorization'], 'Bearer sk-upstream-openai-key-1234567890');
    const body = seen?.body as { model: string; temperature: number };
    assert.equal(body.model, 'gpt-4o-2024-08-06');
    assert.equal(body.temperature, 0.2);
  });

  it('streams without the usage chunk when the client did not ask, though upstream was asked', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Stream please' }], stream: true });
    let text = '';
    let usageChunks = 0;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      if (chunk.usage) usageChunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.ok(text.length > 0);
    assert.equal(finish, 'stop');
    assert.equal(usageChunks, 0);
    const body = fake.requests.at(-1)?.body as { stream_options?: { include_usage?: boolean } };
    assert.equal(body.stream_options?.include_usage, true);
  });

  it('streams with the usage chunk when the client asked', async () => {
    for (const model of ['gpt-4o', 'mock-gpt']) {
      const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Count' }], stream: true, stream_options: { include_usage: true } });
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) usage = chunk.usage ?? usage;
      assert.ok(usage && usage.total_tokens > 0, `usage for ${model}`);
    }
  });

  it('returns tool calls, streamed and not', async () => {
    for (const model of ['gpt-4o', 'mock-gpt']) {
      const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [weatherTool] });
      const call = completion.choices[0]?.message.tool_calls?.[0];
      assert.equal(completion.choices[0]?.finish_reason, 'tool_calls', model);
      assert.ok(call && call.type === 'function');
      assert.equal(call.function.name, 'get_weather');
      assert.equal(typeof JSON.parse(call.function.arguments), 'object');

      const runner = client.chat.completions.stream({ model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [weatherTool] });
      const final = await runner.finalChatCompletion();
      const streamedCall = final.choices[0]?.message.tool_calls?.[0];
      assert.ok(streamedCall && streamedCall.type === 'function');
      assert.equal(streamedCall.function.name, 'get_weather');
      assert.equal(typeof JSON.parse(streamedCall.function.arguments), 'object');
    }
  });

  it('embeds through mock and OpenAI upstreams', async () => {
    const mock = await client.embeddings.create({ model: 'mock-embed', input: ['a', 'b'] });
    assert.equal(mock.data.length, 2);
    assert.ok(mock.data[0]!.embedding.length > 0);
    const upstream = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
    assert.equal(upstream.data.length, 1);
    assert.ok(upstream.data[0]!.embedding.length > 0);
  });

  it('lists and retrieves models', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.deepEqual(ids.sort(), ['errors-429', 'errors-500', 'gpt-4o', 'mock-embed', 'mock-gpt', 'text-embedding-3-small']);
    const one = await client.models.retrieve('gpt-4o');
    assert.equal(one.id, 'gpt-4o');
    await assert.rejects(client.models.retrieve('nope'), (e: unknown) => e instanceof OpenAI.NotFoundError);
  });

  it('answers 401 for a missing or wrong key', async () => {
    const wrong = new OpenAI({ baseURL: gh.baseURL, apiKey: 'sk-wrong-key', maxRetries: 0 });
    await assert.rejects(wrong.chat.completions.create({ model: 'mock-gpt', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.AuthenticationError);
      assert.equal(e.status, 401);
      assert.equal((e.error as { type?: string }).type, 'authentication_error');
      return true;
    });
    const res = await fetch(`${gh.baseURL}/chat/completions`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'missing_api_key');
  });

  it('accepts the key as api-key and x-api-key headers too', async () => {
    for (const header of ['api-key', 'x-api-key']) {
      const res = await fetch(`${gh.baseURL}/models`, { headers: { [header]: gh.masterKey } });
      assert.equal(res.status, 200, header);
    }
  });

  it('answers 400 naming the parameter for invalid requests', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'mock-gpt', messages: [] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.BadRequestError);
      assert.equal(e.param, 'messages');
      return true;
    });
    const res = await fetch(`${gh.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${gh.masterKey}` }, body: '{"model":' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_json');
  });

  it('answers 404 for an unknown model', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.NotFoundError);
      assert.equal(e.param, 'model');
      return true;
    });
  });

  it('answers 413 for a body over the limit', async () => {
    const huge = 'x'.repeat(gh.config.server.maxRequestBodyBytes + 1);
    const res = await fetch(`${gh.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gh.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock-gpt', messages: [{ role: 'user', content: huge }] }),
    });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
  });

  it('relays an upstream 429 with retry-after once retries are spent', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '7' }, body: { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } } });
    await assert.rejects(client.chat.completions.create({ model: 'errors-429', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.RateLimitError);
      assert.equal(e.headers?.get('retry-after'), '7');
      return true;
    });
  });

  it('answers 5xx after an upstream failure, without internals', async () => {
    fake.script({ status: 500, body: { error: { message: 'boom at /srv/internal/secret.py', type: 'server_error', param: null, code: null } } });
    await assert.rejects(client.chat.completions.create({ model: 'errors-500', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.APIError);
      assert.ok((e.status ?? 0) >= 500);
      assert.ok(!JSON.stringify(e.error).includes('/srv/internal'));
      return true;
    });
  });

  it('answers 404 in the OpenAI shape for unknown routes and 405 for wrong methods', async () => {
    const unknown = await fetch(`${gh.url}/v1/nothing-here`, { headers: { authorization: `Bearer ${gh.masterKey}` } });
    assert.equal(unknown.status, 404);
    assert.ok(((await unknown.json()) as { error?: unknown }).error);
    const wrongMethod = await fetch(`${gh.url}/v1/chat/completions`, { headers: { authorization: `Bearer ${gh.masterKey}` } });
    assert.equal(wrongMethod.status, 405);
    await wrongMethod.body?.cancel();
  });

  it('serves routes without the /v1 prefix', async () => {
    const unprefixed = new OpenAI({ baseURL: gh.url, apiKey: gh.masterKey, maxRetries: 0 });
    const completion = await unprefixed.chat.completions.create({ model: 'mock-gpt', messages: [{ role: 'user', content: 'hi' }] });
    assert.ok(completion.choices[0]?.message.content);
  });

  it('reports health without details unless authenticated', async () => {
    const live = await fetch(`${gh.url}/health/liveliness`);
    assert.equal(live.status, 200);
    await live.body?.cancel();
    const anonymous = (await (await fetch(`${gh.url}/health/readiness`)).json()) as Record<string, unknown>;
    assert.deepEqual(anonymous, { status: 'ready' });
    const admin = (await (await fetch(`${gh.url}/health/readiness`, { headers: { authorization: `Bearer ${gh.masterKey}` } })).json()) as Record<string, unknown>;
    assert.equal(admin['status'], 'ready');
    assert.equal(admin['models'], 6);
    assert.ok(!JSON.stringify(admin).includes('sk-upstream'));
  });
});
