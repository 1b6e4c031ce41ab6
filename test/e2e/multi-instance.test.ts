// Two (and, for the outage, three) Gatehouse instances over one PostgreSQL and one Redis: rate
// limits and budgets hold across instances, a key blocked or deleted on one is refused at once by
// the other, and an unreachable Redis answers 503 for limited keys (fail closed) until it is back.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '../store/postgres-test-database.js';
import { StartError } from '../../src/server/start-gatehouse.js';
import { startTcpProxy, type TcpProxy } from '../shared-state/tcp-proxy.js';
import { flushPrefix, requireTestRedis, testRedisUrl, uniqueKeyPrefix } from '../shared-state/test-redis.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';
import { statusOf as status } from './status-of.js';

const ask = [{ role: 'user' as const, content: 'hello' }];
// Every answer is "ok" (one completion token) at one cent per completion token: each request costs $0.01.
const oneCent = { model: 'mock-a', messages: ask, max_tokens: 1 };

function configYaml(redisUrl: string, databaseUrl: string, keyPrefix: string): string {
  return `
model_list:
  - model_name: mock-a
    litellm_params: { model: mock/mock-a, mock_response: ok }
    model_info: { input_cost_per_token: 0, output_cost_per_token: 0.01 }
router_settings: { num_retries: 0, redis_url: '${redisUrl}' }
general_settings: { database_url: '${databaseUrl}' }
gatehouse: { shared_state: { key_prefix: '${keyPrefix}' } }
`;
}

/** Rate windows are whole clock minutes: do not start a sequence just before one rolls over. */
async function awayFromMinuteEdge(): Promise<void> {
  const intoMinuteMs = Date.now() % 60_000;
  if (intoMinuteMs > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinuteMs));
}

describe('several instances over one PostgreSQL and one Redis', { skip: await postgresSkipReason() }, () => {
  const masterKey = `sk-test-${randomBytes(24).toString('base64url')}`;
  const keyPrefix = uniqueKeyPrefix('e2e');
  let database: TestDatabase;
  let proxy: TcpProxy;
  let a: TestGatehouse;
  let b: TestGatehouse;
  let c: TestGatehouse;

  before(async () => {
    await requireTestRedis();
    database = await createTestDatabase();
    proxy = await startTcpProxy({ host: new URL(testRedisUrl).hostname, port: Number(new URL(testRedisUrl).port || 6379) });
    a = await startTestGatehouse(configYaml(testRedisUrl, database.url, keyPrefix), { masterKey });
    b = await startTestGatehouse(configYaml(testRedisUrl, database.url, keyPrefix), { masterKey });
    // The third instance reaches Redis through a proxy the outage test cuts.
    c = await startTestGatehouse(configYaml(`redis://127.0.0.1:${proxy.port}`, database.url, keyPrefix), { masterKey });
  });

  after(async () => {
    await Promise.all([a, b, c].map((instance) => instance?.close()));
    await proxy?.close();
    await database?.drop();
    await flushPrefix(keyPrefix);
  });

  /** Creates a key through instance A's management API and returns a client per instance. */
  async function mintKey(fields: Record<string, unknown> = {}): Promise<{ secret: string; on: (gh: TestGatehouse) => OpenAI }> {
    const response = await fetch(`${a.url}/key/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const { key: secret } = (await response.json()) as { key: string };
    return { secret, on: (gh) => new OpenAI({ baseURL: gh.baseURL, apiKey: secret, maxRetries: 0 }) };
  }

  async function manage(gh: TestGatehouse, path: string, body: unknown, expectedStatus = 200): Promise<void> {
    const response = await fetch(`${gh.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, expectedStatus, await response.text());
  }

  it('refuses the third request of a key with rpm 2, whichever instance serves it', async () => {
    await awayFromMinuteEdge();
    const key = await mintKey({ rpm_limit: 2 });
    assert.equal(await status(key.on(a).chat.completions.create(oneCent)), 200);
    assert.equal(await status(key.on(b).chat.completions.create(oneCent)), 200);
    assert.equal(await status(key.on(b).chat.completions.create(oneCent)), 429);
    assert.equal(await status(key.on(a).chat.completions.create(oneCent)), 429);
  });

  it('counts a budget spent on one instance on the other', async () => {
    const key = await mintKey({ max_budget: 0.025 });
    // B counts its own first cent before A spends, so B alone would still see room for one more.
    assert.equal(await status(key.on(b).chat.completions.create(oneCent)), 200);
    assert.equal(await status(key.on(a).chat.completions.create(oneCent)), 200);
    await assert.rejects(key.on(b).chat.completions.create(oneCent), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError, String(error));
      assert.equal((error.error as { type?: string }).type, 'budget_exceeded');
      return true;
    });
  });

  it('refuses on B, at once, a key blocked through A, and another deleted through A', async () => {
    const blocked = await mintKey();
    assert.equal(await status(blocked.on(b).models.list()), 200, 'B has the key in its cache');
    await manage(a, '/key/block', { key: blocked.secret });
    assert.equal(await status(blocked.on(b).models.list()), 401);

    const deleted = await mintKey();
    assert.equal(await status(deleted.on(b).models.list()), 200);
    await manage(a, '/key/delete', { keys: [deleted.secret] });
    assert.equal(await status(deleted.on(b).models.list()), 401);
  });

  it('answers 503 for a limited key while Redis is unreachable, and serves again once it is back', async () => {
    const key = await mintKey({ rpm_limit: 1000 });
    const unlimited = await mintKey();
    const master = new OpenAI({ baseURL: c.baseURL, apiKey: masterKey, maxRetries: 0 });
    assert.equal(await status(key.on(c).chat.completions.create(oneCent)), 200);
    assert.equal(await status(unlimited.on(c).chat.completions.create(oneCent)), 200);
    proxy.cut();
    try {
      await assert.rejects(key.on(c).chat.completions.create(oneCent), (error: unknown) => {
        assert.ok(error instanceof OpenAI.APIError, String(error));
        assert.equal(error.status, 503);
        assert.match(error.message, /shared state unavailable/);
        assert.equal(error.headers?.get('retry-after'), '1');
        return true;
      });
      assert.equal(await status(master.chat.completions.create(oneCent)), 200, 'the master key has no limits to check');
      assert.equal(await status(unlimited.on(c).chat.completions.create(oneCent)), 200, 'nor has a key without budget or limits');
      // The block is saved and applies on this instance at once, but cannot be told to the others.
      await manage(c, '/key/block', { key: unlimited.secret }, 503);
      assert.equal(await status(unlimited.on(c).chat.completions.create(oneCent)), 401);
    } finally {
      proxy.restore();
    }
    let after = 0;
    for (let attempt = 0; attempt < 100 && after !== 200; attempt += 1) {
      after = await status(key.on(c).chat.completions.create(oneCent));
      if (after !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(after, 200);
  });
});

describe('an instance configured for Redis', () => {
  it('refuses to start when Redis cannot be reached, naming the setting but not the password', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    proxy.cut();
    try {
      await assert.rejects(
        startTestGatehouse(`router_settings: { redis_host: 127.0.0.1, redis_port: ${proxy.port}, redis_password: os.environ/REDIS_PASSWORD }`, {
          env: { REDIS_PASSWORD: 'never-shown-password' },
        }),
        (error: Error) => {
          assert.ok(error instanceof StartError, String(error));
          assert.match(error.message, /^router_settings\.redis_\*: cannot connect to Redis/);
          assert.doesNotMatch(error.message, /never-shown-password/);
          return true;
        },
      );
    } finally {
      await proxy.close();
    }
  });
});
