// Acceptance of the `gemini/` provider: the official `openai` SDK -> Gatehouse -> a fake Google AI
// Studio speaking Gemini's wire format. Chat, streams, a tool round trip, images, JSON mode, cached
// token usage, safety blocks, embeddings and Google errors, as a client sees them.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeGemini } from '../fakes/fake-gemini.js';
import type { FakeServer } from '../fakes/fake-google-server.js';
import { googleError } from '../fakes/fake-google-server.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const apiKey = 'AIzaSyE2eFixtureKey0123456789abcdefghijk';
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } },
};

function lastBody(fake: FakeServer): Record<string, unknown> {
  return JSON.parse(fake.requests.at(-1)?.rawBody ?? 'null') as Record<string, unknown>;
}

describe('gemini provider through Gatehouse with the openai SDK', () => {
  let fake: FakeServer;
  let gh: TestGatehouse;
  let client: OpenAI;

  before(async () => {
    fake = await startFakeGemini({ apiKey });
    gh = await startTestGatehouse(`
model_list:
  - model_name: flash
    litellm_params: { model: gemini/gemini-2.5-flash, api_base: '${fake.baseUrl}', api_key: os.environ/GEMINI_API_KEY }
  - model_name: gemini-embed
    litellm_params: { model: gemini/text-embedding-004, api_base: '${fake.baseUrl}', api_key: os.environ/GEMINI_API_KEY }
    model_info: { mode: embedding }
  - model_name: flash-wrong-key
    litellm_params: { model: gemini/gemini-2.5-flash, api_base: '${fake.baseUrl}', api_key: AIzaSyWrongKey0123456789abcdefghijklmno }
router_settings:
  num_retries: 0
`, { env: { GEMINI_API_KEY: apiKey } });
    client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  it('chats: the key travels in x-goog-api-key only, the answer is a chat completion with usage', async () => {
    const completion = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from gemini-2.5-flash: Say hi');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.ok((completion.usage?.total_tokens ?? 0) > 0);
    const seen = fake.requests.at(-1);
    assert.equal(seen?.path, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(seen?.headers['x-goog-api-key'], apiKey);
    assert.equal(seen?.headers['authorization'], undefined, 'the Gatehouse key never reaches Google');
    assert.deepEqual(lastBody(fake)['systemInstruction'], { parts: [{ text: 'Be brief.' }] });
  });

  it('streams the answer in pieces, with the usage chunk when asked', async () => {
    const stream = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'Stream it' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    assert.equal(text, 'Hello from gemini-2.5-flash: Stream it');
    assert.equal(finish, 'stop');
    assert.ok((usage?.completion_tokens ?? 0) > 0);
    assert.equal(fake.requests.at(-1)?.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  });

  it('round-trips a tool call: function call out, function response named after the call back in', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const first = await client.chat.completions.create({ model: 'flash', messages, tools: [weatherTool], tool_choice: 'auto' });
    const call = first.choices[0]?.message.tool_calls?.[0];
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    assert.ok(call !== undefined && call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
    const declared = (lastBody(fake)['tools'] as { functionDeclarations: { parameters: object }[] }[])[0]?.functionDeclarations[0]?.parameters;
    assert.ok(declared !== undefined && !('additionalProperties' in declared), 'schema keys Gemini rejects are removed');
    messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: '{"celsius":18}' });
    const second = await client.chat.completions.create({ model: 'flash', messages });
    assert.equal(second.choices[0]?.message.content, 'The tool said {"celsius":18}.');
    const sent = lastBody(fake)['contents'] as { role: string; parts: Record<string, unknown>[] }[];
    assert.deepEqual(sent.at(-1), { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { celsius: 18 } } }] });
  });

  it('streams a tool call whole', async () => {
    const runner = client.chat.completions.stream({ model: 'flash', messages: [{ role: 'user', content: 'Weather?' }], tools: [weatherTool] });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    assert.ok(call !== undefined && call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
  });

  it('sends a data: URL image as inlineData', async () => {
    const completion = await client.chat.completions.create({
      model: 'flash',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] }],
    });
    assert.equal(completion.choices[0]?.message.content, 'I see a picture (image/png).');
    const parts = (lastBody(fake)['contents'] as { parts: unknown[] }[])[0]?.parts;
    assert.deepEqual(parts?.[1], { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } });
  });

  it('answers in JSON mode', async () => {
    const completion = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'Two colours' }], response_format: { type: 'json_object' } });
    assert.deepEqual(JSON.parse(completion.choices[0]?.message.content ?? ''), { colors: ['red', 'blue'] });
    assert.equal((lastBody(fake)['generationConfig'] as Record<string, unknown>)['responseMimeType'], 'application/json');
  });

  it('reports cached prompt tokens', async () => {
    const completion = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'CACHED context, then a question' }] });
    const cached = completion.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    assert.ok(cached > 0 && cached < (completion.usage?.prompt_tokens ?? 0));
  });

  it('ends a blocked prompt or an unsafe answer with finish_reason content_filter', async () => {
    const blocked = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'BLOCK me' }] });
    assert.equal(blocked.choices[0]?.finish_reason, 'content_filter');
    assert.equal(blocked.choices[0]?.message.content, null);
    const stream = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'UNSAFE words' }], stream: true });
    const finishes: (string | null)[] = [];
    for await (const chunk of stream) finishes.push(chunk.choices[0]?.finish_reason ?? null);
    assert.equal(finishes.at(-1), 'content_filter');
  });

  it('embeds with dimensions', async () => {
    const result = await client.embeddings.create({ model: 'gemini-embed', input: ['one', 'two'], dimensions: 3, encoding_format: 'float' });
    assert.equal(result.data.length, 2);
    assert.equal(result.data[1]?.embedding.length, 3);
    assert.equal(fake.requests.at(-1)?.path, '/v1beta/models/text-embedding-004:batchEmbedContents');
  });

  it('turns a rejected key into upstream_auth without echoing it, and a quota error into 429', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'flash-wrong-key', messages: [{ role: 'user', content: 'Hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 502);
      assert.ok(!error.message.includes('AIzaSy'));
      return true;
    });
    fake.script(googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota.', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }]));
    await assert.rejects(client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'Hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 429);
      assert.equal(error.headers?.get('retry-after'), '7');
      return true;
    });
  });
});
