// Acceptance of the `vertex_ai/` provider: the official `openai` and Anthropic SDKs -> Gatehouse ->
// a fake Vertex AI with its own OAuth token endpoint. Gemini and Claude publisher models, chat and
// streams, native Messages for Claude, one token exchange for many calls, refused credentials.

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startFakeVertex, type FakeVertex } from '../fakes/fake-vertex.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const clientEmail = 'gatehouse@acme-prod.iam.gserviceaccount.com';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const otherPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function serviceAccount(tokenUri: string, pem: string): string {
  return JSON.stringify({ type: 'service_account', project_id: 'acme-prod', private_key_id: 'kid-e2e', private_key: pem, client_email: clientEmail, token_uri: tokenUri });
}

describe('vertex_ai provider through Gatehouse', () => {
  let fake: FakeVertex;
  let gh: TestGatehouse;
  let client: OpenAI;

  before(async () => {
    fake = await startFakeVertex({ project: 'acme-prod', location: 'europe-west4', clientEmail, publicKey });
    const common = `api_base: '${fake.baseUrl}', vertex_project: acme-prod, vertex_location: europe-west4`;
    gh = await startTestGatehouse(`
model_list:
  - model_name: vx-gemini
    litellm_params: { model: vertex_ai/gemini-2.5-flash, ${common}, vertex_credentials: os.environ/VERTEX_SA }
  - model_name: vx-claude
    litellm_params: { model: vertex_ai/claude-sonnet-4@20250514, ${common}, vertex_credentials: os.environ/VERTEX_SA }
  - model_name: vx-embed
    litellm_params: { model: vertex_ai/text-embedding-005, ${common}, vertex_credentials: os.environ/VERTEX_SA }
    model_info: { mode: embedding }
  - model_name: vx-wrong-key
    litellm_params: { model: vertex_ai/gemini-2.5-flash, ${common}, vertex_credentials: os.environ/VERTEX_SA_WRONG }
router_settings:
  num_retries: 0
`, { env: { VERTEX_SA: serviceAccount(fake.tokenUri, privatePem), VERTEX_SA_WRONG: serviceAccount(fake.tokenUri, otherPem) } });
    client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  it('chats with a Gemini model on the regional path, with a token from the service account', async () => {
    const completion = await client.chat.completions.create({ model: 'vx-gemini', messages: [{ role: 'user', content: 'Say hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from gemini-2.5-flash: Say hi');
    const seen = fake.requests.at(-1);
    assert.equal(seen?.path, '/v1/projects/acme-prod/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent');
    assert.match(String(seen?.headers['authorization']), /^Bearer ya29\.fake-/);
  });

  it('streams a Gemini model', async () => {
    const stream = await client.chat.completions.create({ model: 'vx-gemini', messages: [{ role: 'user', content: 'Stream' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    assert.equal(text, 'Hello from gemini-2.5-flash: Stream');
    assert.ok((usage?.total_tokens ?? 0) > 0);
  });

  it('chats with Claude through rawPredict', async () => {
    const completion = await client.chat.completions.create({ model: 'vx-claude', messages: [{ role: 'user', content: 'Hi Claude' }], max_tokens: 200 });
    assert.match(completion.choices[0]?.message.content ?? '', /^Hello from claude-sonnet-4@20250514\. You said: "Hi Claude"/);
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(fake.requests.at(-1)?.path, '/v1/projects/acme-prod/locations/europe-west4/publishers/anthropic/models/claude-sonnet-4@20250514:rawPredict');
  });

  it('streams Claude through streamRawPredict', async () => {
    const stream = await client.chat.completions.create({ model: 'vx-claude', messages: [{ role: 'user', content: 'Stream Claude' }], max_tokens: 200, stream: true });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.match(text, /You said: "Stream Claude"/);
    assert.equal(finish, 'stop');
    assert.ok(fake.requests.at(-1)?.path.endsWith(':streamRawPredict'));
  });

  it('forwards native Messages from the Anthropic SDK to Claude on Vertex AI', async () => {
    const anthropic = new Anthropic({ baseURL: gh.url, apiKey: gh.masterKey, maxRetries: 0 });
    const message = await anthropic.messages.create({ model: 'vx-claude', max_tokens: 100, messages: [{ role: 'user', content: 'Native hello' }] });
    assert.equal(message.type, 'message');
    assert.match(message.content[0]?.type === 'text' ? message.content[0].text : '', /You said: "Native hello"/);
    const sent = JSON.parse(fake.requests.at(-1)?.rawBody ?? '{}') as Record<string, unknown>;
    assert.equal(sent['anthropic_version'], 'vertex-2023-10-16');
    assert.equal('model' in sent, false);
    const streamed = await anthropic.messages.stream({ model: 'vx-claude', max_tokens: 100, messages: [{ role: 'user', content: 'Native stream' }] }).finalMessage();
    assert.equal(streamed.stop_reason, 'end_turn');
  });

  it('embeds through :predict, with the token counts as usage', async () => {
    const result = await client.embeddings.create({ model: 'vx-embed', input: ['abcdefgh', 'abcd'], dimensions: 3, encoding_format: 'float' });
    assert.deepEqual(result.data.map((d) => d.embedding.length), [3, 3]);
    assert.deepEqual(result.usage, { prompt_tokens: 3, total_tokens: 3 });
    assert.ok(fake.requests.at(-1)?.path.endsWith('/publishers/google/models/text-embedding-005:predict'));
  });

  it('exchanged one token for all the calls above', () => {
    assert.equal(fake.oauth.exchanges, 1);
    assert.equal(fake.oauth.issued.size, 1);
  });

  it('answers upstream_auth when the token endpoint refuses the service account, quoting no key', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'vx-wrong-key', messages: [{ role: 'user', content: 'Hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 502);
      assert.ok(!error.message.includes('PRIVATE KEY'));
      assert.ok(!error.message.includes('invalid_grant'));
      return true;
    });
    assert.equal(fake.oauth.exchanges, 2);
  });
});
