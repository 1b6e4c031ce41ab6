// The errors the router raises itself (as opposed to relaying an attempt's): unknown model, nothing
// eligible, every deployment cooling down or at a limit. Messages name only the client's model name.

import { GatewayError } from '../errors/gateway-error.js';
import type { Selection } from './select-deployment.js';

export function unknownModelError(modelName: string): GatewayError {
  return new GatewayError('model_not_found', {
    param: 'model',
    message: `The model \`${modelName}\` does not exist or you do not have access to it.`,
  });
}

export function noEligibleDeploymentError(modelGroup: string): GatewayError {
  return new GatewayError('upstream_unavailable', {
    message: `No deployment of model \`${modelGroup}\` may serve this request (allowed models, regions).`,
  });
}

export function blockedGroupError(modelGroup: string, blocked: Extract<Selection, { kind: 'blocked' }>, nowMs: number): GatewayError {
  const retryAfterS = Math.max(1, Math.ceil((blocked.freeAtMs - nowMs) / 1000));
  if (blocked.reason === 'limit') {
    return new GatewayError('rate_limited', {
      message: `Every deployment of model \`${modelGroup}\` is at its rate limit. Retry after ${retryAfterS} s.`,
      retryAfterS,
    });
  }
  return new GatewayError('upstream_unavailable', {
    message: `Every deployment of model \`${modelGroup}\` is cooling down after failures. Retry after ${retryAfterS} s.`,
    retryAfterS,
  });
}
