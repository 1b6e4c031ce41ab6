// The one contract every store dialect passes: migrations up, down and up again, a stable
// installation id, and concurrent starters that apply each migration exactly once.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { getInstallationId } from '../../src/store/installation-id.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { OpenStoreOptions, Store } from '../../src/store/open-store.js';
import { migrateDown, runMigrations } from '../../src/store/migrations/run-migrations.js';

export interface StoreTarget {
  /** False to run, or the reason this dialect cannot run here. */
  readonly skip: string | false;
  /** Options that open a new, empty store each call. */
  fresh(): Promise<OpenStoreOptions>;
  /** Removes everything `fresh` created. */
  cleanUp(): Promise<void>;
}

const names = migrations.map((migration) => migration.name);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function describeStoreContract(name: string, target: StoreTarget): void {
  describe(`store contract: ${name}`, { skip: target.skip }, () => {
    after(() => target.cleanUp());

    it('applies every migration once, reverts them all, and applies them again', async () => {
      await withStore(await target.fresh(), async (store) => {
        assert.deepEqual(await runMigrations(store), { applied: names });
        assert.deepEqual(await runMigrations(store), { applied: [] });
        assert.match(await getInstallationId(store), uuidPattern);

        assert.deepEqual(await migrateDown(store), { reverted: [...names].reverse() });
        assert.deepEqual(await userTables(store), []);

        assert.deepEqual(await runMigrations(store), { applied: names });
        assert.ok((await userTables(store)).includes('gatehouse_meta'));
        assert.match(await getInstallationId(store), uuidPattern);
      });
    });

    it('keeps the installation id across a close and reopen', async () => {
      const options = await target.fresh();
      const first = await withStore(options, async (store) => {
        await runMigrations(store);
        return getInstallationId(store);
      });
      const second = await withStore(options, async (store) => {
        assert.deepEqual(await runMigrations(store), { applied: [] });
        return getInstallationId(store);
      });
      assert.match(first, uuidPattern);
      assert.equal(second, first);
    });

    it('can be closed twice, as overlapping shutdown paths do', async () => {
      const store = await openStore(await target.fresh());
      await store.close();
      await store.close();
    });

    it('lets two processes migrate at once, each migration applied exactly once', async () => {
      const options = await target.fresh();
      const outcomes = await raceMigratingProcesses(options, 2);
      assert.deepEqual(outcomes.flatMap((outcome) => outcome.applied).sort(), [...names].sort());
      assert.equal(new Set(outcomes.map((outcome) => outcome.installationId)).size, 1);
      await withStore(options, async (store) => {
        const recorded = await sql<{ name: string }>`select name from gatehouse_migration`.execute(store.db);
        assert.deepEqual(recorded.rows.map((row) => row.name).sort(), [...names].sort());
        assert.equal(await getInstallationId(store), outcomes[0]?.installationId);
      });
    });
  });
}

async function withStore<T>(options: OpenStoreOptions, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Tables other than the migrator's own bookkeeping. */
async function userTables(store: Store): Promise<string[]> {
  const tables = await store.db.introspection.getTables();
  return tables.map((table) => table.name).filter((table) => !table.startsWith('gatehouse_migration')).sort();
}

interface ChildOutcome {
  readonly applied: string[];
  readonly installationId: string;
}

/** Starts `count` processes, waits until each has opened its store, then releases them together. */
async function raceMigratingProcesses(options: OpenStoreOptions, count: number): Promise<ChildOutcome[]> {
  const script = fileURLToPath(new URL('./migrate-in-child.js', import.meta.url));
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [script, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  const outputs = children.map((child) => collect(child.stdout));
  const errors = children.map((child) => collect(child.stderr));
  const exits = children.map((child) => once(child, 'exit') as Promise<[number | null]>);
  await Promise.all(outputs.map((output) => output.firstLine));
  for (const child of children) child.stdin.write('go\n');
  const codes = await Promise.all(exits);
  const texts = await Promise.all(outputs.map((output) => output.all));
  for (const [index, [code]] of codes.entries()) {
    assert.equal(code, 0, `migrating process ${index} failed: ${await errors[index]?.all}`);
  }
  return texts.map((text) => JSON.parse(text.split('\n')[1] ?? '') as ChildOutcome);
}

function collect(stream: NodeJS.ReadableStream): { firstLine: Promise<void>; all: Promise<string> } {
  let text = '';
  let sawLine: () => void = () => undefined;
  const firstLine = new Promise<void>((resolve) => (sawLine = resolve));
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
    if (text.includes('\n')) sawLine();
  });
  const all = once(stream, 'end').then(() => text);
  // A child that dies before its first line must not leave the race waiting forever.
  void all.then(() => sawLine());
  return { firstLine, all };
}
