// Reads the random id that migration 0001 stored for this installation. Does not create one:
// an unmigrated store is an error here, not a reason to write.

import type { Store } from './store.js';
import { StoreError } from './store-error.js';

export async function getInstallationId(store: Store): Promise<string> {
  const row = await store.db
    .selectFrom('gatehouse_meta')
    .select('value')
    .where('key', '=', 'installation_id')
    .executeTakeFirst();
  if (row === undefined) throw new StoreError('The store has no installation id: run `gatehouse migrate` first.');
  return row.value;
}
