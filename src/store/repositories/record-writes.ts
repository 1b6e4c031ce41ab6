// The create and update flow every record shares: defaults under the given fields, a random id
// unless one is given, stamps from the repository's clock, updates as a read-merge-write in one
// transaction. Each repository supplies its own row reads and writes, and its own deletes.

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Timestamps } from '../records.js';
import type { Database } from '../schema.js';
import { definedFields } from './record-patch.js';
import type { Patch } from './record-patch.js';

export interface Identified extends Timestamps {
  readonly id: string;
}

/** What deleting a team or a user removed; the key ids let key caches drop those keys. */
export interface DeleteResult {
  readonly deleted: boolean;
  readonly deletedKeyIds: readonly string[];
}

export type FieldsOf<R extends Identified> = Omit<R, 'id' | 'createdAt' | 'updatedAt'>;

/** Adjusts a merged record before it is written (e.g. starts a new budget period). */
export type Finish<R> = (next: R, context: { readonly previous: R | null; readonly patch: Patch<R>; readonly now: Date }) => R;

export function newRecord<R extends Identified>(
  defaults: FieldsOf<R>,
  input: Patch<FieldsOf<R>> & { readonly id?: string | undefined },
  options: { readonly now: Date; readonly finish?: Finish<R> },
): R {
  const stamp = options.now.toISOString();
  // Defaults plus defined input fields form FieldsOf<R>; with the three stamped fields that is R.
  const record = { ...defaults, ...definedFields<FieldsOf<R>>(input), id: input.id ?? randomUUID(), createdAt: stamp, updatedAt: stamp } as R;
  return options.finish === undefined ? record : options.finish(record, { previous: null, patch: input as Patch<R>, now: options.now });
}

export interface RecordRows<R> {
  read(db: Kysely<Database>, id: string): Promise<R | null>;
  /** Inserts every column, `spend` included, and returns the record as stored. */
  insert(db: Kysely<Database>, record: R): Promise<R>;
  /** Writes every column of `next` except `spend`, which is written only when `spend` is given. */
  write(db: Kysely<Database>, next: R, spend: number | undefined): Promise<R>;
}

/** Null when there is no record with that id. */
export async function patchRecord<R extends Identified>(
  db: Kysely<Database>,
  rows: RecordRows<R>,
  change: { readonly id: string; readonly patch: Patch<FieldsOf<R>>; readonly now: Date; readonly finish?: Finish<R> },
): Promise<R | null> {
  return db.transaction().execute(async (trx) => {
    const current = await rows.read(trx, change.id);
    if (current === null) return null;
    // Merging defined fields of FieldsOf<R> over an R keeps it an R. The identity is pinned again:
    // a patch built from a request body may carry an `id` or `createdAt` the types did not see.
    const fields = definedFields<FieldsOf<R>>(change.patch);
    const merged = { ...current, ...fields, id: current.id, createdAt: current.createdAt, updatedAt: change.now.toISOString() } as R;
    const patch = change.patch as Patch<R>;
    const next = change.finish === undefined ? merged : change.finish(merged, { previous: current, patch, now: change.now });
    const spend = 'spend' in change.patch && typeof change.patch.spend === 'number' ? change.patch.spend : undefined;
    return rows.write(trx, next, spend);
  });
}
