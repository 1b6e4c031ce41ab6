import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { deployment, harness, scriptedAttempt, servedBy } from './router-fixtures.js';

const failing = (): GatewayError => new GatewayError('upstream_error');

describe('priority order', () => {
  const tiers = [deployment({ id: 'unordered' }), deployment({ id: 'second', order: 2 }), deployment({ id: 'first', order: 1 })];

  it('serves from the lowest order only while it is healthy', async () => {
    const { router } = harness(tiers);
    for (let index = 0; index < 20; index += 1) assert.equal(await servedBy(router), 'first');
  });

  it('fails over tier by tier, deployments without an order last, without waiting', async () => {
    const { router, sleeps } = harness(tiers);
    const attempt = scriptedAttempt({ first: failing, second: failing });
    const routed = await router.route('gpt', attempt);
    assert.deepEqual(attempt.calls, ['first', 'second', 'unordered']);
    assert.equal(routed.deployment.id, 'unordered');
    assert.equal(routed.attempts, 3);
    assert.deepEqual(sleeps, []);
  });

  it('uses the next tier while the first is at its limit', async () => {
    const { router } = harness([deployment({ id: 'first', order: 1, maxParallelRequests: 1 }), deployment({ id: 'second', order: 2 })]);
    const held = await router.route('gpt', scriptedAttempt());
    assert.equal(held.deployment.id, 'first');
    assert.equal(await servedBy(router), 'second');
    held.release({ ok: true });
    assert.equal(await servedBy(router), 'first');
  });
});

describe('per-deployment limits', () => {
  it('answers 429 with the seconds until the rpm window frees when every deployment is at rpm', async () => {
    const { router, clock } = harness([deployment({ id: 'a', rpm: 2 }), deployment({ id: 'b', rpm: 1 })]);
    clock.nowMs += 15_000;
    for (let index = 0; index < 3; index += 1) await servedBy(router);
    const attempt = scriptedAttempt();
    await assert.rejects(router.route('gpt', attempt), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterS, 45);
      return true;
    });
    assert.deepEqual(attempt.calls, []);
    clock.nowMs += 45_000;
    await servedBy(router);
  });

  it('counts tokens toward tpm at release and skips a deployment that reached it', async () => {
    const { router } = harness([deployment({ id: 'small', tpm: 1000, order: 1 }), deployment({ id: 'big', order: 2 })]);
    const routed = await router.route('gpt', scriptedAttempt());
    assert.equal(routed.deployment.id, 'small');
    routed.release({ ok: true, totalTokens: 1000 });
    assert.equal(await servedBy(router), 'big');
  });

  it('answers 429 when every deployment is at max parallel requests, and serves again after a release', async () => {
    const { router } = harness([deployment({ id: 'a', maxParallelRequests: 1 }), deployment({ id: 'b', maxParallelRequests: 1 })]);
    const first = await router.route('gpt', scriptedAttempt());
    await router.route('gpt', scriptedAttempt());
    await assert.rejects(router.route('gpt', scriptedAttempt()), { code: 'rate_limited', retryAfterS: 1 });
    first.release({ ok: true });
    assert.equal(await servedBy(router), first.deployment.id);
  });

  it('frees the slot of a failed attempt without waiting for a release', async () => {
    const { router } = harness([deployment({ id: 'a', maxParallelRequests: 1 })], { numRetries: 0 });
    await assert.rejects(router.route('gpt', scriptedAttempt({ a: [failing()] })), { code: 'upstream_error' });
    assert.equal(await servedBy(router), 'a');
  });

  it('keeps max parallel requests when requests start together', async () => {
    const { router } = harness([deployment({ id: 'a', maxParallelRequests: 2 })]);
    const results = await Promise.allSettled([1, 2, 3].map(() => router.route('gpt', scriptedAttempt())));
    assert.deepEqual(results.map((result) => result.status), ['fulfilled', 'fulfilled', 'rejected']);
  });
});
