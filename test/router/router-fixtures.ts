// Fixtures for router tests: deployments and config with test-friendly defaults, a fake clock, a
// seeded random source, a recording sleep, and attempts that succeed or fail on cue.

import { createRouter } from '../../src/router/create-router.js';
import type { DeploymentConfig, RouterConfig } from '../../src/config/types.js';
import type { GatewayError } from '../../src/errors/gateway-error.js';
import type { Attempt, AttemptContext, ModelRouter } from '../../src/router/types.js';

type DeploymentOverrides = Partial<DeploymentConfig> & Pick<DeploymentConfig, 'id'>;

export function deployment(overrides: DeploymentOverrides): DeploymentConfig {
  return {
    modelName: 'gpt',
    provider: 'openai',
    model: 'gpt-4o-mini',
    weight: 1,
    headers: {},
    extraParams: {},
    modelInfo: {},
    ...overrides,
  };
}

export function routerConfig(overrides: Partial<RouterConfig> = {}): RouterConfig {
  return {
    strategy: 'simple-shuffle',
    numRetries: 2,
    retryBaseDelayMs: 100,
    retryMaxDelayMs: 5_000,
    requestTimeoutMs: 600_000,
    streamTimeoutMs: 60_000,
    allowedFails: 3,
    cooldownTimeMs: 5_000,
    fallbacks: {},
    contextWindowFallbacks: {},
    contentPolicyFallbacks: {},
    maxFallbacks: 5,
    ...overrides,
  };
}

/** mulberry32: a small seeded generator, so weighted picks are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Harness {
  readonly router: ModelRouter;
  /** Milliseconds each sleep was asked for, in order. */
  readonly sleeps: number[];
  readonly clock: { nowMs: number };
}

/** A router over a fake clock (starting at a minute boundary), seeded random and a recording sleep. */
export function harness(deployments: readonly DeploymentConfig[], config: Partial<RouterConfig> = {}, seed = 1): Harness {
  const sleeps: number[] = [];
  const clock = { nowMs: 1_700_000_040_000 };
  const router = createRouter({
    deployments,
    config: routerConfig(config),
    now: () => clock.nowMs,
    random: seededRandom(seed),
    sleep: (ms) => {
      sleeps.push(ms);
      clock.nowMs += ms;
      return Promise.resolve();
    },
  });
  return { router, sleeps, clock };
}

export interface ScriptedAttempt extends Attempt<string> {
  /** Deployment ids in the order they were attempted. */
  readonly calls: string[];
  readonly contexts: AttemptContext[];
}

/**
 * An attempt that answers with the deployment id, except that `failures[id]` lists errors the
 * deployment throws on its first calls, one each (a function throws every time).
 */
export function scriptedAttempt(failures: Record<string, GatewayError[] | (() => GatewayError)> = {}): ScriptedAttempt {
  const calls: string[] = [];
  const contexts: AttemptContext[] = [];
  const attempt = (target: DeploymentConfig, ctx: AttemptContext): Promise<string> => {
    calls.push(target.id);
    contexts.push(ctx);
    const planned = failures[target.id];
    const error = typeof planned === 'function' ? planned() : planned?.shift();
    return error === undefined ? Promise.resolve(target.id) : Promise.reject(error);
  };
  return Object.assign(attempt, { calls, contexts });
}

/** Routes and releases at once; returns the id of the deployment that served. */
export async function servedBy(router: ModelRouter, model = 'gpt', attempt: Attempt<string> = scriptedAttempt()): Promise<string> {
  const routed = await router.route(model, attempt);
  routed.release({ ok: true });
  return routed.deployment.id;
}
