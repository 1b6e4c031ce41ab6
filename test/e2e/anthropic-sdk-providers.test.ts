// Acceptance of `/v1/messages` across providers through the official Anthropic SDK: forwarded as is
// to an Anthropic deployment (body, events, errors), and translated for Gemini and Bedrock ones,
// each with a message, a stream and a tool-use round trip.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/fake-anthropic.js';
import { startFakeBedrock, type FakeBedrock } from '../fakes/fake-bedrock.js';
import { startFakeGemini } from '../fakes/fake-gemini.js';
import type { FakeServer } from '../fakes/fake-google-server.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const anthropicKey = 'sk-ant-api03-upstream-fixture-key-0123456789';
const geminiKey = 'AIzaSyE2eFixtureKey0123456789abcdefghijk';
const aws = { accessKeyId: 'AKIDFAKEBEDROCKE2E', secretAccessKey: 'fake-bedrock-secret-key-e2e-0000', sessionToken: 'fake-bedrock-session-token-e2e' };

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('Anthropic SDK through Gatehouse /v1/messages, across providers', () => {
  let anthropic: FakeAnthropic;
  let gemini: FakeServer;
  let bedrock: FakeBedrock;
  let gh: TestGatehouse;
  let client: Anthropic;

  before(async () => {
    anthropic = await startFakeAnthropic({ apiKey: anthropicKey });
    gemini = await startFakeGemini({ apiKey: geminiKey });
    bedrock = await startFakeBedrock(aws);
    gh = await startTestGatehouse(`
model_list:
  - model_name: claude
    litellm_params: { model: anthropic/claude-sonnet-4-5, api_base: '${anthropic.baseUrl}', api_key: os.environ/ANTHROPIC_KEY }
  - model_name: flash
    litellm_params: { model: gemini/gemini-2.5-flash, api_base: '${gemini.baseUrl}', api_key: os.environ/GEMINI_KEY }
  - model_name: bedrock-claude
    litellm_params:
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
      aws_access_key_id: os.environ/AWS_ACCESS_KEY_ID
      aws_secret_access_key: os.environ/AWS_SECRET_ACCESS_KEY
      aws_session_token: os.environ/AWS_SESSION_TOKEN
      aws_region_name: us-east-1
      aws_bedrock_runtime_endpoint: ${bedrock.url}
router_settings:
  num_retries: 0
`, { env: { ANTHROPIC_KEY: anthropicKey, GEMINI_KEY: geminiKey, AWS_ACCESS_KEY_ID: aws.accessKeyId, AWS_SECRET_ACCESS_KEY: aws.secretAccessKey, AWS_SESSION_TOKEN: aws.sessionToken } });
    client = new Anthropic({ baseURL: gh.url, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await Promise.all([anthropic.close(), gemini.close(), bedrock.close()]);
  });

  describe('an Anthropic deployment: forwarded as is', () => {
    it('sends the client body with only the model replaced, and its own key and version', async () => {
      const params = {
        model: 'claude',
        max_tokens: 64,
        system: [{ type: 'text' as const, text: 'Be brief.', cache_control: { type: 'ephemeral' as const } }],
        messages: [{ role: 'user' as const, content: 'Say hello.' }],
        metadata: { user_id: 'user-42' },
      };
      const message = await client.messages.create(params, { headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' } });
      assert.equal(message.type, 'message');
      const seen = anthropic.requests.at(-1);
      assert.deepEqual(seen?.body, { ...params, model: 'claude-sonnet-4-5' });
      assert.equal(seen?.headers['x-api-key'], anthropicKey);
      assert.equal(seen?.headers['anthropic-beta'], 'prompt-caching-2024-07-31');
      assert.equal(seen?.headers['authorization'], undefined, 'the Gatehouse key never reaches Anthropic');
    });

    it('forwards every stream event in order', async () => {
      const stream = client.messages.stream({ model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Count to three.' }] });
      const types: string[] = [];
      stream.on('streamEvent', (event) => types.push(event.type));
      const final = await stream.finalMessage();
      assert.equal(types[0], 'message_start');
      assert.equal(types.at(-1), 'message_stop');
      assert.ok(final.content.length > 0);
      assert.ok(final.usage.output_tokens > 0);
    });

    it('relays an upstream overload as Anthropic error, and a cut stream as an error event', async () => {
      anthropic.script({ status: 529 });
      await assert.rejects(
        client.messages.create({ model: 'claude', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
        (error: unknown) => error instanceof Anthropic.APIError && (error.status ?? 0) >= 500,
      );
      anthropic.script({ errorEventAfter: 3, errorType: 'overloaded_error' });
      await assert.rejects(
        client.messages.stream({ model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Count.' }] }).finalMessage(),
        // The upstream's own `error` event reaches the client in Anthropic's shape, its type kept.
        (error: unknown) => error instanceof Anthropic.APIError && /"type":"overloaded_error"/.test(error.message),
      );
      anthropic.script({ cutStreamAfterEvents: 3 });
      await assert.rejects(
        client.messages.stream({ model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Count.' }] }).finalMessage(),
        // The connection drops mid-body: the client gets Anthropic's `error` event, not a silent end.
        (error: unknown) => error instanceof Anthropic.APIError && /"type":"api_error"/.test(error.message),
      );
    });
  });

  for (const model of ['flash', 'bedrock-claude']) {
    describe(`a ${model} deployment: translated`, () => {
      it('answers a message and a stream', async () => {
        const message = await client.messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'Say hello.' }] });
        const text = message.content.find((block) => block.type === 'text');
        assert.ok(text?.type === 'text' && text.text.length > 0);
        assert.equal(message.stop_reason, 'end_turn');
        assert.ok(message.usage.input_tokens > 0);

        const final = await client.messages.stream({ model, max_tokens: 64, messages: [{ role: 'user', content: 'Say hello.' }] }).finalMessage();
        const streamed = final.content.find((block) => block.type === 'text');
        assert.ok(streamed?.type === 'text' && streamed.text.length > 0);
        assert.equal(final.stop_reason, 'end_turn');
      });

      it('round-trips a tool call, streamed and not', async () => {
        const ask = { model, max_tokens: 128, tools: [weatherTool], messages: [{ role: 'user' as const, content: 'Weather in Paris?' }] };
        const first = await client.messages.create(ask);
        assert.equal(first.stop_reason, 'tool_use');
        const toolUse = first.content.find((block) => block.type === 'tool_use');
        assert.ok(toolUse?.type === 'tool_use');
        assert.equal(toolUse.name, 'get_weather');

        const streamed = await client.messages.stream(ask).finalMessage();
        const streamedUse = streamed.content.find((block) => block.type === 'tool_use');
        assert.ok(streamedUse?.type === 'tool_use');
        assert.deepEqual(streamedUse.input, toolUse.input);

        const second = await client.messages.create({
          ...ask,
          messages: [
            ...ask.messages,
            { role: 'assistant', content: first.content },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18 C and sunny' }] },
          ],
        });
        assert.equal(second.stop_reason, 'end_turn');
      });
    });
  }
});
