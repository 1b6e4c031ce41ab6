// Encryption of secrets at rest: AES-256-GCM under a key derived from the master key, a random
// 96-bit nonce per value, and the owning row's identity as associated data, so a ciphertext moved
// to another row or table fails to decrypt. Format: `v1.<nonce b64url>.<ciphertext+tag b64url>`.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey } from './derive-key.js';

const version = 'v1';
const nonceBytes = 12;
const tagBytes = 16;

export class SecretBoxError extends Error {}

export interface SecretBox {
  /** `context` names the row, e.g. `stored_models:<id>`; decryption needs the same context. */
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export function createSecretBox(masterKey: string): SecretBox {
  const key = deriveKey(masterKey, 'encryption-at-rest');
  return {
    seal(plaintext, context) {
      const nonce = randomBytes(nonceBytes);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${version}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, context) {
      const [prefix, nonceText, bodyText, extra] = sealed.split('.');
      if (prefix !== version || nonceText === undefined || bodyText === undefined || extra !== undefined) {
        throw new SecretBoxError('unrecognised ciphertext format');
      }
      const nonce = Buffer.from(nonceText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (nonce.length !== nonceBytes || body.length < tagBytes) throw new SecretBoxError('truncated ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - tagBytes));
      try {
        return Buffer.concat([decipher.update(body.subarray(0, body.length - tagBytes)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('ciphertext does not authenticate (wrong key, wrong row, or tampered)');
      }
    },
  };
}
