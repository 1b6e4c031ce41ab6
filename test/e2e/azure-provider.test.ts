// Acceptance for Azure OpenAI through the official `openai` SDK against a running Gatehouse backed
// by the fake Azure resource: chat, streams with Azure's filter chunk, tools, content filtering
// (cut answers and refused prompts), embeddings, rate limits, and each way of authenticating.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeAzure, type FakeAzure } from '../fakes/fake-azure.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const apiKey = '5f0e2a9c81d34b7fa6c0e1d2b3a4f5e6'; // scan-secrets: allow (a fixture key)
const adToken = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.static-ad-token';
const app = { tenantId: 'contoso-tenant', clientId: 'gatehouse-app', clientSecret: 'entra-app-secret-value-42' }; // scan-secrets: allow (a fixture secret)
const hello = [{ role: 'user' as const, content: 'Say hello' }];
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

function config(endpoint: string): string {
  const azure = (deployment: string, rest: string) => `{ model: azure/${deployment}, api_base: '${endpoint}', ${rest} }`;
  return `
model_list:
  - model_name: azure-gpt
    litellm_params: ${azure('gpt-4o-prod', 'api_key: os.environ/AZURE_API_KEY')}
  - model_name: azure-v1
    litellm_params: { model: azure/gpt-4o-prod, api_base: '${endpoint}/openai/v1', api_key: os.environ/AZURE_API_KEY }
  - model_name: azure-bearer
    litellm_params: ${azure('gpt-4o-prod', 'azure_ad_token: os.environ/AZURE_AD_TOKEN, api_version: 2025-04-01-preview')}
  - model_name: azure-entra
    litellm_params: ${azure('gpt-4o-prod', `tenant_id: ${app.tenantId}, client_id: ${app.clientId}, client_secret: os.environ/AZURE_CLIENT_SECRET, azure_authority_host: '${endpoint}'`)}
  - model_name: azure-wrong-key
    litellm_params: ${azure('gpt-4o-prod', 'api_key: wrong-key-0000000000')}
  - model_name: azure-embed
    litellm_params: ${azure('text-embedding-3-large', 'api_key: os.environ/AZURE_API_KEY')}
    model_info: { mode: embedding }
router_settings:
  num_retries: 0
`;
}

describe('Azure OpenAI through Gatehouse with the openai SDK', () => {
  let fake: FakeAzure;
  let gh: TestGatehouse;
  let client: OpenAI;

  before(async () => {
    fake = await startFakeAzure({ apiKey, bearerTokens: [adToken], app });
    const env = { AZURE_API_KEY: apiKey, AZURE_AD_TOKEN: adToken, AZURE_CLIENT_SECRET: app.clientSecret };
    gh = await startTestGatehouse(config(fake.endpoint), { env });
    client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  it("chats at the deployment's route with the api-key header, Azure's filter results reaching the client", async () => {
    const completion = await client.chat.completions.create({ model: 'azure-gpt', messages: hello });
    assert.ok(completion.choices[0]?.message.content);
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    const annotated = completion as unknown as { prompt_filter_results: unknown[]; choices: { content_filter_results: object }[] };
    assert.equal(annotated.prompt_filter_results.length, 1);
    assert.ok('hate' in (annotated.choices[0]?.content_filter_results ?? {}));
    const seen = fake.requests.at(-1);
    assert.equal(seen?.path, '/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21');
    assert.equal(seen?.headers['api-key'], apiKey);
    assert.equal(seen?.headers.authorization, undefined);
    assert.equal((seen?.body as { model: string }).model, 'gpt-4o-prod');
  });

  it("streams through Azure's first chunk (empty choices, prompt filter results) with usage", async () => {
    const stream = await client.chat.completions.create({ model: 'azure-gpt', messages: hello, stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const first = chunks[0] as unknown as { choices: unknown[]; prompt_filter_results?: unknown[] };
    assert.deepEqual([first.choices.length, first.prompt_filter_results?.length], [0, 1]);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    assert.match(text, /mock reply from gpt-4o-prod/);
    assert.equal(chunks.findLast((chunk) => chunk.choices.length > 0)?.choices[0]?.finish_reason, 'stop');
    assert.ok((chunks.at(-1)?.usage?.total_tokens ?? 0) > 0);
  });

  it('calls a tool, whole and streamed', async () => {
    const completion = await client.chat.completions.create({ model: 'azure-gpt', messages: hello, tools: [weatherTool] });
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(completion.choices[0]?.message.tool_calls?.[0]?.type === 'function' && completion.choices[0].message.tool_calls[0].function.name, 'get_weather');
    const runner = client.chat.completions.stream({ model: 'azure-gpt', messages: hello, tools: [weatherTool] });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'mock' });
  });

  it('passes an answer cut by the output filter as finish_reason content_filter, whole and streamed', async () => {
    fake.script({ contentFilter: 'completion' }, { contentFilter: 'completion' });
    const completion = await client.chat.completions.create({ model: 'azure-gpt', messages: hello });
    assert.equal(completion.choices[0]?.finish_reason, 'content_filter');
    const stream = await client.chat.completions.create({ model: 'azure-gpt', messages: hello, stream: true });
    const reasons: (string | null | undefined)[] = [];
    for await (const chunk of stream) reasons.push(chunk.choices[0]?.finish_reason);
    assert.equal(reasons.at(-1), 'content_filter');
  });

  it('refuses a filtered prompt with a 400 content_filtered error', async () => {
    fake.script({ contentFilter: 'prompt' });
    await assert.rejects(client.chat.completions.create({ model: 'azure-gpt', messages: hello }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.code, 'content_filtered');
      assert.match(error.message, /content management policy/);
      return true;
    });
  });

  it("relays Azure's 429 with its retry-after", async () => {
    fake.script({ status: 429, headers: { 'retry-after': '6', 'retry-after-ms': '6000' }, body: { error: { code: '429', message: 'Requests have exceeded token rate limit. Please retry after 6 seconds.' } } });
    await assert.rejects(client.chat.completions.create({ model: 'azure-gpt', messages: hello }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.headers?.get('retry-after'), '6');
      return true;
    });
  });

  it("embeds at the embedding deployment's route", async () => {
    const result = await client.embeddings.create({ model: 'azure-embed', input: ['first', 'second'], dimensions: 4 });
    assert.deepEqual([result.data.length, result.data[0]?.embedding.length], [2, 4]);
    assert.equal(fake.requests.at(-1)?.path, '/openai/deployments/text-embedding-3-large/embeddings?api-version=2024-10-21');
  });

  it('uses the v1 routes without api-version when api_base ends with /openai/v1', async () => {
    await client.chat.completions.create({ model: 'azure-v1', messages: hello });
    assert.equal(fake.requests.at(-1)?.path, '/openai/v1/chat/completions');
  });

  it('sends azure_ad_token as a bearer token, with the configured api_version', async () => {
    await client.chat.completions.create({ model: 'azure-bearer', messages: hello });
    const seen = fake.requests.at(-1);
    assert.equal(seen?.headers.authorization, `Bearer ${adToken}`);
    assert.equal(seen?.headers['api-key'], undefined);
    assert.match(seen?.path ?? '', /\?api-version=2025-04-01-preview$/);
  });

  it("gets an Entra ID app's token once and reuses it", async () => {
    await client.chat.completions.create({ model: 'azure-entra', messages: hello });
    await client.chat.completions.create({ model: 'azure-entra', messages: hello });
    assert.equal(fake.tokenRequests.length, 1);
    assert.equal(fake.tokenRequests[0]?.path, `/${app.tenantId}/oauth2/v2.0/token`);
    assert.equal(fake.requests.at(-1)?.headers.authorization, 'Bearer entra-token-1');
  });

  it('answers 502 upstream_auth when Azure refuses the key, without relaying it', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'azure-wrong-key', messages: hello }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.deepEqual([error.status, error.code], [502, 'upstream_auth']);
      assert.ok(!error.message.includes('wrong-key'));
      return true;
    });
  });
});
