// Routes one request within one model group: choose, start, attempt, and on a retryable failure
// retry (switching deployments at once, backing off before reusing a failed one). Fallbacks to
// other groups are not here: create-router.ts moves on when this returns a failure.

import { abortReason, untilAborted } from './abortable-sleep.js';
import { cooldownMsAfter, countsAgainstDeployment } from './cooldown-policy.js';
import { overshotAfterStart } from './deployment-limits.js';
import { retryDelayMs, shouldRetry } from './retry-policy.js';
import { blockedGroupError } from './route-errors.js';
import { selectDeployment } from './select-deployment.js';
import { toGatewayError } from '../errors/gateway-error.js';
import type { DeploymentCounters } from './deployment-counters.js';
import type { Attempt, AttemptContext, Routed } from './types.js';
import type { DeploymentConfig, RouterConfig } from '../config/types.js';
import type { GatewayError } from '../errors/gateway-error.js';
import type { CancelSignal } from '../upstream/types.js';

/** What every request of one router shares. */
export interface RouterRuntime {
  readonly config: RouterConfig;
  readonly counters: DeploymentCounters;
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: CancelSignal) => Promise<void>;
}

/** One request's progress across its groups. */
export interface RequestRun<T> {
  readonly runtime: RouterRuntime;
  readonly attempt: Attempt<T>;
  readonly signal: CancelSignal | undefined;
  readonly estimatedTokens: number;
  /** Deployments that failed in this request. */
  readonly failedIds: Set<string>;
  /** Attempts started so far, across groups. */
  attempts: number;
}

export type GroupOutcome<T> = { readonly ok: true; readonly routed: Routed<T> } | { readonly ok: false; readonly error: GatewayError };

/** `deployments`: the group's eligible deployments, non-empty. */
export async function routeGroup<T>(run: RequestRun<T>, group: string, deployments: readonly DeploymentConfig[]): Promise<GroupOutcome<T>> {
  const { config, counters, now } = run.runtime;
  const ids = deployments.map((deployment) => deployment.id);
  const skipIds = new Set<string>();
  let lastError: GatewayError | undefined;
  let retriesUsed = 0;
  let waited = false;
  for (;;) {
    if (run.signal?.aborted === true) throw abortReason(run.signal);
    const nowMs = now();
    const selection = selectDeployment({
      deployments, stats: await counters.read(ids, nowMs), failedIds: run.failedIds, skipIds,
      strategy: config.strategy, nowMs, estimatedTokens: run.estimatedTokens, random: run.runtime.random,
    });
    if (selection.kind === 'blocked') return { ok: false, error: lastError ?? blockedGroupError(group, selection, nowMs) };
    if (lastError !== undefined && !selection.fresh && !waited) {
      const delayMs = retryDelayMs({ retryIndex: retriesUsed - 1, baseDelayMs: config.retryBaseDelayMs, maxDelayMs: config.retryMaxDelayMs, error: lastError, random: run.runtime.random });
      // A retry-after beyond the cap: waiting is pointless, let a fallback (or the client) take over.
      if (delayMs === undefined) return { ok: false, error: lastError };
      await untilAborted(run.runtime.sleep(delayMs, run.signal), run.signal);
      waited = true;
      continue;
    }
    const { deployment } = selection;
    if (overshotAfterStart(deployment, await counters.start(deployment.id, now()))) {
      counters.cancel(deployment.id, now());
      skipIds.add(deployment.id);
      continue;
    }
    skipIds.clear();
    waited = false;
    const outcome = await runAttempt(run, group, deployment, deployments.length === 1);
    if (outcome.ok) return outcome;
    lastError = outcome.error;
    if (!shouldRetry(lastError) || retriesUsed >= config.numRetries) return outcome;
    retriesUsed += 1;
  }
}

async function runAttempt<T>(run: RequestRun<T>, group: string, deployment: DeploymentConfig, sole: boolean): Promise<GroupOutcome<T>> {
  const { config, counters, now } = run.runtime;
  const ctx: AttemptContext = {
    attempt: run.attempts,
    modelGroup: group,
    timeoutMs: deployment.timeoutMs ?? config.requestTimeoutMs,
    streamTimeoutMs: deployment.streamTimeoutMs ?? config.streamTimeoutMs,
    signal: run.signal,
  };
  run.attempts += 1;
  const startedMs = now();
  let value: T;
  try {
    value = await run.attempt(deployment, ctx);
  } catch (thrown) {
    counters.finish(deployment.id, now(), 0);
    if (run.signal?.aborted === true) throw abortReason(run.signal);
    const error = toGatewayError(thrown);
    // As in LiteLLM, the only deployment of a group is never cooled down: there is nowhere else to
    // go, and a cooldown would turn one upstream 429 into a run of 503s. Its own retry-after still applies.
    if (!sole) await noteFailure(run.runtime, deployment, error);
    run.failedIds.add(deployment.id);
    return { ok: false, error };
  }
  counters.recordLatency(deployment.id, now() - startedMs);
  return { ok: true, routed: routedResult(run, { value, deployment, group }) };
}

async function noteFailure(runtime: RouterRuntime, deployment: DeploymentConfig, error: GatewayError): Promise<void> {
  if (!countsAgainstDeployment(error)) return;
  const failures = await runtime.counters.recordFailure(deployment.id, runtime.now());
  const cooldownMs = cooldownMsAfter(error, failures, runtime.config);
  if (cooldownMs !== undefined) runtime.counters.coolDown(deployment.id, runtime.now() + cooldownMs);
}

function routedResult<T>(run: RequestRun<T>, served: { value: T; deployment: DeploymentConfig; group: string }): Routed<T> {
  const { counters, now } = run.runtime;
  let released = false;
  return {
    value: served.value,
    deployment: served.deployment,
    modelGroup: served.group,
    attempts: run.attempts,
    release(outcome) {
      if (released) return;
      released = true;
      counters.finish(served.deployment.id, now(), outcome.totalTokens ?? 0);
    },
  };
}
