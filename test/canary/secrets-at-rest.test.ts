// Secrets at rest, on both stores: after a run that creates virtual keys and stores a model with a
// provider key through the management API, no table of SQLite or PostgreSQL holds a secret in clear
// (master key, provider key, virtual key).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '../store/postgres-test-database.js';
import { startTestGatehouse, type TestGatehouse } from '../e2e/harness.js';

const providerKey = `sk-provider-at-rest-${randomBytes(12).toString('hex')}`;

async function exercise(gh: TestGatehouse): Promise<string[]> {
  const admin = { authorization: `Bearer ${gh.masterKey}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${gh.url}${path}`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    assert.equal(res.status, 200, JSON.stringify(json));
    return json;
  };
  await post('/model/new', { model_name: 'stored', litellm_params: { model: 'mock/stored', api_key: providerKey } });
  const generated = await post('/key/generate', { key_alias: 'at-rest', models: ['stored'] });
  const secret = String(generated['key']);
  const chat = await fetch(`${gh.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'stored', messages: [{ role: 'user', content: 'hello' }] }),
  });
  assert.equal(chat.status, 200);
  await chat.body?.cancel();
  await gh.app.usage.flush();
  return [gh.masterKey, providerKey, secret];
}

function assertAbsent(haystack: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) assert.ok(!haystack.includes(secret), `${where} holds a secret in clear`);
}

describe('secrets at rest', () => {
  it('the SQLite file holds no secret in clear', async () => {
    const gh = await startTestGatehouse('model_list: []\n');
    try {
      const secrets = await exercise(gh);
      for (const file of readdirSync(gh.dataDir).filter((f) => f.startsWith('gatehouse.db'))) {
        assertAbsent(readFileSync(join(gh.dataDir, file)).toString('latin1'), secrets, file);
      }
    } finally {
      await gh.close();
    }
  });

  describe('PostgreSQL', () => {
    let database: TestDatabase | undefined;
    let skip: string | false = false;
    before(async () => {
      skip = await postgresSkipReason();
      if (skip === false) database = await createTestDatabase();
    });
    after(async () => {
      await database?.drop();
    });

    it('no table holds a secret in clear', async (t) => {
      if (skip !== false || database === undefined) {
        t.skip(String(skip));
        return;
      }
      const gh = await startTestGatehouse('model_list: []\n', { env: { DATABASE_URL: database.url } });
      let secrets: string[];
      try {
        secrets = await exercise(gh);
      } finally {
        await gh.close();
      }
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const tables = await client.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public'");
        assert.ok(tables.rows.length > 5);
        for (const { table_name } of tables.rows) {
          const rows = await client.query(`select * from "${table_name}"`);
          assertAbsent(JSON.stringify(rows.rows), secrets, table_name);
        }
      } finally {
        await client.end();
      }
    });
  });
});
