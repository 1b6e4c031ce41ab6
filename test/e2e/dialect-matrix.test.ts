// Every client dialect against every provider family, through the official SDKs: OpenAI chat
// (`openai`), Anthropic Messages (`@anthropic-ai/sdk`) and OpenAI Responses (`openai`), each
// against OpenAI, Azure, Anthropic, Gemini, Vertex AI (Gemini and Claude) and Bedrock fakes. In each
// pairing a tool-call round trip, streamed: the call comes back whole, its result goes up, the
// model answers with text.

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/fake-anthropic.js';
import { startFakeAzure, type FakeAzure } from '../fakes/fake-azure.js';
import { startFakeBedrock, type FakeBedrock } from '../fakes/fake-bedrock.js';
import { startFakeGemini } from '../fakes/fake-gemini.js';
import type { FakeServer } from '../fakes/fake-google-server.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startFakeVertex, type FakeVertex } from '../fakes/fake-vertex.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const keys = {
  openai: 'sk-upstream-openai-key-1234567890',
  azure: '5f0e2a9c81d34b7fa6c0e1d2b3a4f5e6',
  anthropic: 'sk-ant-api03-upstream-fixture-key-0123456789',
  gemini: 'AIzaSyE2eFixtureKey0123456789abcdefghijk',
};
const aws = { accessKeyId: 'AKIDFAKEBEDROCKMATRIX', secretAccessKey: 'fake-bedrock-secret-key-matrix-00', sessionToken: 'fake-bedrock-session-token-matrix' };
const clientEmail = 'gatehouse@acme-prod.iam.gserviceaccount.com';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const models = ['openai', 'azure', 'anthropic', 'gemini', 'vertex-gemini', 'vertex-claude', 'bedrock'] as const;
const city = { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] };
const question = 'Weather in Paris?';
const toolResult = '18 C and sunny';

interface Fakes {
  openai: FakeOpenAI;
  azure: FakeAzure;
  anthropic: FakeAnthropic;
  gemini: FakeServer;
  vertex: FakeVertex;
  bedrock: FakeBedrock;
}

function configFor(f: Fakes): string {
  const vertex = `api_base: '${f.vertex.baseUrl}', vertex_project: acme-prod, vertex_location: europe-west4, vertex_credentials: os.environ/VERTEX_SA`;
  return `
model_list:
  - model_name: openai
    litellm_params: { model: openai/gpt-4o, api_base: '${f.openai.baseUrl}', api_key: ${keys.openai} }
  - model_name: azure
    litellm_params: { model: azure/gpt-4o-prod, api_base: '${f.azure.endpoint}', api_key: ${keys.azure} }
  - model_name: anthropic
    litellm_params: { model: anthropic/claude-sonnet-4-5, api_base: '${f.anthropic.baseUrl}', api_key: ${keys.anthropic} }
  - model_name: gemini
    litellm_params: { model: gemini/gemini-2.5-flash, api_base: '${f.gemini.baseUrl}', api_key: ${keys.gemini} }
  - model_name: vertex-gemini
    litellm_params: { model: vertex_ai/gemini-2.5-flash, ${vertex} }
  - model_name: vertex-claude
    litellm_params: { model: vertex_ai/claude-sonnet-4@20250514, ${vertex} }
  - model_name: bedrock
    litellm_params:
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
      aws_access_key_id: ${aws.accessKeyId}
      aws_secret_access_key: os.environ/AWS_SECRET
      aws_session_token: os.environ/AWS_TOKEN
      aws_region_name: us-east-1
      aws_bedrock_runtime_endpoint: ${f.bedrock.url}
router_settings:
  num_retries: 0
`;
}

describe('every client dialect against every provider: streamed tool-call round trips', () => {
  let fakes: Fakes;
  let gh: TestGatehouse;
  let openai: OpenAI;
  let anthropic: Anthropic;

  before(async () => {
    fakes = {
      openai: await startFakeOpenAI({ apiKey: keys.openai }),
      azure: await startFakeAzure({ apiKey: keys.azure }),
      anthropic: await startFakeAnthropic({ apiKey: keys.anthropic }),
      gemini: await startFakeGemini({ apiKey: keys.gemini }),
      vertex: await startFakeVertex({ project: 'acme-prod', location: 'europe-west4', clientEmail, publicKey }),
      bedrock: await startFakeBedrock(aws),
    };
    const account = JSON.stringify({ type: 'service_account', project_id: 'acme-prod', private_key_id: 'kid-matrix', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), client_email: clientEmail, token_uri: fakes.vertex.tokenUri });
    gh = await startTestGatehouse(configFor(fakes), { env: { VERTEX_SA: account, AWS_SECRET: aws.secretAccessKey, AWS_TOKEN: aws.sessionToken } });
    openai = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: gh.url, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await Promise.all(Object.values(fakes).map((fake: { close(): Promise<void> }) => fake.close()));
  });

  for (const model of models) {
    it(`OpenAI chat -> ${model}`, async () => {
      const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: city } }];
      const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: question }];
      const stream = await openai.chat.completions.create({ model, messages, tools, stream: true });
      const calls = new Map<number, { id: string; name: string; arguments: string }>();
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        finish = choice?.finish_reason ?? finish;
        for (const delta of choice?.delta.tool_calls ?? []) {
          const call = calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
          calls.set(delta.index, { id: delta.id ?? call.id, name: delta.function?.name ?? call.name, arguments: call.arguments + (delta.function?.arguments ?? '') });
        }
      }
      assert.equal(finish, 'tool_calls');
      const call = calls.get(0);
      assert.ok(call !== undefined && call.id !== '' && call.name === 'get_weather');
      assert.equal(typeof (JSON.parse(call.arguments) as { city?: unknown }).city, 'string');
      const second = await openai.chat.completions.create({
        model, tools, stream: true,
        messages: [...messages, { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] }, { role: 'tool', tool_call_id: call.id, content: toolResult }],
      });
      let text = '';
      for await (const chunk of second) text += chunk.choices[0]?.delta.content ?? '';
      assert.ok(text.length > 0);
    });

    it(`Anthropic Messages -> ${model}`, async () => {
      const tools = [{ name: 'get_weather', input_schema: city }];
      const ask = { model, max_tokens: 256, tools, messages: [{ role: 'user' as const, content: question }] };
      const first = await anthropic.messages.stream(ask).finalMessage();
      assert.equal(first.stop_reason, 'tool_use');
      const use = first.content.find((block) => block.type === 'tool_use');
      assert.ok(use?.type === 'tool_use' && use.name === 'get_weather');
      assert.equal(typeof (use.input as { city?: unknown }).city, 'string');
      const second = await anthropic.messages.stream({
        ...ask,
        messages: [...ask.messages, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: toolResult }] }],
      }).finalMessage();
      assert.equal(second.stop_reason, 'end_turn');
      assert.ok(second.content.some((block) => block.type === 'text' && block.text.length > 0));
    });

    it(`OpenAI Responses -> ${model}`, async () => {
      const tools = [{ type: 'function' as const, name: 'get_weather', parameters: city, strict: false }];
      const first = await openai.responses.stream({ model, tools, store: false, input: question }).finalResponse();
      const call = first.output.find((item) => item.type === 'function_call');
      assert.ok(call?.type === 'function_call' && call.name === 'get_weather');
      assert.equal(typeof (JSON.parse(call.arguments) as { city?: unknown }).city, 'string');
      const second = await openai.responses.stream({
        model, tools, store: false,
        input: [{ role: 'user', content: question }, call, { type: 'function_call_output', call_id: call.call_id, output: toolResult }],
      }).finalResponse();
      assert.equal(second.status, 'completed');
      assert.ok(second.output_text.length > 0);
    });
  }
});
