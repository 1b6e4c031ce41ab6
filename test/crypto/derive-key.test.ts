import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DERIVED_KEY_BYTES, deriveKey, type KeyPurpose } from '../../src/crypto/derive-key.js';

const masterKey = 'sk-gh-Zq4v8Jt2Lx0Nw6Rb1Hc9Ym3Kd7Fs5Pa2Ue8Gi4To6Qr';
const purposes: readonly KeyPurpose[] = ['encryption-at-rest', 'key-hashing', 'session-signing'];

describe('deriveKey', () => {
  it('gives each purpose its own 32-byte key', () => {
    const keys = purposes.map((purpose) => deriveKey(masterKey, purpose).toString('hex'));
    assert.equal(new Set(keys).size, purposes.length);
    for (const purpose of purposes) assert.equal(deriveKey(masterKey, purpose).length, DERIVED_KEY_BYTES);
  });

  it('is stable: the same master key and purpose always give the same key', () => {
    for (const purpose of purposes) assert.deepEqual(deriveKey(masterKey, purpose), deriveKey(masterKey, purpose));
  });

  it('matches HKDF-SHA256 under the published labels, so stored data stays readable across releases', () => {
    // Computed independently from RFC 5869 (salt "gatehouse/v1/hkdf-salt", info "gatehouse/v1/encryption-at-rest").
    assert.equal(
      deriveKey('a master key used only by this test', 'encryption-at-rest').toString('hex'),
      'd92413597fcd223187152d805d43727d3d392acf03a076913194e87901240d20',
    );
  });

  it('never returns the master key itself, and changes entirely with it', () => {
    const derived = deriveKey(masterKey, 'key-hashing');
    assert.notEqual(derived.toString('utf8'), masterKey);
    assert.notDeepEqual(deriveKey(`${masterKey}x`, 'key-hashing'), derived);
  });

  it('refuses an empty master key and an unknown purpose', () => {
    assert.throws(() => deriveKey('', 'key-hashing'), TypeError);
    assert.throws(() => deriveKey(masterKey, 'signing' as KeyPurpose), /Unknown key purpose/);
  });
});
