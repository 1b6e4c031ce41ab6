// Per-deployment limits (rpm, tpm, max parallel requests) as pure functions of a deployment and its
// stats. Counting requests and tokens is the counters' job; choosing among deployments is not here.

import { MINUTE_MS } from './deployment-counters.js';
import type { DeploymentStats } from './deployment-counters.js';
import type { DeploymentConfig } from '../config/types.js';

/** A slot held by a request in flight frees at release, which nobody can predict: tell clients a second. */
const IN_FLIGHT_RETRY_MS = 1000;

export interface LimitCheck {
  readonly nowMs: number;
  /**
   * Tokens the request is expected to use. A deployment whose tpm this would exceed is skipped,
   * unless nothing was used yet this minute (a request larger than tpm could otherwise never run).
   */
  readonly lookaheadTokens: number;
}

/** When the deployment is at a limit, the instant it frees up; undefined when it can take a request. */
export function limitFreeAtMs(deployment: DeploymentConfig, stats: DeploymentStats, check: LimitCheck): number | undefined {
  const windowEndMs = stats.minuteStartMs + MINUTE_MS;
  const blockedUntil: number[] = [];
  if (deployment.maxParallelRequests !== undefined && stats.inFlight >= deployment.maxParallelRequests) {
    blockedUntil.push(check.nowMs + IN_FLIGHT_RETRY_MS);
  }
  if (deployment.rpm !== undefined && stats.requestsThisMinute >= deployment.rpm) blockedUntil.push(windowEndMs);
  if (deployment.tpm !== undefined && tpmBlocked(deployment.tpm, stats.tokensThisMinute, check.lookaheadTokens)) {
    blockedUntil.push(windowEndMs);
  }
  return blockedUntil.length === 0 ? undefined : Math.max(...blockedUntil);
}

function tpmBlocked(tpm: number, usedTokens: number, lookaheadTokens: number): boolean {
  if (usedTokens >= tpm) return true;
  return usedTokens > 0 && usedTokens + lookaheadTokens > tpm;
}

/** After counting a request as started: did a concurrent request take the last slot first? */
export function overshotAfterStart(deployment: DeploymentConfig, statsAfterStart: DeploymentStats): boolean {
  if (deployment.maxParallelRequests !== undefined && statsAfterStart.inFlight > deployment.maxParallelRequests) return true;
  return deployment.rpm !== undefined && statsAfterStart.requestsThisMinute > deployment.rpm;
}
