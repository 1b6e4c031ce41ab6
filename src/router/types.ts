// What the server sees of the router: pick deployments for a model group, run an attempt on each
// with retries, cooldowns and fallbacks, and release the deployment when the response is done.

import type { DeploymentConfig } from '../config/types.js';
import type { GatewayError } from '../errors/gateway-error.js';
import type { CancelSignal } from '../upstream/types.js';

export interface AttemptContext {
  /** 0 for the first try, counted across deployments and fallback groups. */
  readonly attempt: number;
  /** The model group being tried (differs from the requested one during a fallback). */
  readonly modelGroup: string;
  /** Effective whole-request timeout for this deployment. */
  readonly timeoutMs: number;
  /** Effective time allowed until the first streamed chunk. */
  readonly streamTimeoutMs: number;
  /** Aborted when the client goes away or the caller gives up. */
  readonly signal: CancelSignal | undefined;
}

export interface RouteOptions {
  readonly signal?: CancelSignal;
  /** Only deployments passing this filter are eligible (allowed models, regions, mode). */
  readonly eligible?: (deployment: DeploymentConfig) => boolean;
  /** Rough token estimate of the request, for tpm-aware routing and limits. */
  readonly estimatedTokens?: number;
}

export interface RouteOutcome {
  readonly ok: boolean;
  /** Total tokens the request used, when known (feeds tpm accounting). */
  readonly totalTokens?: number;
}

export interface Routed<T> {
  readonly value: T;
  readonly deployment: DeploymentConfig;
  /** The model group that served (the requested one, or a fallback). */
  readonly modelGroup: string;
  readonly attempts: number;
  /** Must be called exactly once when the response has been fully delivered or abandoned. */
  release(outcome: RouteOutcome): void;
}

export type Attempt<T> = (deployment: DeploymentConfig, ctx: AttemptContext) => Promise<T>;

export interface ModelRouter {
  hasModel(modelName: string): boolean;
  modelNames(): string[];
  deploymentsOf(modelName: string): readonly DeploymentConfig[];
  /**
   * Runs `attempt` on the best deployment; on a retryable GatewayError retries (backoff honouring
   * `retry-after`), cools failing deployments down, then falls back to other groups. Throws the
   * last GatewayError when everything failed; `model_not_found` for an unknown group.
   */
  route<T>(modelName: string, attempt: Attempt<T>, options?: RouteOptions): Promise<Routed<T>>;
}

export type { GatewayError };
