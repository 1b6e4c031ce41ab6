// `gatehouse audit verify` and `gatehouse audit export` as an operator runs them against the
// embedded SQLite file: a clean chain verifies, a row edited with the sqlite tools is named, and the
// export prints JSON lines from a date on.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { appendEvents } from './audit-fixture.js';

const cli = new URL('../../src/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-cli-'));
const dataDir = join(dir, 'data');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { PATH: process.env['PATH'] ?? '', GATEHOUSE_DATA_DIR: dataDir };
  const result = spawnSync(process.execPath, [cli, 'audit', ...args], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gatehouse audit', () => {
  before(async () => {
    const store = await openStore({ dataDir });
    try {
      await runMigrations(store);
      await appendEvents(store, 3, (n) => ({ at: new Date(Date.UTC(2026, 2, n)), after: { api_key: `sk-never-printed-${n}` } }));
    } finally {
      await store.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exports every row, or those from a date on, as JSON lines without secrets', () => {
    const all = run('export');
    assert.equal(all.code, 0, all.stderr);
    const rows = all.stdout.trim().split('\n').map((line) => JSON.parse(line) as { sequence: number; action: string; after: { api_key: string } });
    assert.deepEqual(rows.map((row) => row.sequence), [1, 2, 3]);
    assert.equal(rows[0]?.action, 'key.update');
    assert.match(rows[0]?.after.api_key ?? '', /^fp:/);
    assert.ok(!all.stdout.includes('sk-never-printed'));
    const since = run('export', '--since', '2026-03-02');
    assert.deepEqual(since.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { sequence: number }).sequence), [2, 3]);
    assert.equal(run('export', '--since', 'last tuesday').code, 2);
  });

  it('verifies an intact chain, then names the row edited behind its back', () => {
    const intact = run('verify');
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /^3 rows verified/);

    const database = new SqliteDatabase(join(dataDir, 'gatehouse.db'));
    try {
      database.prepare("update gatehouse_audit_events set actor_id = 'someone-else' where sequence = 2").run();
    } finally {
      database.close();
    }
    const tampered = run('verify');
    assert.equal(tampered.code, 1);
    assert.match(tampered.stderr, /broken at row 2: .*edited/);
  });

  it('explains its usage for a missing or unknown subcommand', () => {
    for (const args of [[], ['frobnicate'], ['verify', 'extra'], ['verify', '--since', '2026-01-01']]) {
      const result = run(...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /gatehouse audit verify/);
    }
  });
});
