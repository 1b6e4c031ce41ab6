// The `/key/*` routes over HTTP with the master key: create, read, list, update, block, regenerate
// (with and without a grace period) and delete, each change effective on the very next request,
// with key secrets and hashes never in a listing or info answer.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { chatStatus, expectStatus, modelsStatus, openAdminGatehouse, type AdminClient } from './admin-client.js';

describe('key management routes', () => {
  let gh: TestGatehouse;
  let admin: AdminClient;

  before(async () => ({ gh, admin } = await openAdminGatehouse()));
  after(() => gh.close());

  const generate = async (body: Record<string, unknown> = {}): Promise<{ key: string; token: string }> =>
    expectStatus(await admin.post('/key/generate', body), 200).body as { key: string; token: string };

  it('creates a key that works at once, with LiteLLM fields in the answer', async () => {
    const answer = expectStatus(await admin.post('/key/generate', { key_alias: 'first', models: ['mock-gpt'], max_budget: 5, duration: '30d', metadata: { app: 'a' } }), 200);
    const key = answer.body as Record<string, unknown>;
    assert.match(String(key['key']), /^sk-[0-9A-Za-z]{43}$/);
    assert.equal(key['key_alias'], 'first');
    assert.deepEqual(key['models'], ['mock-gpt']);
    assert.equal(key['max_budget'], 5);
    assert.equal(key['token'], key['token_id']);
    assert.ok(Date.parse(String(key['expires'])) > Date.now() + 29 * 86_400_000);
    assert.equal(await modelsStatus(gh, String(key['key'])), 200);
    assert.equal(await chatStatus(gh, String(key['key'])), 200);
    assert.equal(await chatStatus(gh, String(key['key']), 'mock-small'), 403);
  });

  it('reads a key by secret or id and lists keys without secrets or hashes', async () => {
    const { key, token } = await generate({ key_alias: 'listed' });
    const bySecret = expectStatus(await admin.get('/key/info', { key }), 200);
    const byId = expectStatus(await admin.get('/key/info', { key: token }), 200);
    assert.equal(bySecret.body.key, token);
    assert.deepEqual(bySecret.body.info, byId.body.info);
    const list = expectStatus(await admin.get('/key/list', { return_full_object: 'true', size: '100' }), 200);
    assert.ok(list.body.keys.some((k: { token: string }) => k.token === token));
    assert.ok(list.body.total_count >= 1);
    const ids = expectStatus(await admin.get('/key/list', { key_alias: 'listed' }), 200);
    assert.deepEqual(ids.body.keys, [token]);
    const stored = await gh.app.repos.virtualKeys.get(token);
    for (const text of [bySecret.text, byId.text, list.text, ids.text]) {
      assert.ok(!text.includes(key), 'a secret appeared in a read answer');
      assert.ok(stored !== null && !text.includes(stored.keyHash), 'a key hash appeared in a read answer');
    }
  });

  it('updates a key; a narrower model list takes effect on the next request', async () => {
    const { key } = await generate();
    assert.equal(await chatStatus(gh, key, 'mock-small'), 200);
    const updated = expectStatus(await admin.post('/key/update', { key, models: ['mock-gpt'], key_alias: 'narrowed' }), 200);
    assert.deepEqual(updated.body.models, ['mock-gpt']);
    assert.equal(updated.body.key, undefined);
    assert.equal(await chatStatus(gh, key, 'mock-small'), 403);
  });

  it('blocks and unblocks a key, effective on the next request', async () => {
    const { key, token } = await generate();
    assert.equal(await modelsStatus(gh, key), 200);
    assert.equal(expectStatus(await admin.post('/key/block', { key: token }), 200).body.blocked, true);
    assert.equal(await modelsStatus(gh, key), 401);
    expectStatus(await admin.post('/key/unblock', { key }), 200);
    assert.equal(await modelsStatus(gh, key), 200);
  });

  it('deletes keys by secret and by alias; they stop working at once', async () => {
    const a = await generate();
    const b = await generate({ key_alias: 'doomed' });
    assert.equal(await modelsStatus(gh, a.key), 200);
    assert.equal(await modelsStatus(gh, b.key), 200);
    const answer = expectStatus(await admin.post('/key/delete', { keys: [a.key], key_aliases: ['doomed'] }), 200);
    assert.deepEqual([...answer.body.deleted_keys].sort(), [a.token, b.token].sort());
    assert.ok(!answer.text.includes(a.key));
    assert.equal(await modelsStatus(gh, a.key), 401);
    assert.equal(await modelsStatus(gh, b.key), 401);
    expectStatus(await admin.get('/key/info', { key: a.token }), 404);
  });

  it('regenerates without a grace period: the old secret fails on the next request', async () => {
    const { key, token } = await generate();
    assert.equal(await modelsStatus(gh, key), 200);
    const answer = expectStatus(await admin.post('/key/regenerate', { key }), 200);
    assert.equal(answer.body.token, token);
    assert.notEqual(answer.body.key, key);
    assert.equal(await modelsStatus(gh, key), 401);
    assert.equal(await modelsStatus(gh, answer.body.key as string), 200);
  });

  it('regenerates with a grace period (key in the path): both secrets work until it ends', async () => {
    const { key } = await generate();
    const answer = expectStatus(await admin.post(`/key/${encodeURIComponent(key)}/regenerate`, { grace_period: '1h' }), 200);
    assert.ok(Date.parse(answer.body.previous_key_expires_at as string) > Date.now() + 3_500_000);
    assert.equal(await modelsStatus(gh, key), 200);
    assert.equal(await modelsStatus(gh, answer.body.key as string), 200);
    const stored = await gh.app.repos.virtualKeys.get(answer.body.token as string);
    assert.ok(stored !== null && stored.previousKeyHash !== null);
  });

  it('accepts POST /key/{key}/regenerate without a body', async () => {
    const { key, token } = await generate();
    const res = await fetch(`${gh.url}/key/${token}/regenerate`, { method: 'POST', headers: { authorization: `Bearer ${gh.masterKey}` } });
    assert.equal(res.status, 200);
    assert.equal(await modelsStatus(gh, key), 401);
  });

  it('refuses unknown fields, naming them, and invalid values with their path', async () => {
    const unknown = expectStatus(await admin.post('/key/generate', { models: [], spend: 0, key_hash: 'x' }), 400);
    assert.match(unknown.body.error.message, /unknown fields spend, key_hash/);
    assert.equal(unknown.body.error.code, 'invalid_request');
    const invalid = expectStatus(await admin.post('/key/generate', { models: [1], duration: 'soon' }), 400);
    assert.match(invalid.body.error.message, /body\.models\[0\]/);
    assert.match(invalid.body.error.message, /body\.duration/);
    const query = expectStatus(await admin.get('/key/list', { sort: 'x' }), 400);
    assert.match(query.body.error.message, /unknown field sort/);
  });

  it('refuses permissions that would let a body choose where requests go', async () => {
    const answer = expectStatus(await admin.post('/key/generate', { permissions: { allow_client_side_credentials: true } }), 400);
    assert.match(answer.body.error.message, /permissions\.allow_client_side_credentials/);
    const nested = expectStatus(await admin.post('/key/generate', { metadata: { permissions: { api_base_override: true } } }), 400);
    assert.match(nested.body.error.message, /metadata\.permissions\.api_base_override/);
    const harmless = expectStatus(await admin.post('/key/generate', { permissions: { get_spend_routes: true } }), 200);
    assert.deepEqual(harmless.body.permissions, { get_spend_routes: true });
  });

  it('answers 404 for a key nobody has, without echoing it', async () => {
    const ghost = 'sk-' + 'A'.repeat(43);
    const answer = expectStatus(await admin.post('/key/update', { key: ghost, key_alias: 'x' }), 404);
    assert.ok(!answer.text.includes(ghost));
  });
});
