// Acceptance through the frameworks people build on: the Vercel AI SDK (`provider.chat(...)`) and
// LangChain's ChatOpenAI, each chatting, streaming and calling a tool through Gatehouse.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const cityParameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } as const;

describe('frameworks through Gatehouse', () => {
  let fake: FakeOpenAI;
  let gh: TestGatehouse;

  before(async () => {
    fake = await startFakeOpenAI();
    gh = await startTestGatehouse(`
model_list:
  - model_name: mock-gpt
    litellm_params: { model: mock/mock-gpt }
  - model_name: gpt-4o-mini
    litellm_params: { model: openai/gpt-4o-mini, api_base: '${fake.baseUrl}', api_key: sk-none }
`);
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  describe('Vercel AI SDK', () => {
    for (const model of ['mock-gpt', 'gpt-4o-mini']) {
      it(`generates and streams text with ${model}`, async () => {
        const provider = createOpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey });
        const generated = await generateText({ model: provider.chat(model), prompt: 'Hello', maxRetries: 0 });
        assert.ok(generated.text.length > 0);
        assert.ok((generated.usage.totalTokens ?? 0) > 0);
        const streamed = streamText({ model: provider.chat(model), prompt: 'Hello', maxRetries: 0 });
        let text = '';
        for await (const delta of streamed.textStream) text += delta;
        assert.ok(text.length > 0);
        assert.ok(((await streamed.usage).totalTokens ?? 0) > 0);
      });

      it(`calls a tool with ${model}`, async () => {
        const provider = createOpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey });
        const result = await generateText({
          model: provider.chat(model),
          prompt: 'What is the weather in Paris?',
          maxRetries: 0,
          tools: { get_weather: tool({ description: 'Weather for a city', inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }) }) },
        });
        assert.equal(result.toolCalls[0]?.toolName, 'get_weather');
        assert.equal(result.finishReason, 'tool-calls');
      });
    }
  });

  describe('LangChain ChatOpenAI', () => {
    for (const model of ['mock-gpt', 'gpt-4o-mini']) {
      it(`invokes, streams and calls tools with ${model}`, async () => {
        const chat = new ChatOpenAI({ model, apiKey: gh.masterKey, configuration: { baseURL: gh.baseURL }, maxRetries: 0 });
        const reply = await chat.invoke('Hello');
        assert.ok(typeof reply.content === 'string' && reply.content.length > 0);
        let streamed = '';
        for await (const chunk of await chat.stream('Hello')) streamed += typeof chunk.content === 'string' ? chunk.content : '';
        assert.ok(streamed.length > 0);
        const withTools = chat.bindTools([{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: cityParameters } }]);
        const called = await withTools.invoke('Weather in Paris?');
        assert.equal(called.tool_calls?.[0]?.name, 'get_weather');
      });
    }
  });
});
