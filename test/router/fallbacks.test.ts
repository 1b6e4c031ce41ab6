import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { deployment, harness, scriptedAttempt } from './router-fixtures.js';
import type { RouterConfig } from '../../src/config/types.js';

/** One deployment per group, the deployment id equal to the group name. */
function groups(...names: string[]): ReturnType<typeof deployment>[] {
  return names.map((name) => deployment({ id: name, modelName: name }));
}

const overloaded = (): GatewayError => new GatewayError('upstream_overloaded');

async function servingGroup(config: Partial<RouterConfig>, failures: Parameters<typeof scriptedAttempt>[0], names = ['gpt', 'big', 'safe', 'spare']): Promise<{ group: string; calls: string[] }> {
  const { router } = harness(groups(...names), config);
  const attempt = scriptedAttempt(failures);
  const routed = await router.route('gpt', attempt);
  return { group: routed.modelGroup, calls: attempt.calls };
}

describe('fallbacks', () => {
  const all = { fallbacks: { gpt: ['spare'] }, contextWindowFallbacks: { gpt: ['big'] }, contentPolicyFallbacks: { gpt: ['safe'] } };

  it('falls back on a retryable error after the group’s retries', async () => {
    const served = await servingGroup({ ...all, numRetries: 2 }, { gpt: overloaded });
    assert.deepEqual(served, { group: 'spare', calls: ['gpt', 'gpt', 'gpt', 'spare'] });
  });

  it('uses the `*` fallbacks for a group without its own', async () => {
    const served = await servingGroup({ fallbacks: { '*': ['spare'] }, numRetries: 0 }, { gpt: overloaded });
    assert.equal(served.group, 'spare');
  });

  it('sends a context window overflow to the context window fallbacks, without retrying', async () => {
    const served = await servingGroup(all, { gpt: () => new GatewayError('context_length_exceeded') });
    assert.deepEqual(served, { group: 'big', calls: ['gpt', 'big'] });
  });

  it('sends a content policy rejection to the content policy fallbacks, without retrying', async () => {
    const served = await servingGroup(all, { gpt: () => new GatewayError('content_filtered') });
    assert.deepEqual(served, { group: 'safe', calls: ['gpt', 'safe'] });
  });

  it('throws a context window overflow when the group has no context window fallbacks', async () => {
    const { router } = harness(groups('gpt', 'spare'), { fallbacks: { gpt: ['spare'] } });
    await assert.rejects(router.route('gpt', scriptedAttempt({ gpt: [new GatewayError('context_length_exceeded')] })), { code: 'context_length_exceeded', status: 400 });
  });

  it('tries at most maxFallbacks groups and throws the last error seen', async () => {
    const { router } = harness(groups('gpt', 'f1', 'f2', 'f3'), { numRetries: 0, maxFallbacks: 2, fallbacks: { gpt: ['f1', 'f2', 'f3'] } });
    const attempt = scriptedAttempt({
      gpt: overloaded,
      f1: () => new GatewayError('upstream_error'),
      f2: () => new GatewayError('rate_limited', { retryAfterS: 7 }),
    });
    await assert.rejects(router.route('gpt', attempt), { code: 'rate_limited', status: 429, retryAfterS: 7 });
    assert.deepEqual(attempt.calls, ['gpt', 'f1', 'f2']);
  });

  it('follows a fallback group’s own fallbacks but never returns to a group already tried', async () => {
    const { router } = harness(groups('gpt', 'b', 'c'), { numRetries: 0, fallbacks: { gpt: ['b'], b: ['gpt', 'c'], c: ['b', 'gpt'] } });
    const attempt = scriptedAttempt({ gpt: overloaded, b: overloaded, c: overloaded });
    await assert.rejects(router.route('gpt', attempt), { code: 'upstream_overloaded' });
    assert.deepEqual(attempt.calls, ['gpt', 'b', 'c']);
  });
});

describe('model groups', () => {
  it('answers model_not_found naming the model for an unknown group', async () => {
    const { router } = harness(groups('gpt'));
    await assert.rejects(router.route('nope', scriptedAttempt()), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.param, 'model');
      assert.match(error.message, /`nope`/);
      return true;
    });
    assert.equal(router.hasModel('gpt'), true);
    assert.deepEqual(router.modelNames(), ['gpt']);
    assert.deepEqual(router.deploymentsOf('nope'), []);
  });

  it('answers upstream_unavailable when the request may use none of the group’s deployments', async () => {
    const { router } = harness([deployment({ id: 'eu', region: 'eu' }), deployment({ id: 'us', region: 'us' })]);
    const attempt = scriptedAttempt();
    await assert.rejects(router.route('gpt', attempt, { eligible: (target) => target.region === 'ap' }), { code: 'upstream_unavailable', message: /`gpt`/ });
    assert.deepEqual(attempt.calls, []);
    const routed = await router.route('gpt', attempt, { eligible: (target) => target.region === 'us' });
    assert.equal(routed.deployment.id, 'us');
  });

  it('refuses two deployments with one id', () => {
    assert.throws(() => harness([deployment({ id: 'x' }), deployment({ id: 'x', modelName: 'other' })]), /share the id "x"/);
  });
});
