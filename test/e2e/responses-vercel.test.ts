// Acceptance of the OpenAI Responses dialect (`/v1/responses`) through the Vercel AI SDK's default
// OpenAI provider, which calls /responses: text, streams and a tool round trip, over the mock
// provider and a fake OpenAI upstream that only speaks Chat Completions.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOpenAI, type OpenAIProvider } from '@ai-sdk/openai';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { useFakeBackedGatehouse } from './fake-backed-gatehouse.js';

const weather = tool({
  description: 'Weather for a city',
  inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
  execute: ({ city }) => Promise.resolve(`Sunny in ${city}`),
});

/** Gatehouse keeps nothing, so a conversation goes whole in `input` rather than by item reference. */
const stateless = { openai: { store: false } };

describe('OpenAI Responses through Gatehouse with the Vercel AI SDK', () => {
  const running = useFakeBackedGatehouse();
  const openai = (model: string): ReturnType<OpenAIProvider> => createOpenAI({ baseURL: running().gh.baseURL, apiKey: running().gh.masterKey })(model);

  for (const model of ['mock-gpt', 'gpt-4o-mini']) {
    it(`generates text with ${model}`, async () => {
      const result = await generateText({ model: openai(model), system: 'Be brief.', prompt: 'Hello there', maxRetries: 0 });
      assert.match(result.text, /You said: "Hello there"/);
      assert.equal(result.finishReason, 'stop');
      assert.ok((result.usage.inputTokens ?? 0) > 0);
      assert.ok((result.usage.outputTokens ?? 0) > 0);
      assert.match(String(result.providerMetadata?.['openai']?.['responseId']), /^resp_/);
    });

    it(`streams text with ${model}`, async () => {
      const streamed = streamText({ model: openai(model), prompt: 'Stream to me', maxRetries: 0 });
      let text = '';
      let deltas = 0;
      for await (const delta of streamed.textStream) {
        text += delta;
        deltas++;
      }
      assert.match(text, /You said: "Stream to me"/);
      assert.ok(deltas > 1, 'the text arrives in several deltas');
      assert.equal(await streamed.finishReason, 'stop');
      assert.ok(((await streamed.usage).totalTokens ?? 0) > 0);
    });

    it(`calls a tool and answers with its result with ${model}`, async () => {
      const result = await generateText({
        model: openai(model),
        prompt: 'What is the weather in Paris?',
        tools: { get_weather: weather },
        stopWhen: stepCountIs(2),
        providerOptions: stateless,
        maxRetries: 0,
      });
      assert.equal(result.steps.length, 2);
      const first = result.steps[0];
      assert.equal(first?.finishReason, 'tool-calls');
      assert.equal(first?.toolCalls[0]?.toolName, 'get_weather');
      assert.equal(first?.toolResults[0]?.output, `Sunny in ${String((first?.toolCalls[0]?.input as { city: string }).city)}`);
      assert.equal(result.finishReason, 'stop');
      assert.ok(result.text.length > 0);
    });
  }

  it('hands the tool result to a chat upstream as a tool message after the assistant tool call', async () => {
    const before = running().fake.requests.length;
    await generateText({ model: openai('gpt-4o-mini'), prompt: 'Weather in Rome?', tools: { get_weather: weather }, stopWhen: stepCountIs(2), providerOptions: stateless, maxRetries: 0 });
    const bodies = running().fake.requests.slice(before).map((request) => request.body as { messages: { role: string; tool_calls?: { id: string }[]; tool_call_id?: string }[] });
    assert.equal(bodies.length, 2);
    assert.ok(running().fake.requests.slice(before).every((request) => request.path === '/v1/chat/completions'));
    const [, assistant, toolMessage] = bodies[1]?.messages ?? [];
    assert.equal(assistant?.role, 'assistant');
    assert.equal(toolMessage?.role, 'tool');
    assert.equal(toolMessage?.tool_call_id, assistant?.tool_calls?.[0]?.id);
  });

  it('streams a tool call', async () => {
    const streamed = streamText({ model: openai('gpt-4o-mini'), prompt: 'Weather in Oslo?', tools: { get_weather: weather }, providerOptions: stateless, maxRetries: 0 });
    const calls = await streamed.toolCalls;
    assert.equal(calls[0]?.toolName, 'get_weather');
    assert.equal(typeof (calls[0]?.input as { city?: unknown }).city, 'string');
    assert.equal(await streamed.finishReason, 'tool-calls');
  });

  it('reports an upstream that breaks mid-stream as an error, not as a finished answer', async () => {
    running().fake.script({ cutStreamAfterChunks: 2 });
    const streamed = streamText({ model: openai('gpt-4o-mini'), prompt: 'Tell me a long story', maxRetries: 0, onError: () => undefined });
    const errors: unknown[] = [];
    let text = '';
    for await (const part of streamed.fullStream) {
      if (part.type === 'error') errors.push(part.error);
      if (part.type === 'text-delta') text += part.text;
    }
    assert.ok(text.length > 0, 'the first chunks arrived');
    assert.equal(errors.length, 1);
    assert.match(JSON.stringify(errors[0]), /"code":"upstream_error"/);
    assert.notEqual(await streamed.finishReason, 'stop');
  });

  it('refuses a conversation sent by item reference, telling AI SDK users what to set', async () => {
    // Without `store: false` the AI SDK replaces earlier output by references to OpenAI's stored items.
    const attempt = generateText({ model: openai('mock-gpt'), prompt: 'Weather in Lima?', tools: { get_weather: weather }, stopWhen: stepCountIs(2), maxRetries: 0 });
    await assert.rejects(attempt, (error: Error & { statusCode?: number }) => {
      assert.equal(error.statusCode, 400);
      assert.match(error.message, /does not store responses.*store = false/);
      return true;
    });
  });

  it('refuses `store: true` with the reason', async () => {
    await assert.rejects(
      generateText({ model: openai('mock-gpt'), prompt: 'Hi', providerOptions: { openai: { store: true } }, maxRetries: 0 }),
      (error: Error & { statusCode?: number }) => error.statusCode === 400 && /does not store responses/.test(error.message),
    );
  });
});
