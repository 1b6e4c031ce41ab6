// Virtual keys on the other client dialects: `/v1/messages` and `/v1/responses` enforce the key's
// models and rate limits (answering in their own error shapes) and leave usage records with tokens,
// cost and their route, for whole answers and streams alike.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import type { NewVirtualKey } from '../../src/store/repositories/virtual-key-repository.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

describe('virtual keys on /v1/messages and /v1/responses', () => {
  let gh: TestGatehouse;

  before(async () => {
    gh = await startTestGatehouse(`
model_list:
  - model_name: mock-a
    litellm_params: { model: mock/mock-a }
    model_info: { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 }
  - model_name: mock-b
    litellm_params: { model: mock/mock-b }
`);
  });

  after(async () => {
    await gh.close();
  });

  async function mintKey(fields: Omit<NewVirtualKey, 'keyHash' | 'displayName'> = {}): Promise<{ secret: string; id: string }> {
    const { secret, displayName } = mintVirtualKey();
    const record = await gh.app.repos.virtualKeys.create({ ...fields, keyHash: hashVirtualKey(secret, gh.app.keyHashingKey), displayName });
    return { secret, id: record.id };
  }

  it('refuses a model outside the key in Anthropic\'s shape, and counts both dialects in one rate limit', async () => {
    const { secret } = await mintKey({ models: ['mock-a'], rpmLimit: 2 });
    const anthropic = new Anthropic({ baseURL: gh.url, apiKey: secret, maxRetries: 0 });
    const openai = new OpenAI({ baseURL: gh.baseURL, apiKey: secret, maxRetries: 0 });
    await assert.rejects(
      anthropic.messages.create({ model: 'mock-b', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof Anthropic.PermissionDeniedError && (error.error as { type?: string }).type === 'error',
    );
    const minuteLeftMs = 60_000 - (Date.now() % 60_000);
    if (minuteLeftMs < 5_000) await new Promise((resolve) => setTimeout(resolve, minuteLeftMs + 50));
    await anthropic.messages.create({ model: 'mock-a', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    await openai.responses.create({ model: 'mock-a', input: 'hi', store: false });
    await assert.rejects(
      anthropic.messages.create({ model: 'mock-a', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof Anthropic.RateLimitError && Number(error.headers?.get('retry-after')) > 0,
    );
    await assert.rejects(openai.responses.create({ model: 'mock-a', input: 'hi', store: false }), (error: unknown) => error instanceof OpenAI.RateLimitError);
  });

  it('records usage with tokens, cost and route for whole and streamed answers', async () => {
    const { secret, id } = await mintKey();
    const anthropic = new Anthropic({ baseURL: gh.url, apiKey: secret, maxRetries: 0 });
    const openai = new OpenAI({ baseURL: gh.baseURL, apiKey: secret, maxRetries: 0 });
    await anthropic.messages.create({ model: 'mock-a', max_tokens: 64, messages: [{ role: 'user', content: 'Say something.' }] });
    await anthropic.messages.stream({ model: 'mock-a', max_tokens: 64, messages: [{ role: 'user', content: 'Say something.' }] }).finalMessage();
    await openai.responses.create({ model: 'mock-a', input: 'Say something.', store: false });
    await openai.responses.stream({ model: 'mock-a', input: 'Say something.', store: false }).finalResponse();

    await gh.app.usage.flush();
    const { items } = await gh.app.repos.usage.listLogs({ keyId: id, page: 1, pageSize: 10 });
    assert.equal(items.length, 4);
    assert.deepEqual(items.map((row) => row.route).sort(), ['/messages', '/messages', '/responses', '/responses']);
    for (const row of items) {
      assert.equal(row.status, 'success', JSON.stringify(row));
      assert.ok(row.promptTokens > 0 && row.completionTokens > 0 && row.costUsd > 0, JSON.stringify(row));
      assert.equal(row.modelGroup, 'mock-a');
    }
    assert.equal(items.filter((row) => row.stream).length, 2);
    const key = await gh.app.repos.virtualKeys.get(id);
    assert.ok((key?.spend ?? 0) > 0, 'spend is accumulated on the key');
  });
});
