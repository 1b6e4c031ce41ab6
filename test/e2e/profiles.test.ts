// Acceptance for OpenAI-compatible profiles through the official `openai` SDK, each profile's
// deployment pointed at the fake OpenAI server: keys, refused and dropped parameters, renames, and
// a local server's root URL.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const groqKey = 'gsk_upstream0123456789abcdef';
const hello = [{ role: 'user' as const, content: 'Say hello' }];

describe('OpenAI-compatible profiles through Gatehouse with the openai SDK', () => {
  let fake: FakeOpenAI;
  let gh: TestGatehouse;
  let client: OpenAI;

  before(async () => {
    fake = await startFakeOpenAI();
    const root = fake.baseUrl.replace(/\/v1$/, '');
    gh = await startTestGatehouse(`
model_list:
  - model_name: groq-llama
    litellm_params: { model: groq/llama-3.3-70b-versatile, api_base: '${fake.baseUrl}', api_key: os.environ/GROQ_API_KEY }
  - model_name: groq-lenient
    litellm_params: { model: groq/llama-3.3-70b-versatile, api_base: '${fake.baseUrl}', api_key: os.environ/GROQ_API_KEY, drop_params: true }
  - model_name: mistral-large
    litellm_params: { model: mistral/mistral-large-latest, api_base: '${fake.baseUrl}', api_key: mistral-key-0123456789 }
  - model_name: local-llama
    litellm_params: { model: ollama/llama3.2, api_base: '${root}' }
router_settings:
  num_retries: 0
`, { env: { GROQ_API_KEY: groqKey } });
    client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  it("chats with groq, sending the deployment's model and key", async () => {
    const completion = await client.chat.completions.create({ model: 'groq-llama', messages: hello });
    assert.match(completion.choices[0]?.message.content ?? '', /llama-3.3-70b-versatile/);
    const seen = fake.requests.at(-1);
    assert.equal(seen?.headers.authorization, `Bearer ${groqKey}`);
    assert.equal((seen?.body as { model: string }).model, 'llama-3.3-70b-versatile');
  });

  it('refuses a parameter groq rejects with a 400 naming it and the provider, before calling groq', async () => {
    const before = fake.requests.length;
    for (const extra of [{ logprobs: true }, { n: 2 }]) {
      await assert.rejects(client.chat.completions.create({ model: 'groq-llama', messages: hello, ...extra }), (error: unknown) => {
        assert.ok(error instanceof OpenAI.BadRequestError);
        assert.equal(error.code, 'unsupported_parameter');
        assert.equal(error.param, Object.keys(extra)[0]);
        assert.match(error.message, /groq/);
        return true;
      });
    }
    assert.equal(fake.requests.length, before);
  });

  it("drops it instead when the deployment sets drop_params", async () => {
    await client.chat.completions.create({ model: 'groq-lenient', messages: hello, logprobs: true, n: 2, temperature: 0.5 });
    const body = fake.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual([body['logprobs'], body['n'], body['temperature']], [undefined, undefined, 0.5]);
  });

  it("sends Mistral's parameter names, and no stream_options in a stream", async () => {
    await client.chat.completions.create({ model: 'mistral-large', messages: hello, max_completion_tokens: 50, seed: 3 });
    const body = fake.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual([body['max_tokens'], body['random_seed'], 'max_completion_tokens' in body, 'seed' in body], [50, 3, false, false]);
    const stream = await client.chat.completions.create({ model: 'mistral-large', messages: hello, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.ok(text.length > 0);
    assert.ok(!('stream_options' in (fake.requests.at(-1)?.body as object)));
  });

  it("reaches Ollama's OpenAI routes from its root URL, without a key", async () => {
    await client.chat.completions.create({ model: 'local-llama', messages: hello });
    const seen = fake.requests.at(-1);
    assert.equal(seen?.path, '/v1/chat/completions');
    assert.equal(seen?.headers.authorization, undefined);
  });
});
