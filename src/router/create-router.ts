// The router: model groups built from the deployments, and `route`, which runs a request through its
// group and then through fallback groups. Group-level retries live in route-group.ts; HTTP is the
// caller's `attempt`, never done here.

import { abortReason, sleepMs } from './abortable-sleep.js';
import { fallbackGroupsFor } from './fallback-policy.js';
import { createInProcessCounters } from './in-process-counters.js';
import { noEligibleDeploymentError, unknownModelError } from './route-errors.js';
import { routeGroup } from './route-group.js';
import type { DeploymentCounters } from './deployment-counters.js';
import type { GroupOutcome, RequestRun, RouterRuntime } from './route-group.js';
import type { Attempt, ModelRouter, RouteOptions, Routed } from './types.js';
import type { DeploymentConfig, RouterConfig } from '../config/types.js';
import type { CancelSignal } from '../upstream/types.js';

export interface CreateRouterOptions {
  readonly deployments: readonly DeploymentConfig[];
  readonly config: RouterConfig;
  /** Clock in epoch milliseconds; default Date.now. */
  readonly now?: () => number;
  /** Uniform in [0, 1); default Math.random. */
  readonly random?: () => number;
  /** Waits between retries; must reject when the signal aborts. Default: a timer. */
  readonly sleep?: (ms: number, signal?: CancelSignal) => Promise<void>;
  /** Where in-flight, usage, latency and cooldown counts live; default: this process's memory. */
  readonly counters?: DeploymentCounters;
}

export function createRouter(options: CreateRouterOptions): ModelRouter {
  const groups = groupDeployments(options.deployments);
  const runtime: RouterRuntime = {
    config: options.config,
    counters: options.counters ?? createInProcessCounters(),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? sleepMs,
  };
  return {
    hasModel: (modelName) => groups.has(modelName),
    modelNames: () => [...groups.keys()],
    deploymentsOf: (modelName) => groups.get(modelName) ?? [],
    route: <T>(modelName: string, attempt: Attempt<T>, routeOptions: RouteOptions = {}) => {
      if (!groups.has(modelName)) return Promise.reject(unknownModelError(modelName));
      const run: RequestRun<T> = {
        runtime, attempt, signal: routeOptions.signal, estimatedTokens: routeOptions.estimatedTokens ?? 0,
        failedIds: new Set(), attempts: 0,
      };
      return routeWithFallbacks(run, modelName, (group) => eligibleOf(groups, group, routeOptions));
    },
  };
}

/**
 * Tries `modelName`, then fallback groups in the order their failures named them (breadth first),
 * never a group twice and at most `maxFallbacks` of them. Throws the last error seen.
 */
async function routeWithFallbacks<T>(
  run: RequestRun<T>,
  modelName: string,
  eligible: (group: string) => readonly DeploymentConfig[] | undefined,
): Promise<Routed<T>> {
  const { config } = run.runtime;
  const seen = new Set([modelName]);
  const pending: string[] = [];
  let group = modelName;
  let fallbacksUsed = 0;
  for (;;) {
    const outcome = await routeOneGroup(run, group, eligible(group) ?? []);
    if (outcome.ok) return outcome.routed;
    const next = fallbackGroupsFor(outcome.error, group, config);
    if (next === undefined) throw outcome.error;
    for (const candidate of next) {
      // Groups nobody deployed cannot serve; configuration loading reports them.
      if (!seen.has(candidate) && eligible(candidate) !== undefined) {
        seen.add(candidate);
        pending.push(candidate);
      }
    }
    const following = pending.shift();
    if (following === undefined || fallbacksUsed >= config.maxFallbacks) throw outcome.error;
    if (run.signal?.aborted === true) throw abortReason(run.signal);
    fallbacksUsed += 1;
    group = following;
  }
}

function routeOneGroup<T>(run: RequestRun<T>, group: string, deployments: readonly DeploymentConfig[]): Promise<GroupOutcome<T>> {
  if (deployments.length === 0) return Promise.resolve({ ok: false, error: noEligibleDeploymentError(group) });
  return routeGroup(run, group, deployments);
}

/** The group's deployments that pass the request's filter; undefined for a group nobody deployed. */
function eligibleOf(
  groups: ReadonlyMap<string, readonly DeploymentConfig[]>,
  group: string,
  options: RouteOptions,
): readonly DeploymentConfig[] | undefined {
  const deployments = groups.get(group);
  if (deployments === undefined || options.eligible === undefined) return deployments;
  return deployments.filter(options.eligible);
}

function groupDeployments(deployments: readonly DeploymentConfig[]): ReadonlyMap<string, readonly DeploymentConfig[]> {
  const groups = new Map<string, DeploymentConfig[]>();
  const ids = new Set<string>();
  for (const deployment of deployments) {
    // Counters are keyed by id: two deployments sharing one would share limits and cooldowns.
    if (ids.has(deployment.id)) throw new Error(`Two deployments share the id "${deployment.id}"; ids must be unique.`);
    ids.add(deployment.id);
    const group = groups.get(deployment.modelName);
    if (group === undefined) groups.set(deployment.modelName, [deployment]);
    else group.push(deployment);
  }
  return groups;
}
