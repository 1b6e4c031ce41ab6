// Two instances over one database (each its own store and connections, as two processes have):
// the budget reset runs on one of them only, and moves to the other when it stops; the retention
// purge runs once per interval across both, however often each checks. PostgreSQL is the case that
// matters (several instances); SQLite runs the same code.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startRetentionJob } from '../../src/audit/start-retention-job.js';
import { silentLogger } from '../../src/server/logger.js';
import { startBudgetResets } from '../../src/server/start-budget-resets.js';
import { createInProcessState } from '../../src/shared-state/in-process-state.js';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';
import { openStore } from '../../src/store/open-store.js';
import type { OpenStoreOptions, Store } from '../../src/store/open-store.js';
import { createRepositories } from '../../src/store/repositories/create-repositories.js';
import type { Repositories } from '../../src/store/repositories/create-repositories.js';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.js';
import type { TestDatabase } from './postgres-test-database.js';
import { manualClock } from './repository-fixture.js';

interface Instance {
  readonly name: string;
  readonly store: Store;
  readonly repos: Repositories;
  /** Lease requests made, runs done. */
  readonly counts: { checks: number; runs: number };
}

/** Opens an instance whose lease requests and budget runs are counted. */
async function openInstance(name: string, options: OpenStoreOptions): Promise<Instance> {
  const store = await openStore(options);
  await runMigrations(store);
  const real = createRepositories(store);
  const counts = { checks: 0, runs: 0 };
  const repos: Repositories = {
    ...real,
    jobLeases: { ...real.jobLeases, tryAcquire: (request) => ((counts.checks += 1), real.jobLeases.tryAcquire(request)) },
    budgets: { resetDueBudgets: (now) => ((counts.runs += 1), real.budgets.resetDueBudgets(now)) },
  };
  return { name, store, repos, counts };
}

/** Waits (polling, bounded) until `done()`; the bound only turns a hang into a failure. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 2000 && !done(); attempt++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(done(), `gave up waiting until ${what}`);
}

const fastChecks = { checkIntervalMs: 5, firstRunDelayMs: 0 };

function describeClusterJobs(name: string, skip: string | false, fresh: () => Promise<OpenStoreOptions>): void {
  describe(`periodic jobs on two instances over one database: ${name}`, { skip }, () => {
    it('runs budget resets on one instance only, and on the other once the first stops', async () => {
      const options = await fresh();
      const [a, b] = [await openInstance('a', options), await openInstance('b', options)];
      const app = (instance: Instance) => ({ repos: instance.repos, state: createInProcessState(), log: silentLogger });
      // The lease outlasts the test, so only a stop, never timing, can move it.
      const settings = { intervalMs: 5, leaseMs: 10 * 60_000 };
      const stopA = startBudgetResets(app(a), { holder: 'a', ...settings });
      const stopB = startBudgetResets(app(b), { holder: 'b', ...settings });
      try {
        await until(() => a.counts.checks >= 20 && b.counts.checks >= 20, 'both have checked 20 times');
        const [first, second] = a.counts.runs > 0 ? [a, b] : [b, a];
        assert.ok(first.counts.runs >= 10, `${first.name} ran ${first.counts.runs} times`);
        assert.equal(second.counts.runs, 0, `${second.name} ran while ${first.name} held the lease`);

        await (first === a ? stopA : stopB)();
        const ranBefore = first.counts.runs;
        await until(() => second.counts.runs >= 5, `${second.name} takes over`);
        assert.equal(first.counts.runs, ranBefore, 'a stopped instance runs no more');
        assert.equal((await second.repos.jobLeases.read('budget-reset'))?.holder, second.name);
      } finally {
        await Promise.all([stopA(), stopB()]);
        await Promise.all([a.store.close(), b.store.close()]);
      }
    });

    it('purges once per retention interval across both instances, checking many times', async () => {
      const options = await fresh();
      const [a, b] = [await openInstance('a', options), await openInstance('b', options)];
      const clock = manualClock('2026-03-10T03:00:00.000Z');
      const runs: string[] = [];
      const errors: unknown[] = [];
      const start = (instance: Instance) =>
        startRetentionJob({
          store: instance.store,
          retention: { auditDays: 30, usageDays: 30 },
          lease: { leases: instance.repos.jobLeases, holder: instance.name },
          ...fastChecks,
          now: clock.now,
          onError: (error) => errors.push(error),
          onRun: () => runs.push(instance.name),
        });
      const stops = [start(a), start(b)];
      try {
        const checked = (n: number) => () => a.counts.checks >= n && b.counts.checks >= n;
        await until(checked(20), 'both have checked 20 times');
        assert.equal(runs.length, 1, `runs: ${runs.join(', ')}`);

        clock.advance(23 * 60 * 60_000);
        await until(checked(40), 'both have checked 40 times');
        assert.equal(runs.length, 1, 'not due 23 hours after the last run');

        clock.advance(60 * 60_000);
        await until(() => runs.length >= 2 && checked(60)(), 'the next day has been checked 20 times each');
        assert.equal(runs.length, 2, `runs: ${runs.join(', ')}`);
        const lease = await a.repos.jobLeases.read('retention');
        assert.equal(lease?.lastRunAt, '2026-03-11T03:00:00.000Z');
        assert.deepEqual(errors, []);
      } finally {
        await Promise.all(stops.map((stop) => stop()));
        await Promise.all([a.store.close(), b.store.close()]);
      }
    });
  });
}

const databases: TestDatabase[] = [];
const folders: string[] = [];
after(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

describeClusterJobs('postgres', await postgresSkipReason(), async () => {
  const database = await createTestDatabase();
  databases.push(database);
  return { databaseUrl: database.url, dataDir: 'unused-by-postgres' };
});

describeClusterJobs('sqlite', false, async () => {
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-jobs-'));
  folders.push(folder);
  return { dataDir: join(folder, 'data') };
});
