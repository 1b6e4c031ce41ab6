// Acceptance of `/v1/responses` through the official openai SDK's Responses helpers: create, the
// stream helper's final response, a function call, and a stream that breaks midway.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { useFakeBackedGatehouse } from './fake-backed-gatehouse.js';

describe('OpenAI Responses through Gatehouse with the openai SDK', () => {
  const running = useFakeBackedGatehouse();
  const client = (): OpenAI => new OpenAI({ baseURL: running().gh.baseURL, apiKey: running().gh.masterKey, maxRetries: 0 });

  it('creates a response whose output_text the SDK computes', async () => {
    const response = await client().responses.create({ model: 'gpt-4o-mini', instructions: 'Be brief.', input: 'Hello' });
    assert.match(response.id, /^resp_/);
    assert.equal(response.status, 'completed');
    assert.equal(Reflect.get(response, 'store'), false, 'nothing is stored');
    assert.match(response.output_text, /You said: "Hello"/);
    assert.ok((response.usage?.total_tokens ?? 0) > 0);
  });

  it('streams a response the stream helper assembles', async () => {
    const stream = client().responses.stream({ model: 'gpt-4o-mini', input: 'Hello stream' });
    let deltas = '';
    stream.on('response.output_text.delta', (event) => {
      deltas += event.delta;
    });
    const final = await stream.finalResponse();
    assert.equal(final.status, 'completed');
    assert.match(final.output_text, /You said: "Hello stream"/);
    assert.equal(deltas, final.output_text);
  });

  it('answers a function call and takes its output back', async () => {
    const tools = [{ type: 'function' as const, name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, strict: false }];
    const first = await client().responses.create({ model: 'gpt-4o-mini', input: 'Weather in Paris?', tools });
    const call = first.output.find((item) => item.type === 'function_call');
    assert.equal(call?.name, 'get_weather');
    const second = await client().responses.create({
      model: 'gpt-4o-mini',
      tools,
      input: [{ role: 'user', content: 'Weather in Paris?' }, call, { type: 'function_call_output', call_id: call.call_id, output: 'Sunny' }],
    });
    assert.equal(second.output[0]?.type, 'message');
    assert.ok(second.output_text.length > 0);
  });

  it('throws when the upstream breaks mid-stream', async () => {
    running().fake.script({ cutStreamAfterChunks: 2 });
    const stream = await client().responses.create({ model: 'gpt-4o-mini', input: 'Tell me a long story', stream: true });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of stream) seen.push(event.type);
      })(),
      (error: unknown) => error instanceof OpenAI.APIError && /upstream provider failed/.test(error.message),
    );
    assert.ok(seen.includes('response.output_text.delta'));
    assert.equal(seen.at(-1), 'response.failed');
  });
});
