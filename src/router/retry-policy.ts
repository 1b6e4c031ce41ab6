// How long to wait before retrying a deployment that already failed in this request: exponential
// backoff with jitter, capped, honouring an upstream retry-after. Pure; sleeping is the router's job.

import type { GatewayError } from '../errors/gateway-error.js';

export interface RetryDelayInput {
  /** 0 for the first retry within the model group. */
  readonly retryIndex: number;
  readonly baseDelayMs: number;
  /** Cap on any single wait, including a retry-after. */
  readonly maxDelayMs: number;
  /** The error that ended the previous attempt. */
  readonly error: GatewayError;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

/** Whether another attempt could succeed where this one failed. */
export function shouldRetry(error: GatewayError): boolean {
  return error.retryable;
}

/**
 * Milliseconds to wait, or undefined when the upstream asked for a wait beyond the cap: then the
 * caller should not sleep at all but move on (another deployment, a fallback) or give up.
 */
export function retryDelayMs(input: RetryDelayInput): number | undefined {
  const exponentialMs = Math.min(input.baseDelayMs * 2 ** input.retryIndex, input.maxDelayMs);
  // Up to 25% less than the exponential value, so clients that failed together do not retry together.
  const backoffMs = Math.round(exponentialMs * (1 - input.random() * 0.25));
  const retryAfterS = input.error.retryAfterS;
  if (retryAfterS === undefined || !Number.isFinite(retryAfterS) || retryAfterS <= 0) return backoffMs;
  const retryAfterMs = Math.ceil(retryAfterS * 1000);
  if (retryAfterMs > input.maxDelayMs) return undefined;
  return Math.max(backoffMs, retryAfterMs);
}
