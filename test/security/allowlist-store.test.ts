// Key and team IP allowlists as the store keeps them, on SQLite and PostgreSQL: written and read
// back (also through the key lookup authentication uses), cleared to null, and migration 0004
// reverted and applied again with rows present.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { migrations } from '../../src/store/migrations/index.js';
import { migrateDown, runMigrations } from '../../src/store/migrations/run-migrations.js';
import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import { createRepositories } from '../../src/store/repositories/create-repositories.js';
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '../store/postgres-test-database.js';

interface Target {
  readonly name: string;
  readonly skip: string | false;
  fresh(): Promise<OpenStoreOptions>;
}

const cleanups: (() => Promise<void>)[] = [];
const names = migrations.map((migration) => migration.name);
/** 0004 and every migration after it. */
const fromAllowlists = names.slice(names.indexOf('0004-ip-allowlists'));

const targets: Target[] = [
  {
    name: 'sqlite',
    skip: false,
    fresh: async () => {
      const root = await mkdtemp(join(tmpdir(), 'gatehouse-allowlist-'));
      cleanups.push(() => rm(root, { recursive: true, force: true }));
      return { dataDir: join(root, 'data') };
    },
  },
  {
    name: 'postgres',
    skip: await postgresSkipReason(),
    fresh: async () => {
      const database: TestDatabase = await createTestDatabase();
      cleanups.push(() => database.drop());
      return { databaseUrl: database.url, dataDir: 'unused-by-postgres' };
    },
  },
];

after(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

for (const target of targets) {
  describe(`IP allowlists in the store: ${target.name}`, { skip: target.skip }, () => {
    it('writes, reads, looks up and clears key and team allowlists, and survives migration 0004 going down and up', async () => {
      const store = await openStore(await target.fresh());
      try {
        await runMigrations(store);
        const repos = createRepositories(store);
        const team = await repos.teams.create({ allowedIps: ['10.0.0.0/8', '2001:db8::/32'] });
        const key = await repos.virtualKeys.create({ keyHash: 'f'.repeat(64), displayName: 'sk-...ffff', teamId: team.id, allowedIps: ['203.0.113.7/32'] });
        assert.deepEqual(key.allowedIps, ['203.0.113.7/32']);
        assert.deepEqual((await repos.teams.get(team.id))?.allowedIps, ['10.0.0.0/8', '2001:db8::/32']);
        const found = await repos.virtualKeys.findByHash('f'.repeat(64), new Date());
        assert.deepEqual([found?.key.allowedIps, found?.team?.allowedIps], [['203.0.113.7/32'], ['10.0.0.0/8', '2001:db8::/32']]);
        assert.equal((await repos.virtualKeys.update(key.id, { allowedIps: null }))?.allowedIps, null);
        assert.equal((await repos.virtualKeys.create({ keyHash: 'e'.repeat(64), displayName: 'sk-...eeee' })).allowedIps, null);

        assert.deepEqual(await migrateDown(store, { to: '0003-audit' }), { reverted: [...fromAllowlists].reverse() });
        assert.deepEqual(await runMigrations(store), { applied: fromAllowlists });
        assert.equal((await repos.teams.get(team.id))?.allowedIps, null);
        assert.equal((await repos.virtualKeys.get(key.id))?.teamId, team.id);
      } finally {
        await store.close();
      }
    });
  });
}
