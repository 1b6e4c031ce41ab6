import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, harness, scriptedAttempt, servedBy } from './router-fixtures.js';
import type { DeploymentConfig } from '../../src/config/types.js';

async function countServed(deployments: readonly DeploymentConfig[], picks: number): Promise<Map<string, number>> {
  const { router } = harness(deployments, {}, 42);
  const counts = new Map<string, number>();
  for (let index = 0; index < picks; index += 1) {
    const id = await servedBy(router);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('simple-shuffle', () => {
  it('splits traffic by weight (3:1 over 4000 picks)', async () => {
    const counts = await countServed([deployment({ id: 'a', weight: 3 }), deployment({ id: 'b', weight: 1 })], 4000);
    const shareOfA = (counts.get('a') ?? 0) / 4000;
    assert.ok(Math.abs(shareOfA - 0.75) < 0.03, `share of a was ${shareOfA}`);
  });

  it('weights by rpm when no weight is set', async () => {
    const counts = await countServed([deployment({ id: 'a', rpm: 9000 }), deployment({ id: 'b', rpm: 1000 })], 2000);
    const shareOfA = (counts.get('a') ?? 0) / 2000;
    assert.ok(Math.abs(shareOfA - 0.9) < 0.03, `share of a was ${shareOfA}`);
  });

  it('weights by tpm when neither weight nor rpm is set', async () => {
    const counts = await countServed([deployment({ id: 'a', tpm: 1_000_000 }), deployment({ id: 'b', tpm: 1_000_000 }), deployment({ id: 'c', tpm: 2_000_000 })], 2000);
    const shareOfC = (counts.get('c') ?? 0) / 2000;
    assert.ok(Math.abs(shareOfC - 0.5) < 0.04, `share of c was ${shareOfC}`);
  });

  it('never picks a deployment whose weight is 0 while another has a share', async () => {
    const counts = await countServed([deployment({ id: 'a', weight: 0 }), deployment({ id: 'b', weight: 2 })], 500);
    assert.equal(counts.get('a'), undefined);
  });
});

describe('least-busy', () => {
  it('sends each request to the deployment with the fewest requests in flight', async () => {
    const { router } = harness([deployment({ id: 'a' }), deployment({ id: 'b' }), deployment({ id: 'c' })], { strategy: 'least-busy' });
    const held = [await router.route('gpt', scriptedAttempt()), await router.route('gpt', scriptedAttempt()), await router.route('gpt', scriptedAttempt())];
    assert.deepEqual(held.map((routed) => routed.deployment.id).sort(), ['a', 'b', 'c']);
    const freed = held[1];
    assert.ok(freed !== undefined);
    freed.release({ ok: true });
    assert.equal(await servedBy(router), freed.deployment.id);
  });
});

/** An attempt that takes `latencyMs[id]` of the fake clock to answer. */
function timedAttempt(clock: { nowMs: number }, latencyMs: Record<string, number>): (target: DeploymentConfig) => Promise<string> {
  return (target) => {
    clock.nowMs += latencyMs[target.id] ?? 0;
    return Promise.resolve(target.id);
  };
}

describe('latency-based-routing', () => {
  it('tries unmeasured deployments first, then prefers the lowest average latency', async () => {
    const { router, clock } = harness([deployment({ id: 'slow' }), deployment({ id: 'fast' })], { strategy: 'latency-based-routing' });
    const timed = timedAttempt(clock, { slow: 900, fast: 120 });
    const firstTwo = [await servedBy(router, 'gpt', timed), await servedBy(router, 'gpt', timed)];
    assert.deepEqual(firstTwo.sort(), ['fast', 'slow']);
    for (let index = 0; index < 5; index += 1) assert.equal(await servedBy(router, 'gpt', timed), 'fast');
  });

  it('moves away from a deployment once its average rises above another', async () => {
    const latencyMs: Record<string, number> = { a: 100, b: 200 };
    const { router, clock } = harness([deployment({ id: 'a' }), deployment({ id: 'b' })], { strategy: 'latency-based-routing' });
    const timed = timedAttempt(clock, latencyMs);
    await servedBy(router, 'gpt', timed);
    await servedBy(router, 'gpt', timed);
    latencyMs['a'] = 1000;
    assert.equal(await servedBy(router, 'gpt', timed), 'a');
    assert.equal(await servedBy(router, 'gpt', timed), 'b');
  });
});

describe('usage-based-routing', () => {
  it('prefers the deployment with the fewest tokens this minute and skips one this request would push past tpm', async () => {
    const { router, clock } = harness([deployment({ id: 'a', tpm: 1000 }), deployment({ id: 'b', tpm: 100_000 })], { strategy: 'usage-based-routing-v2' });
    const seed = async (id: string, totalTokens: number): Promise<void> => {
      const routed = await router.route('gpt', scriptedAttempt(), { eligible: (target) => target.id === id });
      routed.release({ ok: true, totalTokens });
    };
    await seed('a', 800);
    await seed('b', 5000);
    const route = async (estimatedTokens: number): Promise<string> => {
      const routed = await router.route('gpt', scriptedAttempt(), { estimatedTokens });
      routed.release({ ok: true });
      return routed.deployment.id;
    };
    assert.equal(await route(100), 'a');
    assert.equal(await route(300), 'b');
    clock.nowMs += 60_000;
    await seed('b', 100);
    assert.equal(await route(300), 'a', 'a new minute starts the token count afresh');
  });
});
