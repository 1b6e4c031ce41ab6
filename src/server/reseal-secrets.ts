// Re-seals every secret stored at rest under the current master key: the step of a master-key
// rotation that runs while instances keep serving (they hold both keys meanwhile). Idempotent and
// resumable: values already under the current key are skipped, so an interrupted run is just rerun.
// Every feature that stores a sealed secret adds its source here.

import type { SecretBox } from '../crypto/secret-box.js';
import { readMetaValue, replaceMetaValue } from '../store/meta-values.js';
import type { Repositories } from '../store/repositories/create-repositories.js';
import type { Store } from '../store/store.js';
import { keyHashingSecretContext, keyHashingSecretMetaKey } from './key-hashing-key.js';
import { storedModelSecretContext } from './live-models.js';

export interface ResealReport {
  readonly source: string;
  readonly resealed: number;
  readonly alreadyCurrent: number;
}

async function resealMeta(store: Store, box: SecretBox): Promise<ResealReport> {
  const sealed = await readMetaValue(store, keyHashingSecretMetaKey);
  if (sealed === undefined || !box.isStale(sealed)) return { source: 'key hashing secret', resealed: 0, alreadyCurrent: sealed === undefined ? 0 : 1 };
  const fresh = box.seal(box.open(sealed, keyHashingSecretContext), keyHashingSecretContext);
  const replaced = await replaceMetaValue(store, keyHashingSecretMetaKey, sealed, fresh);
  return { source: 'key hashing secret', resealed: replaced ? 1 : 0, alreadyCurrent: replaced ? 0 : 1 };
}

async function resealStoredModels(repos: Repositories, box: SecretBox): Promise<ResealReport> {
  let resealed = 0;
  let alreadyCurrent = 0;
  for (const model of await repos.storedModels.listAll()) {
    if (model.encryptedSecrets === null) continue;
    if (!box.isStale(model.encryptedSecrets)) {
      alreadyCurrent += 1;
      continue;
    }
    const context = storedModelSecretContext(model.id);
    await repos.storedModels.update(model.id, { encryptedSecrets: box.seal(box.open(model.encryptedSecrets, context), context) });
    resealed += 1;
  }
  return { source: 'stored model credentials', resealed, alreadyCurrent };
}

export async function resealSecrets(store: Store, repos: Repositories, box: SecretBox): Promise<ResealReport[]> {
  return [await resealMeta(store, box), await resealStoredModels(repos, box)];
}
