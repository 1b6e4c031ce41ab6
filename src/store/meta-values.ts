// Named values in `gatehouse_meta` that are created once and then only read (or replaced by a
// rotation). Creation is race-free across instances: the first insert wins, everyone reads it back.

import type { Store } from './store.js';

/** The stored value of `key`, creating it with `create()` when absent. */
export async function getOrCreateMetaValue(store: Store, key: string, create: () => string): Promise<string> {
  const existing = await readMetaValue(store, key);
  if (existing !== undefined) return existing;
  await store.db
    .insertInto('gatehouse_meta')
    .values({ key, value: create(), updated_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  const value = await readMetaValue(store, key);
  if (value === undefined) throw new Error(`gatehouse_meta.${key} vanished right after it was written`);
  return value;
}

export async function readMetaValue(store: Store, key: string): Promise<string | undefined> {
  const row = await store.db.selectFrom('gatehouse_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Replaces `key`'s value only if it still is `expected`; false when someone changed it first. */
export async function replaceMetaValue(store: Store, key: string, expected: string, value: string): Promise<boolean> {
  const result = await store.db
    .updateTable('gatehouse_meta')
    .set({ value, updated_at: new Date().toISOString() })
    .where('key', '=', key)
    .where('value', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
