// Acceptance of the anthropic provider: the official `openai` SDK talks to Gatehouse, which talks to
// a fake Anthropic Messages API. Chat, streams, tool round trips, images, JSON mode, stop reasons,
// cached-token usage and upstream failures, as an OpenAI client sees them.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { collectAsync } from '../fakes/collect-async.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/fake-anthropic.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const upstreamKey = 'sk-ant-api03-upstream-key-0123456789';
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

type Sent = { model: string; max_tokens: number; system?: unknown; messages: { role: string; content: { type: string; [key: string]: unknown }[] }[]; tools?: unknown; tool_choice?: unknown };

describe('anthropic provider through Gatehouse, driven by the openai SDK', () => {
  let fake: FakeAnthropic;
  let gh: TestGatehouse;
  let client: OpenAI;

  before(async () => {
    fake = await startFakeAnthropic({ apiKey: upstreamKey });
    gh = await startTestGatehouse(`
model_list:
  - model_name: claude
    litellm_params:
      model: anthropic/claude-sonnet-4-5-20250929
      api_base: ${fake.baseUrl}
      api_key: os.environ/ANTHROPIC_API_KEY
  - model_name: claude-short
    litellm_params:
      model: anthropic/claude-haiku-4-5
      api_base: ${fake.baseUrl}/v1
      api_key: os.environ/ANTHROPIC_API_KEY
      max_tokens: 3
router_settings:
  num_retries: 0
`, { env: { ANTHROPIC_API_KEY: upstreamKey } });
    client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  const lastSent = (): Sent => fake.requests.at(-1)?.body as Sent;

  it('chats: system lifted out, the key and version sent, usage reported', async () => {
    const completion = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from claude-sonnet-4-5-20250929. You said: "Say hi"');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    // Anthropic sends no time: the completion is dated when the request arrived, not 1970.
    assert.ok(completion.created > Date.parse('2020-01-01') / 1000, String(completion.created));
    assert.ok(completion.usage && completion.usage.prompt_tokens > 0 && completion.usage.total_tokens === completion.usage.prompt_tokens + completion.usage.completion_tokens);
    const seen = fake.requests.at(-1);
    assert.equal(seen?.path, '/v1/messages');
    assert.equal(seen?.headers['x-api-key'], upstreamKey);
    assert.equal(seen?.headers['anthropic-version'], '2023-06-01');
    assert.deepEqual(lastSent().system, [{ type: 'text', text: 'Be brief.' }]);
    assert.equal(lastSent().max_tokens, 4096);
  });

  it('streams the same text, the finish reason, and usage when asked', async () => {
    const messages = [{ role: 'user' as const, content: 'Stream please' }];
    const whole = await client.chat.completions.create({ model: 'claude', messages });
    const stream = await client.chat.completions.create({ model: 'claude', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | undefined;
    let first = true;
    for await (const chunk of stream) {
      if (first) assert.equal(chunk.choices[0]?.delta.role, 'assistant');
      first = false;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    assert.equal(text, whole.choices[0]?.message.content);
    assert.equal(finish, 'stop');
    assert.deepEqual(usage, whole.usage);
  });

  it('round-trips a tool call, whole and streamed', async () => {
    for (const streamed of [false, true]) {
      const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
      const first = streamed
        ? await client.chat.completions.stream({ model: 'claude', messages: ask, tools: [weatherTool] }).finalChatCompletion()
        : await client.chat.completions.create({ model: 'claude', messages: ask, tools: [weatherTool] });
      const message = first.choices[0]?.message;
      const call = message?.tool_calls?.[0];
      assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
      assert.ok(call?.type === 'function');
      assert.equal(call.function.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.function.arguments), { city: 'example' });
      const followUp: OpenAI.ChatCompletionMessageParam[] = [
        ...ask,
        { role: 'assistant', content: message?.content ?? null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '18 degrees' },
      ];
      // The fake refuses a tool_result whose id is not a tool_use of the previous turn.
      const answer = streamed
        ? await client.chat.completions.stream({ model: 'claude', messages: followUp, tools: [weatherTool] }).finalChatCompletion()
        : await client.chat.completions.create({ model: 'claude', messages: followUp, tools: [weatherTool] });
      assert.equal(answer.choices[0]?.message.content, 'Hello from claude-sonnet-4-5-20250929. The tool said: 18 degrees', `streamed: ${streamed}`);
      assert.deepEqual(lastSent().messages.at(-1)?.content, [{ type: 'tool_result', tool_use_id: call.id, content: '18 degrees' }]);
    }
  });

  it('sends images as base64 and url sources', async () => {
    await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
      ] }],
    });
    assert.deepEqual(lastSent().messages[0]?.content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    ]);
  });

  it('answers JSON mode as message content', async () => {
    const completion = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'A person, please.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] } } },
    });
    assert.deepEqual(JSON.parse(completion.choices[0]?.message.content ?? ''), { name: 'example', age: 1 });
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.choices[0]?.message.tool_calls, undefined);
    assert.deepEqual(lastSent().tool_choice, { type: 'tool', name: 'json_tool_call' });
  });

  it('maps stop reasons: a stop sequence is stop, max_tokens is length', async () => {
    const stopped = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }], stop: ['You said'] });
    assert.deepEqual([stopped.choices[0]?.finish_reason, stopped.choices[0]?.message.content], ['stop', 'Hello from claude-sonnet-4-5-20250929. ']);
    const short = await client.chat.completions.create({ model: 'claude-short', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(short.choices[0]?.finish_reason, 'length');
    assert.equal(lastSent().max_tokens, 3, 'the deployment max_tokens default');
  });

  it('reports cache writes and reads as prompt tokens and cached_tokens', async () => {
    const cached = { type: 'text', text: 'A long shared preamble. '.repeat(40), cache_control: { type: 'ephemeral' } } as unknown as OpenAI.ChatCompletionContentPartText;
    const request = { model: 'claude', messages: [{ role: 'system' as const, content: [cached] }, { role: 'user' as const, content: 'Hi' }] };
    const first = await client.chat.completions.create(request);
    const second = await client.chat.completions.create(request);
    const written = (first.usage as unknown as { cache_creation_input_tokens: number }).cache_creation_input_tokens;
    assert.ok(written > 0);
    assert.equal(first.usage?.prompt_tokens_details?.cached_tokens, 0);
    assert.equal(second.usage?.prompt_tokens_details?.cached_tokens, written);
    assert.equal(second.usage?.prompt_tokens, first.usage?.prompt_tokens);
  });

  it('relays reasoning as reasoning_content and thinking_blocks', async () => {
    const completion = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Think first.' }], reasoning_effort: 'low' });
    const message = completion.choices[0]?.message as unknown as { reasoning_content?: string; thinking_blocks?: { type: string; signature?: string }[] };
    assert.equal(message.reasoning_content, 'The user wrote 12 characters.');
    assert.equal(message.thinking_blocks?.[0]?.type, 'thinking');
    assert.deepEqual((lastSent() as unknown as { thinking: unknown }).thinking, { type: 'enabled', budget_tokens: 1024 });
  });

  it('maps an upstream 429 to a rate limit error with retry-after, and a 529 to 503', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '7' } }, { status: 529 });
    await assert.rejects(client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.RateLimitError);
      assert.equal(e.headers?.get('retry-after'), '7');
      return true;
    });
    await assert.rejects(client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.InternalServerError);
      assert.equal(e.status, 503);
      assert.ok(!e.message.includes(upstreamKey));
      return true;
    });
  });

  it('ends a stream with an error when the upstream sends an error event or is cut', async () => {
    for (const behaviour of [{ errorEventAfter: 4 }, { cutStreamAfterEvents: 4 }]) {
      fake.script(behaviour);
      const stream = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Stream please' }], stream: true });
      await assert.rejects(collectAsync(stream), OpenAI.APIError, JSON.stringify(behaviour));
    }
  });
});
