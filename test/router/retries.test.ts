import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sleepMs } from '../../src/router/abortable-sleep.js';
import { createRouter } from '../../src/router/create-router.js';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { deployment, harness, routerConfig, scriptedAttempt } from './router-fixtures.js';

const single = [deployment({ id: 'only' })];

describe('retries', () => {
  it('switches to a deployment that has not failed without waiting', async () => {
    const { router, sleeps } = harness([deployment({ id: 'a', order: 1 }), deployment({ id: 'b', order: 2 })]);
    const routed = await router.route('gpt', scriptedAttempt({ a: [new GatewayError('upstream_overloaded', { retryAfterS: 2 })] }));
    assert.equal(routed.deployment.id, 'b');
    assert.deepEqual(sleeps, []);
  });

  it('backs off exponentially with jitter before reusing a failed deployment', async () => {
    const { router, sleeps } = harness(single, { numRetries: 3, retryBaseDelayMs: 100 });
    const attempt = scriptedAttempt({ only: [new GatewayError('upstream_error'), new GatewayError('upstream_timeout'), new GatewayError('upstream_error')] });
    const routed = await router.route('gpt', attempt);
    assert.equal(routed.attempts, 4);
    assert.equal(sleeps.length, 3);
    [100, 200, 400].forEach((fullMs, index) => {
      const slept = sleeps[index] ?? -1;
      assert.ok(slept >= fullMs * 0.75 && slept <= fullMs, `retry ${index} slept ${slept}`);
    });
  });

  it('caps the backoff at retryMaxDelayMs', async () => {
    const { router, sleeps } = harness(single, { numRetries: 4, allowedFails: 10, retryBaseDelayMs: 1_000, retryMaxDelayMs: 1_500 });
    await router.route('gpt', scriptedAttempt({ only: [1, 2, 3, 4].map(() => new GatewayError('upstream_error')) }));
    assert.equal(sleeps.length, 4);
    assert.ok(sleeps.slice(1).every((ms) => ms >= 1_125 && ms <= 1_500), `slept ${sleeps.join(', ')}`);
  });

  it('waits exactly the retry-after when it is within the cap', async () => {
    const { router, sleeps } = harness(single);
    const routed = await router.route('gpt', scriptedAttempt({ only: [new GatewayError('upstream_overloaded', { retryAfterS: 2 })] }));
    assert.equal(routed.attempts, 2);
    assert.deepEqual(sleeps, [2_000]);
  });

  it('does not wait for a retry-after beyond the cap: fails at once keeping it', async () => {
    const { router, sleeps } = harness(single, { retryMaxDelayMs: 5_000 });
    const attempt = scriptedAttempt({ only: [new GatewayError('upstream_overloaded', { retryAfterS: 30 })] });
    await assert.rejects(router.route('gpt', attempt), { code: 'upstream_overloaded', status: 503, retryAfterS: 30 });
    assert.deepEqual(sleeps, []);
    assert.deepEqual(attempt.calls, ['only']);
  });

  it('moves to a fallback at once when the retry-after is beyond the cap', async () => {
    const { router, sleeps } = harness([...single, deployment({ id: 'spare', modelName: 'spare' })], { fallbacks: { gpt: ['spare'] } });
    const routed = await router.route('gpt', scriptedAttempt({ only: [new GatewayError('upstream_overloaded', { retryAfterS: 30 })] }));
    assert.equal(routed.deployment.id, 'spare');
    assert.deepEqual(sleeps, []);
  });

  it('stops after numRetries retries and throws the last error', async () => {
    const { router } = harness(single, { numRetries: 2 });
    const attempt = scriptedAttempt({ only: [new GatewayError('upstream_error'), new GatewayError('upstream_error'), new GatewayError('upstream_timeout', { detail: 'last' })] });
    await assert.rejects(router.route('gpt', attempt), { code: 'upstream_timeout', status: 504, detail: 'last' });
    assert.equal(attempt.calls.length, 3);
  });

  it('does not retry an error that is the client’s fault', async () => {
    const { router } = harness([deployment({ id: 'a' }), deployment({ id: 'b' }), deployment({ id: 'spare', modelName: 'spare' })], { fallbacks: { gpt: ['spare'] } });
    const error = new GatewayError('invalid_request', { param: 'temperature' });
    const attempt = scriptedAttempt({ a: [error], b: [error] });
    await assert.rejects(router.route('gpt', attempt), (thrown) => thrown === error);
    assert.equal(attempt.calls.length, 1);
  });

  it('turns anything else an attempt throws into an internal error that is not retried', async () => {
    const { router } = harness(single);
    const attempt = (): Promise<string> => Promise.reject(new TypeError('boom'));
    await assert.rejects(router.route('gpt', attempt), { code: 'internal_error', status: 500 });
  });

  it('gives each attempt its timeouts, group and a running attempt number', async () => {
    const { router } = harness([
      deployment({ id: 'a', order: 1, timeoutMs: 30_000, streamTimeoutMs: 5_000 }),
      deployment({ id: 'b', order: 2 }),
      deployment({ id: 'c', modelName: 'spare' }),
    ], { numRetries: 1, fallbacks: { gpt: ['spare'] } });
    const fail = (): GatewayError => new GatewayError('upstream_error');
    const attempt = scriptedAttempt({ a: fail, b: fail });
    const routed = await router.route('gpt', attempt);
    assert.deepEqual(attempt.contexts.map(({ attempt: index, modelGroup, timeoutMs, streamTimeoutMs }) => ({ index, modelGroup, timeoutMs, streamTimeoutMs })), [
      { index: 0, modelGroup: 'gpt', timeoutMs: 30_000, streamTimeoutMs: 5_000 },
      { index: 1, modelGroup: 'gpt', timeoutMs: 600_000, streamTimeoutMs: 60_000 },
      { index: 2, modelGroup: 'spare', timeoutMs: 600_000, streamTimeoutMs: 60_000 },
    ]);
    assert.equal(routed.attempts, 3);
  });
});

describe('abort', () => {
  it('stops during a backoff sleep with the signal’s reason and starts no other attempt', async () => {
    const controller = new AbortController();
    const reason = new Error('client went away');
    const router = createRouter({
      deployments: single,
      config: routerConfig(),
      sleep: () => {
        controller.abort(reason);
        return new Promise<void>(() => undefined);
      },
    });
    const attempt = scriptedAttempt({ only: () => new GatewayError('upstream_error') });
    await assert.rejects(router.route('gpt', attempt, { signal: controller.signal }), (thrown) => thrown === reason);
    assert.deepEqual(attempt.calls, ['only']);
  });

  it('starts no attempt on an already aborted signal', async () => {
    const { router } = harness(single);
    const attempt = scriptedAttempt();
    await assert.rejects(router.route('gpt', attempt, { signal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.deepEqual(attempt.calls, []);
  });

  it('throws the abort reason, not the attempt’s error, when an attempt fails after abort', async () => {
    const controller = new AbortController();
    const { router } = harness([deployment({ id: 'a' }), deployment({ id: 'b' })]);
    const attempt = (): Promise<string> => {
      controller.abort();
      return Promise.reject(new GatewayError('upstream_error'));
    };
    await assert.rejects(router.route('gpt', attempt, { signal: controller.signal }), { name: 'AbortError' });
  });

  it('the default sleep ends early when its signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = sleepMs(60_000, controller.signal);
    controller.abort();
    await assert.rejects(sleeping, { name: 'AbortError' });
  });
});

describe('release', () => {
  it('counts only the first call', async () => {
    const { router } = harness([deployment({ id: 'only', maxParallelRequests: 2, tpm: 1_000 })]);
    await router.route('gpt', scriptedAttempt());
    const twice = await router.route('gpt', scriptedAttempt());
    twice.release({ ok: true, totalTokens: 600 });
    twice.release({ ok: true, totalTokens: 600 });
    await router.route('gpt', scriptedAttempt());
    await assert.rejects(router.route('gpt', scriptedAttempt()), { code: 'rate_limited' });
  });
});
