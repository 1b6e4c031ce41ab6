// Acceptance through the official Anthropic SDK (1.x with a bearer token, 0.x with `x-api-key`)
// against `/v1/messages` on a running Gatehouse whose model is served by an OpenAI-wire upstream:
// messages, streams, a tool-use round trip, count_tokens and errors in Anthropic's shape.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import AnthropicV0 from 'anthropic-sdk-v0';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

interface MessagesClient {
  readonly label: string;
  readonly client: Anthropic;
}

describe('Anthropic SDK through Gatehouse /v1/messages (OpenAI-wire upstream)', () => {
  let fake: FakeOpenAI;
  let gh: TestGatehouse;
  let clients: MessagesClient[];

  before(async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-upstream-openai-key-1234567890' });
    gh = await startTestGatehouse(`
model_list:
  - model_name: claude-via-openai
    litellm_params:
      model: openai/gpt-4o-2024-08-06
      api_base: ${fake.baseUrl}
      api_key: os.environ/UPSTREAM_KEY
`, { env: { UPSTREAM_KEY: 'sk-upstream-openai-key-1234567890' } });
    clients = [
      { label: '1.x bearer', client: new Anthropic({ baseURL: gh.url, authToken: gh.masterKey, apiKey: null, maxRetries: 0 }) },
      // The 0.x line is the same class shape; its `x-api-key` header is what Claude Code and older apps send.
      { label: '0.x x-api-key', client: new AnthropicV0({ baseURL: gh.url, apiKey: gh.masterKey, maxRetries: 0 }) as unknown as Anthropic },
    ];
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  it('answers a message in Anthropic shape, with usage and the upstream asked in OpenAI shape', async () => {
    for (const { label, client } of clients) {
      const message = await client.messages.create({
        model: 'claude-via-openai',
        max_tokens: 64,
        system: 'You are terse.',
        messages: [{ role: 'user', content: 'Say hello.' }],
      });
      assert.equal(message.type, 'message', label);
      assert.equal(message.role, 'assistant', label);
      assert.equal(message.stop_reason, 'end_turn', label);
      const text = message.content.find((block) => block.type === 'text');
      assert.ok(text?.type === 'text' && text.text.length > 0, label);
      assert.ok(message.usage.input_tokens > 0 && message.usage.output_tokens > 0, label);
    }
    const upstream = fake.requests.at(-1)?.body as { model: string; messages: { role: string; content: unknown }[]; max_tokens?: number; max_completion_tokens?: number };
    assert.equal(upstream.model, 'gpt-4o-2024-08-06');
    assert.deepEqual(upstream.messages[0], { role: 'system', content: 'You are terse.' });
    assert.equal(upstream.messages[1]?.role, 'user');
  });

  it('streams Anthropic events that the SDK assembles into the final message', async () => {
    for (const { label, client } of clients) {
      const stream = client.messages.stream({ model: 'claude-via-openai', max_tokens: 64, messages: [{ role: 'user', content: 'Count to three.' }] });
      const events: string[] = [];
      let text = '';
      stream.on('streamEvent', (event) => events.push(event.type));
      stream.on('text', (delta) => { text += delta; });
      const final = await stream.finalMessage();
      assert.equal(events[0], 'message_start', label);
      assert.equal(events.at(-1), 'message_stop', label);
      assert.ok(events.includes('content_block_delta'), label);
      assert.ok(text.length > 0, label);
      const block = final.content[0];
      assert.ok(block?.type === 'text' && block.text === text, label);
      assert.equal(final.stop_reason, 'end_turn', label);
      assert.ok(final.usage.output_tokens > 0, label);
    }
  });

  it('round-trips a tool call, streamed and not', async () => {
    for (const { label, client } of clients) {
      const first = await client.messages.create({
        model: 'claude-via-openai',
        max_tokens: 128,
        tools: [weatherTool],
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      });
      assert.equal(first.stop_reason, 'tool_use', label);
      const toolUse = first.content.find((block) => block.type === 'tool_use');
      assert.ok(toolUse?.type === 'tool_use', label);
      assert.equal(toolUse.name, 'get_weather');
      assert.equal(typeof (toolUse.input as { city?: unknown }).city, 'string');

      const streamed = await client.messages.stream({
        model: 'claude-via-openai',
        max_tokens: 128,
        tools: [weatherTool],
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      }).finalMessage();
      const streamedUse = streamed.content.find((block) => block.type === 'tool_use');
      assert.ok(streamedUse?.type === 'tool_use', label);
      assert.equal(streamedUse.name, 'get_weather');
      assert.deepEqual(Object.keys(streamedUse.input as object), ['city']);

      const second = await client.messages.create({
        model: 'claude-via-openai',
        max_tokens: 128,
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18 C and sunny' }] },
        ],
      });
      assert.equal(second.stop_reason, 'end_turn', label);
      const upstream = fake.requests.at(-1)?.body as { messages: { role: string; tool_call_id?: string; content?: unknown; tool_calls?: { id: string }[] }[] };
      const toolMessage = upstream.messages.find((message) => message.role === 'tool');
      assert.equal(toolMessage?.tool_call_id, toolUse.id);
      assert.equal(upstream.messages.find((message) => message.role === 'assistant')?.tool_calls?.[0]?.id, toolUse.id);
    }
  });

  it('sends OpenAI-wire upstreams no Anthropic-only arguments (thinking becomes reasoning_effort)', async () => {
    const client = clients[0]!.client;
    await client.messages.create({
      model: 'claude-via-openai',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [
        { role: 'user', content: 'Think first.' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'Earlier thoughts.', signature: 'sig-1' }, { type: 'text', text: 'Earlier answer.' }] },
        { role: 'user', content: 'Again.' },
      ],
    });
    const upstream = fake.requests.at(-1)?.body as Record<string, unknown> & { messages: Record<string, unknown>[] };
    assert.equal(upstream['thinking'], undefined);
    assert.equal(upstream['reasoning_effort'], 'medium');
    const assistant = upstream.messages.find((message) => message['role'] === 'assistant');
    assert.equal(assistant?.['content'], 'Earlier answer.');
    assert.ok(!('thinking_blocks' in (assistant ?? {})));
  });

  it('counts tokens', async () => {
    const counted = await clients[0]!.client.messages.countTokens({ model: 'claude-via-openai', messages: [{ role: 'user', content: 'Hello there, how are you today?' }] });
    assert.ok(counted.input_tokens > 0);
  });

  it('answers errors in Anthropic shape, which the SDK raises as its typed errors', async () => {
    const client = clients[0]!.client;
    await assert.rejects(
      client.messages.create({ model: 'no-such-model', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof Anthropic.NotFoundError && (error.error as { type?: string }).type === 'error',
    );
    await assert.rejects(
      client.messages.create({ model: 'claude-via-openai', messages: [{ role: 'user', content: 'hi' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming),
      (error: unknown) => error instanceof Anthropic.BadRequestError && /max_tokens/.test(error.message),
    );
    const wrongKey = new Anthropic({ baseURL: gh.url, apiKey: 'sk-not-a-key-of-this-gatehouse-000000000000', maxRetries: 0 });
    await assert.rejects(
      wrongKey.messages.create({ model: 'claude-via-openai', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof Anthropic.AuthenticationError,
    );
    const raw = await fetch(`${gh.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': gh.masterKey, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-via-openai', max_tokens: 8, messages: [] }),
    });
    assert.equal(raw.status, 400);
    const body = await raw.json() as { type: string; error: { type: string; message: string } };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'invalid_request_error');
    // Routes of the Messages API Gatehouse does not serve (batches) answer in Anthropic's shape too.
    const batches = await fetch(`${gh.url}/v1/messages/batches`, { method: 'POST', headers: { 'x-api-key': gh.masterKey } });
    assert.equal(batches.status, 404);
    assert.deepEqual(Object.keys(await batches.json() as object), ['type', 'error']);
  });
});
