// The mock provider as a user of it sees it: byte-for-byte the fake OpenAI server's answers, a
// stream that stops when its signal aborts, and tools honoured the way OpenAI honours tool_choice.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mockAdapter } from '../../src/providers/mock/mock-adapter.js';
import type { HttpRequestSpec } from '../../src/providers/types.js';
import { collectAsync } from '../fakes/collect-async.js';
import { startFakeOpenAI } from '../fakes/fake-openai.js';
import type { FakeOpenAI } from '../fakes/fake-openai.js';
import { deploymentOf, nonStream, streamWithUsage } from './deployments.js';

const deployment = deploymentOf({ provider: 'mock', model: 'mock-gpt', apiKey: undefined });
const chat = { model: 'm', messages: [{ role: 'user' as const, content: 'Compare the mock with the fake' }] };
const tool = { type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } } };

function serve(spec: HttpRequestSpec, signal?: AbortSignal) {
  const raw = mockAdapter.serve?.(spec, signal);
  assert.ok(raw !== undefined);
  return raw;
}

async function servedText(spec: HttpRequestSpec): Promise<string> {
  return Buffer.concat(await collectAsync(serve(spec).body)).toString('utf8');
}

describe('mock provider', () => {
  let fake: FakeOpenAI;
  before(async () => {
    fake = await startFakeOpenAI();
  });
  after(() => fake.close());

  it('sends the same bytes as the fake OpenAI server, whole and streamed', async () => {
    for (const ctx of [nonStream, streamWithUsage]) {
      const spec = mockAdapter.chat?.buildRequest({ ...chat, stream: ctx.stream }, deployment, ctx);
      assert.ok(spec !== undefined);
      const fromFake = await fetch(`${fake.baseUrl}/chat/completions`, { method: 'POST', body: spec.body ?? '' });
      assert.equal(await servedText(spec), await fromFake.text());
    }
  });

  it('stops a stream with an AbortError once its signal aborts', async () => {
    const controller = new AbortController();
    const spec = mockAdapter.chat?.buildRequest({ ...chat, stream: true }, deployment, streamWithUsage);
    assert.ok(spec !== undefined);
    const received: Uint8Array[] = [];
    await assert.rejects(async () => {
      for await (const chunk of serve(spec, controller.signal).body) {
        received.push(chunk);
        controller.abort();
      }
    }, { name: 'AbortError' });
    assert.equal(received.length, 1);
  });

  it('leaves tools alone when tool_choice is none, and calls the named one when forced', async () => {
    const other = { type: 'function' as const, function: { name: 'other', parameters: { type: 'object' } } };
    const build = (toolChoice: unknown) => mockAdapter.chat?.buildRequest({ ...chat, tools: [tool, other], tool_choice: toolChoice }, deployment, nonStream);
    const none = JSON.parse(await servedText(build('none') ?? assert.fail())) as { choices: { finish_reason: string }[] };
    assert.equal(none.choices[0]?.finish_reason, 'stop');
    const forced = JSON.parse(await servedText(build({ type: 'function', function: { name: 'other' } }) ?? assert.fail())) as {
      choices: { message: { tool_calls: { function: { name: string; arguments: string } }[] } }[];
    };
    assert.deepEqual(forced.choices[0]?.message.tool_calls[0]?.function, { name: 'other', arguments: '{}' });
  });

  it('counts about four characters a token', async () => {
    const spec = mockAdapter.chat?.buildRequest({ ...chat, messages: [{ role: 'user', content: 'x'.repeat(400) }] }, deploymentOf({ ...deployment, extraParams: { mock_response: 'y'.repeat(81) } }), nonStream);
    const answer = JSON.parse(await servedText(spec ?? assert.fail())) as { usage: { prompt_tokens: number; completion_tokens: number } };
    assert.deepEqual([answer.usage.prompt_tokens, answer.usage.completion_tokens], [100, 21]);
  });
});
