// The SQLite store: the shared contract on a temporary data directory, plus what only the
// embedded file promises (private permissions, WAL, foreign keys).

import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openStore } from '../../src/store/open-store.js';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';
import { describeJobLeaseContract } from './job-lease-contract.js';
import { describeStoreContract } from './store-contract.js';
import { describeTenancyContract } from './tenancy-contract.js';
import { describeUsageContract } from './usage-contract.js';
import { describeVirtualKeyContract } from './virtual-key-contract.js';

const roots: string[] = [];

async function freshDataDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'gatehouse-store-'));
  roots.push(root);
  return join(root, 'nested', 'data');
}

async function removeRoots(): Promise<void> {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}

const sqliteTarget = {
  skip: false as const,
  fresh: async () => ({ dataDir: await freshDataDir() }),
  cleanUp: removeRoots,
};

describeStoreContract('sqlite', sqliteTarget);
describeTenancyContract('sqlite', sqliteTarget);
describeVirtualKeyContract('sqlite', sqliteTarget);
describeUsageContract('sqlite', sqliteTarget);
describeJobLeaseContract('sqlite', sqliteTarget);

describe('sqlite store file', () => {
  let dataDir = '';
  before(async () => {
    dataDir = await freshDataDir();
  });
  after(removeRoots);

  it('creates a private data directory and database file', async () => {
    const store = await openStore({ dataDir });
    try {
      await runMigrations(store);
      assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
      assert.equal((await stat(join(dataDir, 'gatehouse.db'))).mode & 0o777, 0o600);
      assert.equal((await stat(join(dataDir, 'gatehouse.db-wal'))).mode & 0o777, 0o600);
    } finally {
      await store.close();
    }
  });

  it('runs in WAL mode with foreign keys enforced and a busy timeout', async () => {
    const store = await openStore({ dataDir });
    try {
      const pragma = async (name: string): Promise<unknown> =>
        Object.values((await sql<Record<string, unknown>>`select * from ${sql.raw(`pragma_${name}`)}`.execute(store.db)).rows[0] ?? {})[0];
      assert.equal(await pragma('journal_mode'), 'wal');
      assert.equal(await pragma('foreign_keys'), 1);
      assert.ok(Number(await pragma('busy_timeout')) > 0);
      assert.equal(store.dialect, 'sqlite');
    } finally {
      await store.close();
    }
  });
});
