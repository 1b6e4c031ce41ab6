import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSecretBox, SecretBoxError } from '../../src/crypto/secret-box.js';

const masterKey = 'Q7f9kLm2Zp4Rt6Vw8Yb1Nc3Hd5Jg0AaXe-secret-box';

describe('secret box (AES-256-GCM at rest)', () => {
  it('round-trips and never shows the plaintext', () => {
    const box = createSecretBox(masterKey);
    const sealed = box.seal('sk-provider-secret-value', 'stored_models:m1');
    assert.ok(!sealed.includes('sk-provider'));
    assert.match(sealed, /^v1\./);
    assert.equal(box.open(sealed, 'stored_models:m1'), 'sk-provider-secret-value');
  });

  it('uses a fresh nonce for every value', () => {
    const box = createSecretBox(masterKey);
    assert.notEqual(box.seal('same', 'ctx'), box.seal('same', 'ctx'));
  });

  it('refuses another row, another master key, and any tampering', () => {
    const box = createSecretBox(masterKey);
    const sealed = box.seal('secret', 'stored_models:m1');
    assert.throws(() => box.open(sealed, 'stored_models:m2'), SecretBoxError);
    assert.throws(() => createSecretBox(`${masterKey}-other`).open(sealed, 'stored_models:m1'), SecretBoxError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    assert.throws(() => box.open(`${parts[0]}.${parts[1]}.${parts[2]}.${body.toString('base64url')}`, 'stored_models:m1'), SecretBoxError);
    assert.throws(() => box.open('v2.x.y', 'stored_models:m1'), SecretBoxError);
    assert.throws(() => box.open('v1.AAAA', 'stored_models:m1'), SecretBoxError);
  });

  it('opens values sealed under the previous master key during a rotation, and seals only under the new one', () => {
    const before = createSecretBox(masterKey).seal('secret', 'ctx');
    const rotating = createSecretBox(`${masterKey}-new`, masterKey);
    assert.equal(rotating.open(before, 'ctx'), 'secret');
    assert.equal(rotating.isStale(before), true);
    const resealed = rotating.seal('secret', 'ctx');
    assert.equal(rotating.isStale(resealed), false);
    assert.throws(() => createSecretBox(masterKey).open(resealed, 'ctx'), SecretBoxError);
  });
});
