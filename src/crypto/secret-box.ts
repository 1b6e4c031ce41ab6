// Encryption of secrets at rest: AES-256-GCM under a key derived from the master key, a random
// 96-bit nonce per value, and the owning row's identity as associated data, so a ciphertext moved
// to another row or table fails to decrypt. Format: `v1.<key id>.<nonce>.<ciphertext+tag>` (base64url),
// where the key id names which master key sealed it, so a rotation can open old values and re-seal.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { deriveKey } from './derive-key.js';

const version = 'v1';
const nonceBytes = 12;
const tagBytes = 16;

export class SecretBoxError extends Error {}

export interface SecretBox {
  /** `context` names the row, e.g. `stored_models:<id>`; decryption needs the same context. */
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** True when the value was sealed under an older master key and should be re-sealed. */
  isStale(sealed: string): boolean;
}

interface Keyring {
  readonly id: string;
  readonly key: Buffer;
}

function keyringOf(masterKey: string): Keyring {
  const key = deriveKey(masterKey, 'encryption-at-rest');
  // A public name for the key: a truncated hash of the derived key, which reveals nothing usable.
  return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
}

function parse(sealed: string): { id: string; nonce: Buffer; body: Buffer } {
  const [prefix, id, nonceText, bodyText, extra] = sealed.split('.');
  if (prefix !== version || !id || nonceText === undefined || bodyText === undefined || extra !== undefined) {
    throw new SecretBoxError('unrecognised ciphertext format');
  }
  const nonce = Buffer.from(nonceText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (nonce.length !== nonceBytes || body.length < tagBytes) throw new SecretBoxError('truncated ciphertext');
  return { id, nonce, body };
}

/** `previousMasterKey` (during a rotation) can only open, never seal. */
export function createSecretBox(masterKey: string, previousMasterKey?: string): SecretBox {
  const current = keyringOf(masterKey);
  const keys = new Map<string, Buffer>([[current.id, current.key]]);
  if (previousMasterKey !== undefined) {
    const previous = keyringOf(previousMasterKey);
    if (!keys.has(previous.id)) keys.set(previous.id, previous.key);
  }
  return {
    seal(plaintext, context) {
      const nonce = randomBytes(nonceBytes);
      const cipher = createCipheriv('aes-256-gcm', current.key, nonce, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${version}.${current.id}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, context) {
      const { id, nonce, body } = parse(sealed);
      const key = keys.get(id);
      if (key === undefined) throw new SecretBoxError('sealed under a master key that is not configured');
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - tagBytes));
      try {
        return Buffer.concat([decipher.update(body.subarray(0, body.length - tagBytes)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('ciphertext does not authenticate (wrong row, or tampered)');
      }
    },
    isStale(sealed) {
      return parse(sealed).id !== current.id;
    },
  };
}
