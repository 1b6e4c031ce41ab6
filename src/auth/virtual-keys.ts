// Virtual key secrets: minting (`sk-` + base62 of 32 random bytes), the keyed hash they are stored
// and looked up by, and the random public id each key gets. Storing and checking keys is not here.

import { createHmac, randomBytes } from 'node:crypto';

export const VIRTUAL_KEY_PREFIX = 'sk-';
const SECRET_BYTES = 32;
/** ceil(256 / log2(62)): every 32-byte value fits, so all secrets have one length. */
export const VIRTUAL_KEY_BODY_LENGTH = 43;
const KEY_ID_BYTES = 16;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DISPLAY_SUFFIX_LENGTH = 4;

export interface MintedVirtualKey {
  /** Shown to the client once; never stored. */
  readonly secret: string;
  /** `sk-...` + the secret's last four characters. */
  readonly displayName: string;
}

function base62(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let text = '';
  while (value > 0n) {
    text = BASE62.charAt(Number(value % 62n)) + text;
    value /= 62n;
  }
  return text.padStart(VIRTUAL_KEY_BODY_LENGTH, '0');
}

export function mintVirtualKey(): MintedVirtualKey {
  const secret = `${VIRTUAL_KEY_PREFIX}${base62(randomBytes(SECRET_BYTES))}`;
  return { secret, displayName: displayNameOf(secret) };
}

/** What lists and logs show of a key: enough to recognise it, far too little to use it. */
export function displayNameOf(secret: string): string {
  return `sk-...${secret.slice(-DISPLAY_SUFFIX_LENGTH)}`;
}

/**
 * HMAC-SHA256 (hex) of the secret. `hashingKey` is `deriveKey(masterKey, 'key-hashing')`, so a
 * leaked table of hashes cannot be checked against guesses without the master key.
 */
export function hashVirtualKey(secret: string, hashingKey: Buffer): string {
  return createHmac('sha256', hashingKey).update(secret, 'utf8').digest('hex');
}

/** A key's public id (LiteLLM's `token`): random, unrelated to the secret. */
export function newKeyId(): string {
  return randomBytes(KEY_ID_BYTES).toString('hex');
}
