// The contract every DeploymentCounters implementation passes: in-process now, a shared store later.
// Each implementation's test file calls `describeDeploymentCounters` with a factory of fresh, empty counters.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentCounters, DeploymentStats } from '../../src/router/deployment-counters.js';

/** A whole minute of the clock, so the window arithmetic below is exact. */
const T0 = 1_700_000_040_000;

async function statsOf(counters: DeploymentCounters, id: string, nowMs: number): Promise<DeploymentStats> {
  const stats = (await counters.read([id], nowMs)).get(id);
  assert.ok(stats !== undefined, `read() must answer for every id asked, including ${id}`);
  return stats;
}

export function describeDeploymentCounters(name: string, create: () => DeploymentCounters | Promise<DeploymentCounters>): void {
  describe(`DeploymentCounters contract: ${name}`, () => {
    it('knows nothing of a deployment never used', async () => {
      const counters = await create();
      assert.deepEqual(await statsOf(counters, 'new', T0 + 5_000), {
        inFlight: 0, minuteStartMs: T0, requestsThisMinute: 0, tokensThisMinute: 0, latencyMs: undefined, cooldownUntilMs: 0,
      });
    });

    it('counts a started request in flight and toward rpm, its tokens toward tpm when it finishes', async () => {
      const counters = await create();
      const afterStart = await counters.start('a', T0);
      assert.equal(afterStart.inFlight, 1);
      assert.equal(afterStart.requestsThisMinute, 1);
      await counters.start('a', T0 + 1);
      counters.finish('a', T0 + 2, 120);
      const stats = await statsOf(counters, 'a', T0 + 3);
      assert.equal(stats.inFlight, 1);
      assert.equal(stats.requestsThisMinute, 2);
      assert.equal(stats.tokensThisMinute, 120);
      assert.equal((await statsOf(counters, 'b', T0 + 3)).inFlight, 0, 'deployments are counted apart');
    });

    it('undoes a start on cancel', async () => {
      const counters = await create();
      await counters.start('a', T0);
      counters.cancel('a', T0 + 1);
      const stats = await statsOf(counters, 'a', T0 + 2);
      assert.equal(stats.inFlight, 0);
      assert.equal(stats.requestsThisMinute, 0);
    });

    it('starts the rpm and tpm counts afresh each minute, keeping requests in flight', async () => {
      const counters = await create();
      await counters.start('a', T0 + 59_000);
      await counters.start('a', T0 + 59_500);
      counters.finish('a', T0 + 59_900, 500);
      const next = await statsOf(counters, 'a', T0 + 60_000);
      assert.deepEqual([next.minuteStartMs, next.requestsThisMinute, next.tokensThisMinute, next.inFlight], [T0 + 60_000, 0, 0, 1]);
    });

    it('averages the latest latency samples', async () => {
      const counters = await create();
      counters.recordLatency('a', 100);
      counters.recordLatency('a', 300);
      assert.equal((await statsOf(counters, 'a', T0)).latencyMs, 200);
      for (let index = 0; index < 20; index += 1) counters.recordLatency('a', 50);
      assert.equal((await statsOf(counters, 'a', T0)).latencyMs, 50, 'old samples leave the average');
    });

    it('counts failures within a minute of the first, then starts again', async () => {
      const counters = await create();
      assert.equal(await counters.recordFailure('a', T0), 1);
      assert.equal(await counters.recordFailure('a', T0 + 30_000), 2);
      assert.equal(await counters.recordFailure('a', T0 + 59_999), 3);
      assert.equal(await counters.recordFailure('a', T0 + 60_000), 1);
    });

    it('cools down until the latest instant asked and forgets earlier failures', async () => {
      const counters = await create();
      await counters.recordFailure('a', T0);
      await counters.recordFailure('a', T0 + 1);
      counters.coolDown('a', T0 + 30_000);
      counters.coolDown('a', T0 + 10_000);
      assert.equal((await statsOf(counters, 'a', T0 + 2)).cooldownUntilMs, T0 + 30_000);
      assert.equal(await counters.recordFailure('a', T0 + 3), 1);
    });
  });
}
