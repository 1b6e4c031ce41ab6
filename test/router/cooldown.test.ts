import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { deployment, harness, scriptedAttempt, servedBy } from './router-fixtures.js';

const pair = [deployment({ id: 'primary', order: 1 }), deployment({ id: 'backup', order: 2 })];

describe('cooldown', () => {
  it('cools a deployment down after more than allowedFails failures in a minute, and recovers after cooldownTimeMs', async () => {
    const { router, clock } = harness(pair, { allowedFails: 1, cooldownTimeMs: 5_000, numRetries: 0 });
    const failPrimary = (): GatewayError => new GatewayError('upstream_error');
    for (let index = 0; index < 2; index += 1) {
      await assert.rejects(router.route('gpt', scriptedAttempt({ primary: failPrimary })), { code: 'upstream_error' });
      clock.nowMs += 1_000;
    }
    const attempt = scriptedAttempt();
    assert.equal(await servedBy(router, 'gpt', attempt), 'backup');
    assert.deepEqual(attempt.calls, ['backup'], 'a cooling deployment is not even tried');
    clock.nowMs += 4_000;
    assert.equal(await servedBy(router), 'primary');
  });

  it('does not cool down for failures spread over more than a minute', async () => {
    const { router, clock } = harness(pair, { allowedFails: 1, numRetries: 0 });
    for (let index = 0; index < 3; index += 1) {
      await assert.rejects(router.route('gpt', scriptedAttempt({ primary: [new GatewayError('upstream_timeout')] })));
      clock.nowMs += 61_000;
    }
    assert.equal(await servedBy(router), 'primary');
  });

  it('never counts failures that are the client’s fault', async () => {
    const { router } = harness(pair, { allowedFails: 0 });
    for (const code of ['invalid_request', 'context_length_exceeded', 'content_filtered', 'unsupported_parameter'] as const) {
      await assert.rejects(router.route('gpt', scriptedAttempt({ primary: [new GatewayError(code)] })), { code });
    }
    assert.equal(await servedBy(router), 'primary');
  });

  it('cools down at once on rejected upstream credentials', async () => {
    const { router } = harness(pair, { allowedFails: 3 });
    const attempt = scriptedAttempt({ primary: [new GatewayError('upstream_auth')] });
    assert.equal(await servedBy(router, 'gpt', attempt), 'backup');
    assert.equal(await servedBy(router), 'backup');
  });

  it('cools down at once on a 429 with retry-after, for the longer of cooldownTimeMs and the retry-after', async () => {
    const { router, clock } = harness(pair, { allowedFails: 3, cooldownTimeMs: 5_000 });
    const attempt = scriptedAttempt({ primary: [new GatewayError('rate_limited', { retryAfterS: 30 })] });
    assert.equal(await servedBy(router, 'gpt', attempt), 'backup');
    clock.nowMs += 10_000;
    assert.equal(await servedBy(router), 'backup');
    clock.nowMs += 20_000;
    assert.equal(await servedBy(router), 'primary');
  });

  it('cools nothing down when cooldownTimeMs is 0 (disable_cooldowns)', async () => {
    const { router } = harness(pair, { cooldownTimeMs: 0, allowedFails: 0, numRetries: 0 });
    await assert.rejects(router.route('gpt', scriptedAttempt({ primary: [new GatewayError('rate_limited', { retryAfterS: 30 })] })), { code: 'rate_limited' });
    await assert.rejects(router.route('gpt', scriptedAttempt({ primary: [new GatewayError('upstream_auth')] })), { code: 'upstream_auth' });
    assert.equal(await servedBy(router), 'primary');
  });

  it('answers 503 with the earliest recovery when every deployment is cooling down', async () => {
    const { router, clock } = harness(pair, { cooldownTimeMs: 20_000 });
    const authFailure = (): GatewayError => new GatewayError('upstream_auth');
    await assert.rejects(router.route('gpt', scriptedAttempt({ primary: [authFailure()] , backup: [authFailure()] })), { code: 'upstream_auth' });
    clock.nowMs += 7_500;
    const attempt = scriptedAttempt();
    await assert.rejects(router.route('gpt', attempt), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.code, 'upstream_unavailable');
      assert.equal(error.status, 503);
      assert.equal(error.retryAfterS, 13);
      return true;
    });
    assert.deepEqual(attempt.calls, []);
  });

  it('tries fallbacks before answering 503 when every deployment is cooling down', async () => {
    const { router } = harness([...pair, deployment({ id: 'other', modelName: 'other' })], { fallbacks: { gpt: ['other'] } });
    const authFailure = (): GatewayError => new GatewayError('upstream_auth');
    const first = await router.route('gpt', scriptedAttempt({ primary: [authFailure()], backup: [authFailure()] }));
    assert.equal(first.modelGroup, 'other');
    const second = await router.route('gpt', scriptedAttempt());
    assert.equal(second.deployment.id, 'other');
  });
});
