// The leased-job runner on a real (SQLite) store: a check that fails is reported and retried, a
// run outlasting its lease renews it, a failed once-per-interval run waits for the next interval,
// and stopping waits for the run under way before giving the lease up.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/open-store.js';
import { createJobLeaseRepository } from '../../src/store/repositories/job-lease-repository.js';
import type { JobLeaseRepository } from '../../src/store/repositories/job-lease-repository.js';
import { startLeasedJob } from '../../src/store/start-leased-job.js';
import type { LeasedJob, LeasedJobOptions } from '../../src/store/start-leased-job.js';
import { manualClock } from './repository-fixture.js';
import type { ManualClock } from './repository-fixture.js';

/** Waits (polling, bounded) until `done()`; the bound only turns a hang into a failure. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 2000 && !done(); attempt++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(done(), `gave up waiting until ${what}`);
}

/** A promise the test settles by hand. */
function gate(): { promise: Promise<void>; open: () => void; fail: (error: Error) => void } {
  let open = (): void => undefined;
  let fail = (_error: Error): void => undefined;
  const promise = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { promise, open, fail };
}

describe('startLeasedJob', () => {
  let folder = '';
  let store: Store;
  let leases: JobLeaseRepository;
  let clock: ManualClock;
  let checks: Record<string, number>;
  const stops: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gatehouse-leased-job-'));
    store = await openStore({ dataDir: join(folder, 'data') });
    await runMigrations(store);
    const real = createJobLeaseRepository(store);
    checks = {};
    leases = { ...real, tryAcquire: (request) => ((checks[request.holder] = (checks[request.holder] ?? 0) + 1), real.tryAcquire(request)) };
    clock = manualClock('2026-03-10T12:00:00.000Z');
  });

  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
    await store.close();
    await rm(folder, { recursive: true, force: true });
  });

  function start(holder: string, options: Partial<LeasedJobOptions> & Pick<LeasedJobOptions, 'run'>): LeasedJob {
    const job = startLeasedJob({
      leases, name: 'job', holder, checkIntervalMs: 5, firstCheckDelayMs: 0, leaseMs: 60_000, now: clock.now,
      onError: (error) => assert.fail(`${holder}: ${String(error)}`),
      ...options,
    });
    stops.push(() => job.stop());
    return job;
  }

  it('reports a check that cannot reach the database, and runs at a later check', async () => {
    const errors: unknown[] = [];
    let failuresLeft = 2;
    const flaky: JobLeaseRepository = {
      ...leases,
      tryAcquire: (request) => (failuresLeft-- > 0 ? Promise.reject(new Error('connection refused')) : leases.tryAcquire(request)),
    };
    let runs = 0;
    start('a', { leases: flaky, onError: (error) => errors.push(error), run: () => Promise.resolve(void (runs += 1)) });
    await until(() => runs > 0, 'a run');
    assert.deepEqual(errors.map(String), ['Error: connection refused', 'Error: connection refused']);
  });

  it('renews the lease while a run outlasts it, so no other instance starts a second run', async () => {
    const running = gate();
    let runsA = 0;
    let runsB = 0;
    start('a', { leaseMs: 30, run: () => ((runsA += 1), running.promise) });
    await until(() => runsA === 1, 'a runs');
    // Past the lease's first expiry: only the renewals during the run keep it.
    clock.advance(60 * 60_000);
    const checksBefore = checks['a'] ?? 0;
    await until(() => (checks['a'] ?? 0) >= checksBefore + 2, 'a renews twice');
    start('b', { leaseMs: 30, run: () => Promise.resolve(void (runsB += 1)) });
    await until(() => (checks['b'] ?? 0) >= 10, 'b checks ten times');
    assert.equal(runsB, 0);
    running.open();
  });

  it('counts a failed once-per-interval run as the interval\'s run, retrying at the next interval', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    start('a', {
      runIntervalMs: 24 * 60 * 60_000,
      onError: (error) => errors.push(error),
      run: () => ((runs += 1), Promise.reject(new Error('audit chain broken'))),
    });
    await until(() => (checks['a'] ?? 0) >= 10, 'ten checks');
    assert.equal(runs, 1);
    assert.deepEqual(errors.map(String), ['Error: audit chain broken']);
    assert.equal((await leases.read('job'))?.lastRunAt, clock.now().toISOString());
    clock.advance(24 * 60 * 60_000);
    await until(() => runs === 2, 'the next interval\'s run');
  });

  it('waits for a run under way when stopped, then gives the lease up to the next instance', async () => {
    const running = gate();
    let runsB = 0;
    const job = start('a', { run: () => running.promise });
    await until(() => (checks['a'] ?? 0) >= 1, 'a holds the lease');
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(stopped, false, 'stop waits for the run');
    assert.equal((await leases.read('job'))?.expiresAt, new Date(clock.now().getTime() + 60_000).toISOString());
    running.open();
    await stopping;
    start('b', { run: () => Promise.resolve(void (runsB += 1)) });
    await until(() => runsB > 0, 'b runs at once, without waiting for the lease to expire');
  });
});
