// The secret virtual-key hashes are keyed with: 32 random bytes made once per installation and
// stored sealed under the encryption-at-rest key (derived from the master key). Rotating the master
// key re-seals it, so existing virtual keys keep working; a wrong master key cannot open it, so
// starting against someone else's database fails loudly instead of rejecting every key.

import { randomBytes } from 'node:crypto';
import { SecretBoxError, type SecretBox } from '../crypto/secret-box.js';
import { getOrCreateMetaValue } from '../store/meta-values.js';
import type { Store } from '../store/store.js';
import { StartError } from './start-error.js';

export const keyHashingSecretMetaKey = 'key_hashing_secret';
export const keyHashingSecretContext = `gatehouse_meta:${keyHashingSecretMetaKey}`;

export async function loadKeyHashingKey(store: Store, secretBox: SecretBox): Promise<Buffer> {
  const sealed = await getOrCreateMetaValue(store, keyHashingSecretMetaKey, () => secretBox.seal(randomBytes(32).toString('base64url'), keyHashingSecretContext));
  try {
    return Buffer.from(secretBox.open(sealed, keyHashingSecretContext), 'base64url');
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new StartError('The master key does not match this database: its stored secrets cannot be decrypted. Start with the master key this data folder (or DATABASE_URL) was created with.');
  }
}
