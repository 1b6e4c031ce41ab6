// The openai SDKs ask for base64 embeddings by default. Providers that return floats (Gemini,
// Bedrock) are asked for floats and the answer is encoded for the client, so a default SDK call and
// an explicit `float` call give the same vectors.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeBedrock, type FakeBedrock } from '../fakes/fake-bedrock.js';
import { startFakeGemini } from '../fakes/fake-gemini.js';
import type { FakeServer } from '../fakes/fake-google-server.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const geminiKey = 'AIzaSyE2eFixtureKey0123456789abcdefghijk';
const aws = { accessKeyId: 'AKIDFAKEBEDROCKEMBED', secretAccessKey: 'fake-bedrock-secret-key-embed-000', sessionToken: 'fake-bedrock-session-token-embed' };

describe('base64 embeddings from float-only providers', () => {
  let gemini: FakeServer;
  let bedrock: FakeBedrock;
  let gh: TestGatehouse;
  let client: OpenAI;

  before(async () => {
    gemini = await startFakeGemini({ apiKey: geminiKey });
    bedrock = await startFakeBedrock(aws);
    gh = await startTestGatehouse(`
model_list:
  - model_name: gemini-embed
    litellm_params: { model: gemini/text-embedding-004, api_base: '${gemini.baseUrl}', api_key: ${geminiKey} }
    model_info: { mode: embedding }
  - model_name: titan-embed
    litellm_params:
      model: bedrock/amazon.titan-embed-text-v2:0
      aws_access_key_id: ${aws.accessKeyId}
      aws_secret_access_key: os.environ/AWS_SECRET
      aws_session_token: os.environ/AWS_TOKEN
      aws_region_name: us-east-1
      aws_bedrock_runtime_endpoint: ${bedrock.url}
    model_info: { mode: embedding }
`, { env: { AWS_SECRET: aws.secretAccessKey, AWS_TOKEN: aws.sessionToken } });
    client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await Promise.all([gemini.close(), bedrock.close()]);
  });

  for (const model of ['gemini-embed', 'titan-embed']) {
    it(`${model}: the SDK's default call decodes to the float answer`, async () => {
      const floats = await client.embeddings.create({ model, input: 'hello embeddings', encoding_format: 'float' });
      const byDefault = await client.embeddings.create({ model, input: 'hello embeddings' });
      const expected = floats.data[0]?.embedding ?? [];
      const actual = byDefault.data[0]?.embedding ?? [];
      assert.ok(expected.length > 0);
      assert.equal(actual.length, expected.length);
      // float32 on the wire: equal to float32 precision.
      actual.forEach((value, i) => assert.ok(Math.abs(value - (expected[i] ?? NaN)) < 1e-6, `${i}: ${value} vs ${expected[i]}`));
      const upstream = model === 'gemini-embed' ? gemini.requests.at(-1)?.rawBody : JSON.stringify(bedrock.requests.at(-1)?.body);
      assert.ok(upstream !== undefined && !upstream.includes('base64'), 'the provider is asked for floats');
    });
  }
});
