// Acceptance for Amazon Bedrock: the official `openai` SDK -> Gatehouse -> a fake Bedrock runtime
// that checks every SigV4 signature. Chat, a tool-call round trip, streams (text, tool calls,
// usage, an exception mid-stream), embeddings, and upstream errors as the client sees them.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeBedrock, type FakeBedrock } from '../fakes/fake-bedrock.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

const credentials = { accessKeyId: 'AKIDFAKEBEDROCKE2E', secretAccessKey: 'fake-bedrock-secret-key-e2e-0000', sessionToken: 'fake-bedrock-session-token-e2e' };
const claudeId = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

function entry(name: string, model: string, fakeUrl: string, secret = 'os.environ/AWS_SECRET_ACCESS_KEY'): string {
  return `
  - model_name: ${name}
    litellm_params:
      model: bedrock/${model}
      aws_access_key_id: os.environ/AWS_ACCESS_KEY_ID
      aws_secret_access_key: ${secret}
      aws_session_token: os.environ/AWS_SESSION_TOKEN
      aws_region_name: us-east-1
      aws_bedrock_runtime_endpoint: ${fakeUrl}`;
}

describe('bedrock through Gatehouse with the openai SDK', () => {
  let fake: FakeBedrock;
  let gh: TestGatehouse;
  let client: OpenAI;

  before(async () => {
    fake = await startFakeBedrock(credentials);
    gh = await startTestGatehouse(`
model_list:${entry('claude', claudeId, fake.url)}${entry('titan-embed', 'amazon.titan-embed-text-v2:0', fake.url)}
${entry('claude-bad-secret', claudeId, fake.url, 'fake-wrong-secret-key-0000000000')}
router_settings:
  num_retries: 0
`, { env: { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_SESSION_TOKEN: credentials.sessionToken } });
    client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  it('chats through Converse with a signed request and reports usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'claude', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello Bedrock' }], max_tokens: 64,
    });
    assert.equal(completion.choices[0]?.message.content, `Hello from ${claudeId}: Hello Bedrock`);
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    const usage = completion.usage;
    assert.ok(usage !== undefined && usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    const seen = fake.requests.at(-1);
    assert.equal(seen?.path, '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse');
    assert.equal(seen?.headers['x-amz-security-token'], credentials.sessionToken);
    assert.deepEqual(seen?.body, {
      messages: [{ role: 'user', content: [{ text: 'Hello Bedrock' }] }], system: [{ text: 'Be brief.' }], inferenceConfig: { maxTokens: 64 },
    });
  });

  it('round-trips a tool call', async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const first = await client.chat.completions.create({ model: 'claude', messages, tools: [weatherTool] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    assert.ok(call !== undefined && call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
    messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: '18 degrees and sunny' });
    const second = await client.chat.completions.create({ model: 'claude', messages, tools: [weatherTool] });
    assert.equal(second.choices[0]?.message.content, 'The tool said: 18 degrees and sunny');
    const sent = fake.requests.at(-1)?.body as { messages: { role: string; content: unknown[] }[] };
    assert.deepEqual(sent.messages.at(-1), { role: 'user', content: [{ toolResult: { toolUseId: call.id, content: [{ text: '18 degrees and sunny' }] } }] });
  });

  it('streams text and the usage chunk from a ConverseStream event stream', async () => {
    const stream = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Stream it' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    assert.equal(text, `Hello from ${claudeId}: Stream it`);
    assert.equal(finish, 'stop');
    assert.ok(usage && usage.completion_tokens > 0 && usage.total_tokens === usage.prompt_tokens + usage.completion_tokens);
    assert.equal(fake.requests.at(-1)?.action, 'converse-stream');
  });

  it('streams a tool call', async () => {
    const runner = client.chat.completions.stream({ model: 'claude', messages: [{ role: 'user', content: 'Weather?' }], tools: [weatherTool] });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    assert.ok(call !== undefined && call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
    assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
  });

  it('ends a stream with an error event when Bedrock throttles mid-stream', async () => {
    fake.script({ kind: 'stream-exception', exceptionType: 'throttlingException', message: 'Too many tokens, please wait before trying again.', afterEvents: 2 });
    const stream = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Stream it' }], stream: true });
    await assert.rejects(async () => {
      for await (const chunk of stream) void chunk;
    }, (error: unknown) => error instanceof Error && /rate limit/i.test(error.message));
  });

  it('embeds one input with Titan (floats asked upstream; the SDK\'s default base64 is encoded by Gatehouse)', async () => {
    const byDefault = await client.embeddings.create({ model: 'titan-embed', input: 'hello', dimensions: 4 });
    assert.equal(byDefault.data[0]?.embedding.length, 4);
    const answer = await client.embeddings.create({ model: 'titan-embed', input: 'hello', dimensions: 4, encoding_format: 'float' });
    assert.equal(answer.data.length, 1);
    assert.equal(answer.data[0]?.embedding.length, 4);
    assert.equal(fake.requests.at(-1)?.path, '/model/amazon.titan-embed-text-v2%3A0/invoke');
  });

  it('names each answer after its request and dates it (Converse sends neither)', async () => {
    const ask = { model: 'claude', messages: [{ role: 'user' as const, content: 'Hi' }] };
    const first = await client.chat.completions.create(ask);
    const second = await client.chat.completions.create(ask);
    assert.match(first.id, /^chatcmpl-./);
    assert.notEqual(first.id, second.id);
    assert.ok(Math.abs(first.created - Date.now() / 1000) < 60);
    const chunks = await client.chat.completions.create({ ...ask, stream: true });
    for await (const chunk of chunks) {
      assert.match(chunk.id, /^chatcmpl-./);
      assert.ok(chunk.created > 0);
    }
  });

  it('relays throttling as 429 and a validation error as 400', async () => {
    fake.script({ kind: 'http-error', status: 429, errorType: 'ThrottlingException', message: 'Too many requests, please wait before trying again.' });
    await assert.rejects(client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }] }), (error: unknown) => error instanceof OpenAI.RateLimitError);
    fake.script({ kind: 'http-error', status: 400, errorType: 'ValidationException', message: 'Input is too long for requested model.' });
    await assert.rejects(client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.code, 'context_length_exceeded');
      return true;
    });
  });

  it('reports rejected AWS credentials as an upstream failure without echoing them', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'claude-bad-secret', messages: [{ role: 'user', content: 'Hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 502);
      assert.ok(!JSON.stringify(error.error).includes('fake-wrong-secret'));
      return true;
    });
    assert.match(String(fake.requests.at(-1)?.headers.authorization), /Signature=/);
  });
});
