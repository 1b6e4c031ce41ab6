// Virtual keys on the inference path, through HTTP: every scope is enforced before a byte goes
// upstream (models, regions, budgets, rate limits, expiry, blocking), and every request leaves a
// usage row with tokens and cost, never content.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import type { NewVirtualKey } from '../../src/store/repositories/virtual-key-repository.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';
import { statusOf as status } from './status-of.js';

const canary = `canary-${randomBytes(8).toString('hex')}`;
const ask = [{ role: 'user' as const, content: `Please repeat ${canary}` }];

describe('virtual keys on the inference path', () => {
  let fake: FakeOpenAI;
  let gh: TestGatehouse;

  before(async () => {
    fake = await startFakeOpenAI();
    gh = await startTestGatehouse(`
model_list:
  - model_name: mock-a
    litellm_params: { model: mock/mock-a }
  - model_name: mock-b
    litellm_params: { model: mock/mock-b }
  - model_name: gpt-4o
    litellm_params: { model: openai/gpt-4o, api_base: '${fake.baseUrl}', api_key: sk-none }
  - model_name: regional
    litellm_params: { model: openai/us-model, api_base: '${fake.baseUrl}', api_key: sk-none, region_name: us }
  - model_name: regional
    litellm_params: { model: openai/eu-model, api_base: '${fake.baseUrl}', api_key: sk-none, region_name: eu }
  - model_name: us-only
    litellm_params: { model: openai/us-only, api_base: '${fake.baseUrl}', api_key: sk-none, region_name: us }
router_settings: { num_retries: 0 }
`);
  });

  after(async () => {
    await gh.close();
    await fake.close();
  });

  async function mintKey(fields: Omit<NewVirtualKey, 'keyHash' | 'displayName'> = {}): Promise<{ client: OpenAI; secret: string; id: string }> {
    const { secret, displayName } = mintVirtualKey();
    const record = await gh.app.repos.virtualKeys.create({ ...fields, keyHash: hashVirtualKey(secret, gh.app.keyHashingKey), displayName });
    return { client: new OpenAI({ baseURL: gh.baseURL, apiKey: secret, maxRetries: 0 }), secret, id: record.id };
  }

  it('serves a valid key', async () => {
    const { client } = await mintKey();
    const completion = await client.chat.completions.create({ model: 'mock-a', messages: ask });
    assert.ok(completion.choices[0]?.message.content);
  });

  it('refuses a model outside the key scope with 403 and lists only allowed models', async () => {
    const { client } = await mintKey({ models: ['mock-a'] });
    assert.equal(await status(client.chat.completions.create({ model: 'mock-a', messages: ask })), 200);
    assert.equal(await status(client.chat.completions.create({ model: 'mock-b', messages: ask })), 403);
    const listed = [];
    for await (const model of client.models.list()) listed.push(model.id);
    assert.deepEqual(listed, ['mock-a']);
    assert.equal(await status(client.models.retrieve('mock-b')), 404);
  });

  it('honours provider wildcards', async () => {
    const { client } = await mintKey({ models: ['mock/*'] });
    assert.equal(await status(client.chat.completions.create({ model: 'mock-b', messages: ask })), 200);
    assert.equal(await status(client.chat.completions.create({ model: 'gpt-4o', messages: ask })), 403);
  });

  it('refuses an expired key and a blocked key with 401', async () => {
    const expired = await mintKey({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    assert.equal(await status(expired.client.models.list()), 401);
    const blocked = await mintKey({ blocked: true });
    assert.equal(await status(blocked.client.models.list()), 401);
  });

  it('revokes on the next request when a key is blocked or deleted', async () => {
    const key = await mintKey();
    assert.equal(await status(key.client.chat.completions.create({ model: 'mock-a', messages: ask })), 200);
    await gh.app.repos.virtualKeys.update(key.id, { blocked: true });
    await gh.app.state.bus.publish('key', key.id);
    assert.equal(await status(key.client.chat.completions.create({ model: 'mock-a', messages: ask })), 401);
    const other = await mintKey();
    assert.equal(await status(other.client.models.list()), 200);
    await gh.app.repos.virtualKeys.delete([other.id]);
    await gh.app.state.bus.publish('key', other.id);
    assert.equal(await status(other.client.models.list()), 401);
  });

  it('refuses a request over budget with 429 and sends nothing upstream', async () => {
    const { client, id } = await mintKey({ maxBudget: 0.01 });
    await gh.app.repos.usage.writeBatch([{
      requestId: `seed-${id}`, startedAt: new Date().toISOString(), endedAt: new Date().toISOString(), keyId: id, userId: null, teamId: null,
      organizationId: null, route: '/chat/completions', modelGroup: 'gpt-4o', deploymentId: null, provider: 'openai', region: null,
      promptTokens: 1, completionTokens: 1, cachedTokens: 0, totalTokens: 2, costUsd: 0.02, latencyMs: 1, ttftMs: null, stream: false,
      status: 'success', httpStatus: 200, errorCode: null,
    }]);
    await gh.app.state.bus.publish('key', id);
    const before = fake.requests.length;
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: ask }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.RateLimitError);
      assert.equal((e.error as { type?: string }).type, 'budget_exceeded');
      return true;
    });
    assert.equal(fake.requests.length, before);
  });

  it('enforces rpm with 429, retry-after and x-ratelimit headers', async () => {
    // Rate windows are whole clock minutes: do not start the three requests just before one rolls over.
    const intoMinuteMs = Date.now() % 60_000;
    if (intoMinuteMs > 57_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinuteMs));
    const { client } = await mintKey({ rpmLimit: 2 });
    const first = await client.chat.completions.create({ model: 'mock-a', messages: ask }).withResponse();
    assert.equal(first.response.headers.get('x-ratelimit-limit-requests'), '2');
    await client.chat.completions.create({ model: 'mock-a', messages: ask });
    await assert.rejects(client.chat.completions.create({ model: 'mock-a', messages: ask }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.RateLimitError);
      assert.ok(Number(e.headers?.get('retry-after')) >= 1);
      return true;
    });
  });

  it('keeps requests inside the key regions and fails closed when none qualifies', async () => {
    const { client } = await mintKey({ allowedRegions: ['eu'] });
    for (let i = 0; i < 6; i++) {
      await client.chat.completions.create({ model: 'regional', messages: ask });
      assert.equal((fake.requests.at(-1)?.body as { model: string }).model, 'eu-model');
    }
    const before = fake.requests.length;
    assert.equal(await status(client.chat.completions.create({ model: 'us-only', messages: ask })), 403);
    assert.equal(fake.requests.length, before);
  });

  it('records usage with tokens and cost for plain, streamed, cut and failed requests', async () => {
    const { client, id } = await mintKey();
    await client.chat.completions.create({ model: 'gpt-4o', messages: ask });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: ask, stream: true });
    for await (const chunk of stream) void chunk;
    fake.script({ cutStreamAfterChunks: 3, chunks: 10 });
    const cut = await client.chat.completions.create({ model: 'gpt-4o', messages: ask, stream: true });
    await assert.rejects(async () => { for await (const chunk of cut) void chunk; });
    fake.script({ status: 500, body: { error: { message: 'down', type: 'server_error', param: null, code: null } } });
    assert.ok((await status(client.chat.completions.create({ model: 'gpt-4o', messages: ask }))) >= 500);

    await gh.app.usage.flush();
    const { items } = await gh.app.repos.usage.listLogs({ keyId: id, page: 1, pageSize: 10 });
    assert.equal(items.length, 4);
    const byStatus = (s: string) => items.filter((r) => r.status === s);
    assert.equal(byStatus('success').length, 2);
    for (const row of byStatus('success')) {
      assert.ok(row.promptTokens > 0 && row.completionTokens > 0 && row.costUsd > 0, JSON.stringify(row));
      assert.equal(row.modelGroup, 'gpt-4o');
      assert.equal(row.provider, 'openai');
    }
    assert.ok(byStatus('success').some((r) => r.stream && r.ttftMs !== null));
    const [cutRow] = byStatus('cut');
    assert.ok(cutRow && cutRow.completionTokens > 0 && cutRow.costUsd > 0, JSON.stringify(cutRow));
    const [errorRow] = byStatus('error');
    assert.ok(errorRow && errorRow.httpStatus >= 500 && errorRow.errorCode !== null);
    const key = await gh.app.repos.virtualKeys.get(id);
    assert.ok((key?.spend ?? 0) > 0, 'spend is accumulated on the key');
  });

  it('writes no prompt or completion content to the database', async () => {
    await gh.app.usage.flush();
    const files = readdirSync(gh.dataDir).filter((f) => f.startsWith('gatehouse.db'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const bytes = readFileSync(join(gh.dataDir, file));
      assert.equal(bytes.indexOf(canary), -1, `${file} contains request content`);
    }
  });
});
