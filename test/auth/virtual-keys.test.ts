// Minting virtual keys (format, entropy, display name), their keyed hash and their public ids.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayNameOf, hashVirtualKey, mintVirtualKey, newKeyId } from '../../src/auth/virtual-keys.js';
import { deriveKey } from '../../src/crypto/derive-key.js';

const masterA = 'sk-master-A-7Hq2pLx9Vr4Kz8Wn3Bt6Yd1Mc5Fg0Js';
const masterB = 'sk-master-B-4Rk8Pw2Nz6Qx1Ly9Tv3Hs7Gd5Mb0Fj';

describe('mintVirtualKey', () => {
  it('mints sk- plus 43 base62 characters, shown as sk-... plus the last four', () => {
    const { secret, displayName } = mintVirtualKey();
    assert.match(secret, /^sk-[0-9A-Za-z]{43}$/);
    assert.equal(displayName, `sk-...${secret.slice(-4)}`);
    assert.equal(displayNameOf(secret), displayName);
  });

  it('never repeats and spreads over the whole alphabet', () => {
    const secrets = Array.from({ length: 2000 }, () => mintVirtualKey().secret);
    assert.equal(new Set(secrets).size, secrets.length);
    // Leading characters are biased (2^256 < 62^43); the rest must use every symbol.
    const used = new Set(secrets.flatMap((secret) => [...secret.slice(8)]));
    assert.equal(used.size, 62);
    const counts = new Map<string, number>();
    for (const secret of secrets) for (const char of secret.slice(8)) counts.set(char, (counts.get(char) ?? 0) + 1);
    const expected = (2000 * 38) / 62;
    for (const [char, count] of counts) assert.ok(count > expected * 0.7 && count < expected * 1.3, `${char}: ${count} vs ~${expected}`);
  });
});

describe('hashVirtualKey', () => {
  const { secret } = mintVirtualKey();

  it('is a stable hex HMAC under the same master key', () => {
    const hash = hashVirtualKey(secret, deriveKey(masterA, 'key-hashing'));
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(hashVirtualKey(secret, deriveKey(masterA, 'key-hashing')), hash);
    assert.notEqual(hashVirtualKey(`${secret}x`, deriveKey(masterA, 'key-hashing')), hash);
  });

  it('differs under another master key and under another derived purpose', () => {
    const hash = hashVirtualKey(secret, deriveKey(masterA, 'key-hashing'));
    assert.notEqual(hashVirtualKey(secret, deriveKey(masterB, 'key-hashing')), hash);
    assert.notEqual(hashVirtualKey(secret, deriveKey(masterA, 'session-signing')), hash);
  });
});

describe('newKeyId', () => {
  it('gives random hex ids unrelated to any secret', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newKeyId()));
    assert.equal(ids.size, 500);
    for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
  });
});
