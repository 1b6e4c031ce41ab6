// Choosing a dialect from the database URL, and the promise that a password never shows up in
// what a failed open reports.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { StoreError } from '../../src/store/store-error.js';

const password = 'Sup3r-Secr3t@pw';
const encodedPassword = encodeURIComponent(password);

async function openFailure(databaseUrl: string): Promise<StoreError> {
  const error: unknown = await openStore({ databaseUrl, dataDir: 'never-created' }).then(
    () => assert.fail('openStore should have failed'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof StoreError, `expected a StoreError, got ${String(error)}`);
  return error;
}

function assertNoPassword(error: Error): void {
  for (const text of [error.message, inspect(error, { depth: 5 }), String(error.stack)]) {
    assert.equal(text.includes(password), false, text);
    assert.equal(text.includes(encodedPassword), false, text);
  }
}

describe('openStore database URL', () => {
  it('rejects an unsupported scheme by name without echoing the password', async () => {
    const error = await openFailure(`mysql://gate:${encodedPassword}@db.internal:3306/gatehouse`);
    assert.match(error.message, /Unsupported database URL scheme "mysql:"/);
    assert.match(error.message, /postgres:\/\//);
    assert.match(error.message, /db\.internal:3306/);
    assertNoPassword(error);
  });

  it('rejects a password passed as a query parameter without echoing it', async () => {
    const error = await openFailure(`sqlserver://db.internal/gatehouse?user=gate&password=${encodedPassword}`);
    assertNoPassword(error);
  });

  it('rejects text that is not a URL without echoing it', async () => {
    const error = await openFailure(password);
    assert.match(error.message, /not a URL/);
    assertNoPassword(error);
  });

  it('reports an unreachable PostgreSQL server without the password', async () => {
    // Port 1 on loopback refuses at once: nothing listens there.
    const error = await openFailure(`postgresql://gate:${encodedPassword}@127.0.0.1:1/gatehouse`);
    assert.match(error.message, /Cannot connect to PostgreSQL at postgresql:\/\/\*\*\*@127\.0\.0\.1:1\/gatehouse/);
    assertNoPassword(error);
  });

  it('opens the SQLite file when no URL is given, also for an empty one', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gatehouse-open-'));
    try {
      for (const databaseUrl of [undefined, '']) {
        const store = await openStore({ databaseUrl, dataDir: root });
        assert.equal(store.dialect, 'sqlite');
        await store.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
