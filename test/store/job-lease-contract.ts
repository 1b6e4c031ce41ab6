// The job-lease contract both dialects pass: one holder at a time, renewal by the holder, takeover
// after expiry or release, "due" by the last finished run, and exactly one winner of a race
// between separately connected instances.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { createJobLeaseRepository } from '../../src/store/repositories/job-lease-repository.js';
import type { JobLeaseRepository } from '../../src/store/repositories/job-lease-repository.js';
import { withRepositories } from './repository-fixture.js';
import type { StoreTarget } from './store-contract.js';

const t0 = new Date('2026-03-10T12:00:00.000Z');
const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
const minuteMs = 60_000;

function leaseOf(leases: JobLeaseRepository, name = 'budget-reset') {
  return (holder: string, seconds: number, extra: { lastRunBefore?: Date } = {}) =>
    leases.tryAcquire({ name, holder, ttlMs: minuteMs, now: at(seconds), ...extra });
}

export function describeJobLeaseContract(name: string, target: StoreTarget): void {
  describe(`job leases: ${name}`, { skip: target.skip }, () => {
    after(() => target.cleanUp());

    it('has one holder until its lease expires, renewed only by that holder', async () => {
      await withRepositories(target, async ({ repos }) => {
        const acquire = leaseOf(repos.jobLeases);
        assert.equal(await acquire('a', 0), true);
        assert.equal(await acquire('b', 30), false);
        assert.equal(await acquire('a', 50), true, 'the holder renews');
        assert.equal((await repos.jobLeases.read('budget-reset'))?.expiresAt, at(110).toISOString());
        assert.equal(await acquire('b', 100), false, 'the renewal moved the expiry on');
        assert.equal(await acquire('b', 110), true, 'expired: another instance takes over');
        assert.equal(await acquire('a', 120), false, 'the old holder does not get it back');
        assert.equal((await repos.jobLeases.read('budget-reset'))?.holder, 'b');
        assert.equal(await leaseOf(repos.jobLeases, 'other-job')('a', 120), true, 'each job has its own lease');
      });
    });

    it('frees the lease at once on release, but only by its holder', async () => {
      await withRepositories(target, async ({ repos }) => {
        const acquire = leaseOf(repos.jobLeases);
        assert.equal(await acquire('a', 0), true);
        await repos.jobLeases.release('budget-reset', 'b', { now: at(1) });
        assert.equal(await acquire('b', 2), false, 'a release by someone else changes nothing');
        await repos.jobLeases.release('budget-reset', 'a', { now: at(3) });
        assert.equal(await acquire('b', 4), true);
        assert.equal((await repos.jobLeases.read('budget-reset'))?.lastRunAt, null);
      });
    });

    it('runs a job once per interval: due only when its last finished run is old enough', async () => {
      await withRepositories(target, async ({ repos }) => {
        const acquire = leaseOf(repos.jobLeases, 'retention');
        const due = (seconds: number) => ({ lastRunBefore: at(seconds - 3600) });
        assert.equal(await acquire('a', 0, due(0)), true, 'never run: due');
        assert.equal(await acquire('b', 10, due(10)), false, 'held while it runs');
        await repos.jobLeases.release('retention', 'a', { now: at(20), ranAt: at(20) });
        assert.equal((await repos.jobLeases.read('retention'))?.lastRunAt, at(20).toISOString());
        assert.equal(await acquire('b', 30, due(30)), false, 'free, but ran 10 s ago');
        assert.equal(await acquire('a', 40, due(40)), false, 'nor may the last runner run it again');
        assert.equal(await acquire('b', 3620, due(3620)), true, 'an hour after the last run');
        assert.equal(await acquire('a', 3630), false, 'held, whatever the schedule');
      });
    });

    it('gives a lease raced for by separately connected instances to exactly one', async () => {
      const options = await target.fresh();
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(options)));
      try {
        await runMigrations(stores[0] ?? assert.fail('no store'));
        const leases = stores.map((store) => createJobLeaseRepository(store));
        for (const round of [1, 2, 3, 4, 5]) {
          // Round 1 races on inserting the row; later rounds race on taking over an expired lease.
          const now = at(round * 120);
          const won = await Promise.all(leases.map((lease, index) => lease.tryAcquire({ name: 'race', holder: `i${index}`, ttlMs: minuteMs, now })));
          assert.equal(won.filter(Boolean).length, 1, `round ${round}: ${JSON.stringify(won)}`);
          const holder = (await leases[0]?.read('race'))?.holder;
          assert.equal(holder, `i${won.indexOf(true)}`);
        }
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });
  });
}
