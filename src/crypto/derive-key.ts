// Derives one independent key per purpose from the master key (HKDF-SHA256), so the master key
// is never used directly and one leaked derived key gives away no other. Using the keys
// (encrypting, hashing, signing) is each caller's concern.

import { hkdfSync } from 'node:crypto';

export type KeyPurpose = 'encryption-at-rest' | 'key-hashing' | 'session-signing';

export const DERIVED_KEY_BYTES = 32;

/*
 * Persisted in effect: whatever was encrypted, hashed or signed under a label needs that exact
 * label again. Add purposes with new labels; never edit or reuse a label.
 */
const purposeLabels = {
  'encryption-at-rest': 'gatehouse/v1/encryption-at-rest',
  'key-hashing': 'gatehouse/v1/key-hashing',
  'session-signing': 'gatehouse/v1/session-signing',
} as const satisfies Record<KeyPurpose, string>;

/** Fixed and public: HKDF's salt separates Gatehouse's derivations from any other use of the key. */
const HKDF_SALT = 'gatehouse/v1/hkdf-salt';

/** A 32-byte key for `purpose`: the same master key and purpose always give the same bytes. */
export function deriveKey(masterKey: string, purpose: KeyPurpose): Buffer {
  if (masterKey === '') throw new TypeError('deriveKey needs a non-empty master key');
  if (!Object.hasOwn(purposeLabels, purpose)) throw new TypeError(`Unknown key purpose: ${String(purpose)}`);
  return Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, purposeLabels[purpose], DERIVED_KEY_BYTES));
}
