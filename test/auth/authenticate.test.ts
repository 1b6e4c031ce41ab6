// Authentication with the master key and virtual keys: the cache that keeps warm keys off the
// database, its eviction by invalidation messages, the memory of unknown keys, and the 401s for
// expired, blocked and regenerated keys. The clock is injected; nothing here waits on time.

import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, it } from 'node:test';
import { createAuthenticator, type Authenticator, type AuthenticatorOptions } from '../../src/auth/authenticate.js';
import type { ResolvedKey } from '../../src/auth/key-lookup.js';
import { masterPrincipal, type Principal } from '../../src/auth/principal.js';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import { deriveKey } from '../../src/crypto/derive-key.js';
import { GatewayError, type ErrorCode } from '../../src/errors/gateway-error.js';
import { createFakeKeyLookup, createInMemoryBus, makeKey, makeOrganization, makeTeam, makeUser, type FakeKeyLookup } from './fixtures.js';

const masterKey = 'sk-test-master-9Gf3Kq7Lw2Xv8Np4Rz6Tb1Hm5Cy0Dj';
const hashingKey = deriveKey(masterKey, 'key-hashing');
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

interface Setup {
  readonly authenticate: Authenticator;
  readonly lookup: FakeKeyLookup;
  readonly bus: ReturnType<typeof createInMemoryBus>;
  readonly clock: { nowMs: number };
  /** Stores a key with a fresh secret (and its user, team, organisation) and returns the secret. */
  add(parts?: Partial<ResolvedKey>): string;
}

function setup(options: Partial<AuthenticatorOptions> = {}): Setup {
  const lookup = createFakeKeyLookup();
  const bus = createInMemoryBus();
  const clock = { nowMs: Date.parse('2025-06-01T12:00:00Z') };
  const authenticate = createAuthenticator({ masterKey, keys: lookup, bus, now: () => clock.nowMs, ...options });
  const add = (parts: Partial<ResolvedKey> = {}): string => {
    const { secret } = mintVirtualKey();
    const keyHash = hashVirtualKey(secret, hashingKey);
    const key = makeKey({ keyHash, ...parts.key });
    lookup.rows.set(keyHash, { user: null, team: null, organization: null, teamRole: null, ...parts, key: { ...key, keyHash } });
    return secret;
  };
  return { authenticate, lookup, bus, clock, add };
}

async function refusal(promise: Promise<Principal>): Promise<GatewayError> {
  const error: unknown = await promise.then(() => assert.fail('expected a refusal'), (reason: unknown) => reason);
  assert.ok(error instanceof GatewayError, String(error));
  return error;
}

async function refusedWith(code: ErrorCode, authenticate: Authenticator, headers: IncomingHttpHeaders): Promise<void> {
  const error = await refusal(authenticate(headers));
  assert.equal(error.code, code);
  assert.equal(error.status, 401);
}

describe('createAuthenticator: master key', () => {
  const authenticate = createAuthenticator({ masterKey });

  it('recognises the master key in every header form', async () => {
    for (const headers of [{ authorization: `Bearer ${masterKey}` }, { 'api-key': masterKey }, { 'x-api-key': masterKey }]) {
      assert.deepEqual(await authenticate(headers), { kind: 'master' });
    }
  });

  it('hands out the same frozen principal every time', async () => {
    const first = await authenticate(bearer(masterKey));
    assert.equal(await authenticate({ 'x-api-key': masterKey }), first);
    assert.equal(first, masterPrincipal);
    assert.equal(Object.isFrozen(first), true);
  });

  it('answers missing_api_key when no key was sent', async () => {
    await refusedWith('missing_api_key', authenticate, {});
    await refusedWith('missing_api_key', authenticate, { authorization: 'Bearer   ' });
  });

  it('answers invalid_api_key for any other key, including near misses', async () => {
    for (const authenticator of [authenticate, setup().authenticate]) {
      await refusedWith('invalid_api_key', authenticator, bearer('sk-gh-wrong'));
      await refusedWith('invalid_api_key', authenticator, bearer(masterKey.slice(0, -1)));
      await refusedWith('invalid_api_key', authenticator, bearer(`${masterKey}x`));
      await refusedWith('invalid_api_key', authenticator, bearer(masterKey.toUpperCase()));
    }
  });

  it('answers invalid_api_key for malformed credentials', async () => {
    await refusedWith('invalid_api_key', authenticate, { authorization: `Token ${masterKey}` });
    await refusedWith('invalid_api_key', authenticate, bearer(`${masterKey}\u0001`));
    await refusedWith('invalid_api_key', authenticate, bearer('x'.repeat(5000)));
  });

  it('refuses a malformed Authorization even when another header carries the right key', async () => {
    await refusedWith('invalid_api_key', authenticate, { authorization: masterKey, 'x-api-key': masterKey });
  });

  it('never asks the key lookup about the master key', async () => {
    const { authenticate: withKeys, lookup } = setup();
    assert.equal(await withKeys(bearer(masterKey)), masterPrincipal);
    assert.equal(lookup.calls, 0);
  });
});

describe('createAuthenticator: virtual keys and the cache', () => {
  it('resolves a key with its records and serves repeats from memory', async () => {
    const { authenticate, lookup, add } = setup();
    const user = makeUser({ id: 'u1', role: 'internal_user' });
    const team = makeTeam({ id: 't1', organizationId: 'o1' });
    const organization = makeOrganization({ id: 'o1' });
    const secret = add({ key: makeKey({ id: 'k1', userId: 'u1', teamId: 't1' }), user, team, organization, teamRole: 'admin' });
    const principal = await authenticate(bearer(secret));
    assert.equal(principal.kind, 'virtual-key');
    assert.ok(principal.kind === 'virtual-key');
    assert.equal(principal.key.id, 'k1');
    assert.equal(principal.user?.id, 'u1');
    assert.equal(principal.teamRole, 'admin');
    for (let i = 0; i < 5; i += 1) await authenticate({ 'x-api-key': secret });
    assert.equal(lookup.calls, 1);
  });

  for (const [topic, id] of [['key', 'k1'], ['user', 'u1'], ['team', 't1'], ['organization', 'o1']] as const) {
    it(`evicts a cached key when its ${topic} changes, so a block applies on the next request`, async () => {
      const { authenticate, lookup, bus, add } = setup();
      const parts = {
        key: makeKey({ id: 'k1', userId: 'u1', teamId: 't1' }),
        user: makeUser({ id: 'u1' }),
        team: makeTeam({ id: 't1', organizationId: 'o1' }),
        organization: makeOrganization({ id: 'o1' }),
      };
      const secret = add(parts);
      const other = add({ key: makeKey({ id: 'k2' }) });
      await authenticate(bearer(secret));
      await authenticate(bearer(other));
      const stored = [...lookup.rows.values()].find((row) => row.key.id === 'k1');
      assert.ok(stored);
      const blocked = { ...stored, [topic === 'key' ? 'key' : topic]: { ...stored[topic === 'key' ? 'key' : topic], blocked: true } } as ResolvedKey;
      if (topic === 'user') lookup.rows.set(stored.key.keyHash, { ...stored, user: null });
      else lookup.rows.set(stored.key.keyHash, blocked);
      // Still cached until the message arrives.
      await authenticate(bearer(secret));
      assert.equal(lookup.calls, 2);
      await bus.publish(topic, id);
      const error = await refusal(authenticate(bearer(secret)));
      assert.equal(error.status, 401);
      assert.match(error.message, topic === 'user' ? /user .*no longer exists/ : /blocked/);
      // Keys that do not reference the changed record stay cached.
      await authenticate(bearer(other));
      assert.equal(lookup.calls, 3);
    });
  }

  it('stops listening when closed', async () => {
    const { authenticate, bus } = setup();
    assert.equal(bus.subscriberCount(), 4);
    authenticate.close();
    assert.equal(bus.subscriberCount(), 0);
  });

  it('looks a key up again once the cache TTL has passed', async () => {
    const { authenticate, lookup, clock, add } = setup({ cacheTtlMs: 1_000 });
    const secret = add();
    await authenticate(bearer(secret));
    clock.nowMs += 999;
    await authenticate(bearer(secret));
    assert.equal(lookup.calls, 1);
    clock.nowMs += 1;
    await authenticate(bearer(secret));
    assert.equal(lookup.calls, 2);
  });

  it('keeps at most maxCacheEntries keys, dropping the least recently used', async () => {
    const { authenticate, lookup, add } = setup({ maxCacheEntries: 2 });
    const [a, b, c] = [add({ key: makeKey({ id: 'a' }) }), add({ key: makeKey({ id: 'b' }) }), add({ key: makeKey({ id: 'c' }) })];
    await authenticate(bearer(a));
    await authenticate(bearer(b));
    await authenticate(bearer(a));
    await authenticate(bearer(c));
    assert.equal(lookup.calls, 3);
    await authenticate(bearer(a));
    assert.equal(lookup.calls, 3, 'a was used recently and stays');
    await authenticate(bearer(b));
    assert.equal(lookup.calls, 4, 'b was the least recently used and left');
  });

  it('does not cache what a lookup read while a change was announced', async () => {
    const { authenticate, lookup, bus, add } = setup();
    const secret = add({ key: makeKey({ id: 'k1' }) });
    const slow = lookup.findByHash.bind(lookup);
    lookup.findByHash = async (hash, now) => {
      const found = await slow(hash, now);
      await bus.publish('key', 'k1');
      return found;
    };
    await authenticate(bearer(secret));
    await authenticate(bearer(secret));
    assert.equal(lookup.calls, 2);
  });
});

describe('createAuthenticator: unknown keys', () => {
  it('remembers an unknown key for a short time, then asks again', async () => {
    const { authenticate, lookup, clock } = setup({ unknownKeyTtlMs: 5_000 });
    const secret = mintVirtualKey().secret;
    await refusal(authenticate(bearer(secret)));
    await refusal(authenticate(bearer(secret)));
    assert.equal(lookup.calls, 1);
    clock.nowMs += 5_000;
    await refusal(authenticate(bearer(secret)));
    assert.equal(lookup.calls, 2);
  });

  it('remembers at most maxUnknownKeys of them', async () => {
    const { authenticate, lookup } = setup({ maxUnknownKeys: 2 });
    const [a, b, c] = [mintVirtualKey().secret, mintVirtualKey().secret, mintVirtualKey().secret];
    for (const secret of [a, b, c]) await refusal(authenticate(bearer(secret)));
    await refusal(authenticate(bearer(c)));
    assert.equal(lookup.calls, 3);
    await refusal(authenticate(bearer(a)));
    assert.equal(lookup.calls, 4, 'the oldest unknown key was forgotten');
  });

  it('accepts a key created after it was tried, once a key change is announced', async () => {
    const { authenticate, lookup, bus } = setup();
    const { secret } = mintVirtualKey();
    await refusal(authenticate(bearer(secret)));
    const keyHash = hashVirtualKey(secret, hashingKey);
    lookup.rows.set(keyHash, { key: makeKey({ id: 'new', keyHash }), user: null, team: null, organization: null, teamRole: null });
    await bus.publish('key', 'new');
    assert.equal((await authenticate(bearer(secret))).kind, 'virtual-key');
  });

  it('shares one lookup between concurrent requests with the same key', async () => {
    const { authenticate, lookup } = setup();
    const secret = mintVirtualKey().secret;
    const errors = await Promise.all(Array.from({ length: 10 }, () => refusal(authenticate(bearer(secret)))));
    assert.equal(errors.length, 10);
    assert.equal(lookup.calls, 1);
  });

  it('answers 429 instead of queueing lookups without bound', async () => {
    const { authenticate, lookup } = setup({ maxConcurrentLookups: 1, maxQueuedLookups: 1 });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    lookup.findByHash = async () => {
      lookup.calls += 1;
      await held;
      return undefined;
    };
    const first = refusal(authenticate(bearer(mintVirtualKey().secret)));
    const second = refusal(authenticate(bearer(mintVirtualKey().secret)));
    const third = await refusal(authenticate(bearer(mintVirtualKey().secret)));
    assert.equal(third.status, 429);
    release();
    assert.equal((await first).code, 'invalid_api_key');
    assert.equal((await second).code, 'invalid_api_key');
    assert.equal(lookup.calls, 2);
  });

  it('refuses a row whose hashes do not match the key sent', async () => {
    const { authenticate, lookup } = setup();
    const { secret } = mintVirtualKey();
    lookup.rows.set(hashVirtualKey(secret, hashingKey), { key: makeKey({ keyHash: 'f'.repeat(64) }), user: null, team: null, organization: null, teamRole: null });
    assert.equal((await refusal(authenticate(bearer(secret)))).code, 'invalid_api_key');
  });
});

describe('createAuthenticator: key state', () => {
  it('refuses an expired key with a 401 saying it expired', async () => {
    const { authenticate, clock, add } = setup();
    const secret = add({ key: makeKey({ expiresAt: '2025-06-01T12:00:10.000Z' }) });
    assert.equal((await authenticate(bearer(secret))).kind, 'virtual-key');
    clock.nowMs += 10_000;
    const error = await refusal(authenticate(bearer(secret)));
    assert.equal(error.code, 'invalid_api_key');
    assert.equal(error.status, 401);
    assert.match(error.message, /expired at 2025-06-01T12:00:10.000Z/);
  });

  for (const [what, parts, pattern] of [
    ['key', { key: makeKey({ blocked: true }) }, /This API key is blocked/],
    ['team', { key: makeKey({ teamId: 't1' }), team: makeTeam({ id: 't1', blocked: true }) }, /team of this API key is blocked/],
    ['organization', { key: makeKey({ organizationId: 'o1' }), organization: makeOrganization({ id: 'o1', blocked: true }) }, /organization of this API key is blocked/],
  ] as const) {
    it(`refuses a key whose ${what} is blocked with a 401 saying so`, async () => {
      const { authenticate, add } = setup();
      const error = await refusal(authenticate(bearer(add(parts))));
      assert.equal(error.status, 401);
      assert.match(error.message, pattern);
    });
  }

  it('accepts the previous secret of a regenerated key only until its grace period ends', async () => {
    const { authenticate, lookup, clock } = setup();
    const [old, current] = [mintVirtualKey().secret, mintVirtualKey().secret];
    const [oldHash, keyHash] = [hashVirtualKey(old, hashingKey), hashVirtualKey(current, hashingKey)];
    const key = makeKey({ id: 'k1', keyHash, previousKeyHash: oldHash, previousKeyExpiresAt: '2025-06-01T13:00:00.000Z' });
    const row = { key, user: null, team: null, organization: null, teamRole: null };
    lookup.rows.set(keyHash, row);
    lookup.rows.set(oldHash, row);
    assert.equal((await authenticate(bearer(old))).kind, 'virtual-key');
    assert.equal((await authenticate(bearer(current))).kind, 'virtual-key');
    clock.nowMs = Date.parse('2025-06-01T13:00:00.000Z');
    const error = await refusal(authenticate(bearer(old)));
    assert.match(error.message, /regenerated/);
    assert.equal((await authenticate(bearer(current))).kind, 'virtual-key');
  });
});
