// When a failed attempt cools its deployment down, and for how long. Pure: counting failures and
// remembering cooldowns is the counters' job.

import type { RouterConfig } from '../config/types.js';
import type { ErrorCode, GatewayError } from '../errors/gateway-error.js';

/** Failures caused by what the client sent: another deployment would fail the same way. */
const clientFaults: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_request',
  'invalid_json',
  'unsupported_parameter',
  'context_length_exceeded',
  'content_filtered',
  'payload_too_large',
  'unsupported_media_type',
]);

/** Does this failure say something about the deployment's health? */
export function countsAgainstDeployment(error: GatewayError): boolean {
  return !clientFaults.has(error.code);
}

/**
 * Milliseconds to cool the deployment down after a counted failure, or undefined for none.
 * `failuresInWindow` includes this failure.
 */
export function cooldownMsAfter(
  error: GatewayError,
  failuresInWindow: number,
  config: Pick<RouterConfig, 'allowedFails' | 'cooldownTimeMs'>,
): number | undefined {
  // 0 is how `disable_cooldowns` (and `cooldown_time: 0`) reach the router: no cooldown of any kind.
  if (config.cooldownTimeMs <= 0) return undefined;
  // Wrong credentials will not fix themselves between two requests.
  if (error.code === 'upstream_auth') return config.cooldownTimeMs;
  if (error.code === 'rate_limited' && error.retryAfterS !== undefined) {
    return Math.max(config.cooldownTimeMs, Math.ceil(error.retryAfterS * 1000));
  }
  return failuresInWindow > config.allowedFails ? config.cooldownTimeMs : undefined;
}

