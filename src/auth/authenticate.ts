// Turns a request's headers into a Principal, or a 401 GatewayError: the master key first (constant
// time), then virtual keys by keyed hash through an in-memory cache that invalidation messages keep
// honest. Runs on every request: warm keys cost one HMAC and two map lookups, no database query.

import type { IncomingHttpHeaders } from 'node:http';
import { constantTimeEqual, createSecretMatcher } from '../crypto/constant-time-equal.js';
import { deriveKey } from '../crypto/derive-key.js';
import { GatewayError } from '../errors/gateway-error.js';
import { extractApiKey } from './extract-api-key.js';
import { createKeyCache, type CachedKey, type InvalidationSubscriber, type KeyCache } from './key-cache.js';
import type { KeyLookup, ResolvedKey } from './key-lookup.js';
import { keyRefusal } from './key-refusal.js';
import { createLookupGate, type LookupGate } from './lookup-gate.js';
import { masterPrincipal, type Principal } from './principal.js';
import { hashVirtualKey } from './virtual-keys.js';

export const authenticatorDefaults = {
  /** Safety net only: invalidation messages evict changed keys at once. */
  cacheTtlMs: 60_000,
  maxCacheEntries: 10_000,
  /** Short, so a key created on another instance without a message still works within seconds. */
  unknownKeyTtlMs: 5_000,
  maxUnknownKeys: 10_000,
  maxConcurrentLookups: 8,
  maxQueuedLookups: 1_000,
} as const;

export interface AuthenticatorOptions {
  /** Already checked for strength by `resolveMasterKey`. */
  readonly masterKey: string;
  /** Where virtual keys are found; without it only the master key authenticates. */
  readonly keys?: KeyLookup;
  /**
   * The installation's key-hashing secret (see server/key-hashing-key.ts). Defaults to a key derived
   * from the master key, which suits tests but does not survive a master-key rotation.
   */
  readonly keyHashingKey?: Buffer;
  /** The shared-state InvalidationBus: topics `key`, `user`, `team`, `organization` (record ids) evict cached keys. */
  readonly bus?: InvalidationSubscriber;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  readonly cacheTtlMs?: number;
  readonly maxCacheEntries?: number;
  readonly unknownKeyTtlMs?: number;
  readonly maxUnknownKeys?: number;
  readonly maxConcurrentLookups?: number;
  readonly maxQueuedLookups?: number;
}

/** Resolves to the caller's Principal; rejects with a GatewayError (401, or 429 when lookups overflow). */
export interface Authenticator {
  (headers: IncomingHttpHeaders): Promise<Principal>;
  /** Stops listening for invalidation messages. */
  close(): void;
}

function unknownKey(): GatewayError {
  return new GatewayError('invalid_api_key', { detail: 'the key matches no known key' });
}

/** Which hash the secret matched, compared in constant time; undefined for a row that matches neither. */
function verify(found: ResolvedKey, hash: string): CachedKey | undefined {
  const principal = Object.freeze({ kind: 'virtual-key' as const, ...found });
  if (constantTimeEqual(found.key.keyHash, hash)) return { principal, matched: 'current' };
  const previous = found.key.previousKeyHash;
  if (previous !== null && constantTimeEqual(previous, hash)) return { principal, matched: 'previous' };
  return undefined;
}

interface KeyPathDeps {
  readonly keys: KeyLookup;
  readonly cache: KeyCache;
  readonly gate: LookupGate;
  readonly now: () => number;
}

function admit(deps: KeyPathDeps, hash: string, cached: CachedKey): Principal {
  const refusal = keyRefusal(cached, deps.now());
  if (refusal === undefined) return cached.principal;
  // A previous secret past its grace period never comes back: forget it rather than keep refusing from memory.
  if (cached.matched === 'previous') deps.cache.delete(hash);
  throw refusal;
}

async function authenticateKey(deps: KeyPathDeps, hash: string): Promise<Principal> {
  const cached = deps.cache.get(hash);
  if (cached === 'unknown') throw unknownKey();
  if (cached !== undefined) return admit(deps, hash, cached);
  const generation = deps.cache.generation();
  const found = await deps.gate(hash, () => deps.keys.findByHash(hash, new Date(deps.now())));
  const verified = found === undefined ? undefined : verify(found, hash);
  // A change announced while the lookup ran may not be in what it read: use it once, do not cache it.
  const cacheable = deps.cache.generation() === generation;
  if (verified === undefined) {
    if (cacheable) deps.cache.setUnknown(hash);
    throw unknownKey();
  }
  if (cacheable) deps.cache.set(hash, verified);
  return admit(deps, hash, verified);
}

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  if (options.masterKey === '') throw new TypeError('createAuthenticator needs the master key');
  const isMasterKey = createSecretMatcher(options.masterKey);
  const settings = { ...authenticatorDefaults, ...options };
  for (const name of Object.keys(authenticatorDefaults) as Array<keyof typeof authenticatorDefaults>) {
    if (!Number.isSafeInteger(settings[name]) || settings[name] <= 0) throw new TypeError(`createAuthenticator: ${name} must be a positive integer`);
  }
  const now = options.now ?? Date.now;
  const cache = createKeyCache({
    now,
    ttlMs: settings.cacheTtlMs,
    maxEntries: settings.maxCacheEntries,
    unknownTtlMs: settings.unknownKeyTtlMs,
    maxUnknownEntries: settings.maxUnknownKeys,
  });
  const deps: KeyPathDeps | undefined = options.keys && {
    keys: options.keys,
    cache,
    gate: createLookupGate({ maxConcurrent: settings.maxConcurrentLookups, maxQueued: settings.maxQueuedLookups }),
    now,
  };
  const hashingKey = options.keyHashingKey ?? deriveKey(options.masterKey, 'key-hashing');
  const stopListening = options.bus ? cache.listen(options.bus) : () => undefined;

  const authenticate = async (headers: IncomingHttpHeaders): Promise<Principal> => {
    const secret = extractApiKey(headers);
    if (secret === undefined) throw new GatewayError('missing_api_key');
    if (isMasterKey(secret)) return masterPrincipal;
    if (deps === undefined) throw unknownKey();
    return authenticateKey(deps, hashVirtualKey(secret, hashingKey));
  };
  return Object.assign(authenticate, { close: stopListening });
}
