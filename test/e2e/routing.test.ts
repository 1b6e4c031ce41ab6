// Router behaviour seen by a client: failover between deployments, fallbacks, retry-after, timeouts,
// streams cut midway and client disconnects, against fake OpenAI upstreams that misbehave on cue.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const ask = [{ role: 'user' as const, content: 'Hello' }];

describe('routing through Gatehouse', () => {
  let a: FakeOpenAI;
  let b: FakeOpenAI;
  let gh: TestGatehouse;
  let client: OpenAI;

  before(async () => {
    [a, b] = await Promise.all([startFakeOpenAI(), startFakeOpenAI()]);
    const dep = (name: string, fake: FakeOpenAI, extra = ''): string =>
      `  - model_name: ${name}\n    litellm_params: { model: openai/m-${name}, api_base: '${fake.baseUrl}', api_key: sk-none${extra} }\n`;
    gh = await startTestGatehouse(`
model_list:
${dep('pair', a, ', order: 1')}${dep('pair', b, ', order: 2')}${dep('primary', a)}${dep('backup', b)}${dep('small', a)}${dep('large', b)}${dep('slow', a, ', timeout: 0.3, stream_timeout: 0.3')}${dep('solo', a)}${dep('cut', a)}${dep('long', a)}
router_settings:
  num_retries: 1
  retry_after: 0
  allowed_fails: 100
litellm_settings:
  fallbacks: [{ primary: [backup] }]
  context_window_fallbacks: [{ small: [large] }]
`);
    client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await Promise.all([a.close(), b.close()]);
  });

  const lastModel = (fake: FakeOpenAI): unknown => (fake.requests.at(-1)?.body as { model?: unknown } | undefined)?.model;

  it('fails over to the next deployment when the first answers 500', async () => {
    a.script({ status: 500, body: { error: { message: 'internal', type: 'server_error', param: null, code: null } } });
    const bBefore = b.requests.length;
    const completion = await client.chat.completions.create({ model: 'pair', messages: ask });
    assert.ok(completion.choices[0]?.message.content);
    assert.equal(b.requests.length, bBefore + 1);
    assert.equal(lastModel(b), 'm-pair');
  });

  it('falls back to another model group when the group keeps failing', async () => {
    a.script(
      { status: 503, body: { error: { message: 'overloaded', type: 'server_error', param: null, code: null } } },
      { status: 503, body: { error: { message: 'overloaded', type: 'server_error', param: null, code: null } } },
    );
    const completion = await client.chat.completions.create({ model: 'primary', messages: ask });
    assert.ok(completion.choices[0]?.message.content);
    assert.equal(lastModel(b), 'm-backup');
  });

  it('uses the context-window fallback for a context length error, without retrying the same group', async () => {
    const aBefore = a.requests.length;
    a.script({ status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } } });
    const completion = await client.chat.completions.create({ model: 'small', messages: ask });
    assert.ok(completion.choices[0]?.message.content);
    assert.equal(a.requests.length, aBefore + 1);
    assert.equal(lastModel(b), 'm-large');
  });

  it('waits out a short retry-after and then succeeds on the same deployment', async () => {
    const before = a.requests.length;
    a.script({ status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } } });
    const completion = await client.chat.completions.create({ model: 'solo', messages: ask });
    assert.ok(completion.choices[0]?.message.content);
    assert.equal(a.requests.length, before + 2);
  });

  it('answers 504 when the upstream does not answer in time', async () => {
    a.script({ delayHeadersMs: 1500 }, { delayHeadersMs: 1500 });
    await assert.rejects(client.chat.completions.create({ model: 'slow', messages: ask }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.APIError);
      assert.equal(e.status, 504);
      return true;
    });
  });

  it('applies the first-chunk timeout to streams', async () => {
    a.script({ firstChunkDelayMs: 1500 }, { firstChunkDelayMs: 1500 });
    await assert.rejects(client.chat.completions.create({ model: 'slow', messages: ask, stream: true }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.APIError);
      assert.equal(e.status, 504);
      return true;
    });
  });

  it('ends a stream cut midway with a final error event, after the chunks already sent', async () => {
    a.script({ cutStreamAfterChunks: 2, chunks: 10 });
    const stream = await client.chat.completions.create({ model: 'cut', messages: ask, stream: true });
    let received = 0;
    await assert.rejects(async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) received++;
    }, (e: unknown) => e instanceof OpenAI.APIError);
    assert.ok(received >= 1, `received ${received} content chunks before the error`);
  });

  it('cancels the upstream request when the client disconnects mid-stream', async () => {
    a.script({ chunks: 200, chunkIntervalMs: 20 });
    const abortedBefore = a.requestsAborted;
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ model: 'long', messages: ask, stream: true }, { signal: controller.signal });
    let seen = 0;
    try {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content && ++seen === 2) controller.abort();
      }
    } catch {
      // the SDK reports the abort; what matters is the upstream side
    }
    for (let i = 0; i < 50 && a.requestsAborted === abortedBefore; i++) await sleep(20);
    assert.equal(a.requestsAborted, abortedBefore + 1);
  });
});
