// Turns a request's headers into a Principal, or a 401 GatewayError. Today only the master key
// authenticates; virtual keys will be looked up (by keyed hash, in memory) before the final refusal.
// Runs on every request: everything that can be is computed once, when the authenticator is made.

import type { IncomingHttpHeaders } from 'node:http';
import { createSecretMatcher } from '../crypto/constant-time-equal.js';
import { GatewayError } from '../errors/gateway-error.js';
import { extractApiKey } from './extract-api-key.js';
import { masterPrincipal, type Principal } from './principal.js';

export interface AuthenticatorOptions {
  /** Already checked for strength by `resolveMasterKey`. */
  readonly masterKey: string;
}

export type Authenticator = (headers: IncomingHttpHeaders) => Principal;

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  if (options.masterKey === '') throw new TypeError('createAuthenticator needs the master key');
  const isMasterKey = createSecretMatcher(options.masterKey);
  return (headers) => {
    const key = extractApiKey(headers);
    if (key === undefined) throw new GatewayError('missing_api_key');
    if (isMasterKey(key)) return masterPrincipal;
    throw new GatewayError('invalid_api_key', { detail: 'the key matches no known key' });
  };
}
