// Row access by id for the tables whose records carry a `spend` (organisations, teams, users,
// virtual keys): the same read, insert and write for each, given the table's own row mapping.

import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.js';
import type { RecordRows } from './record-writes.js';

export type SpendOwnerTable = 'gatehouse_organizations' | 'gatehouse_teams' | 'gatehouse_users' | 'gatehouse_virtual_keys';

export interface SpendOwnerMapping<T extends SpendOwnerTable, R> {
  readonly table: T;
  /** Every column but `spend`, which only the spend paths write. */
  readonly toRow: (record: R) => Omit<Selectable<Database[T]>, 'spend'>;
  readonly fromRow: (row: Selectable<Database[T]>) => R;
}

/**
 * The four tables share `id`, `created_at` and `spend` but differ in their other columns, which
 * Kysely's types cannot follow through a table-name parameter; the queries themselves are the same,
 * so they are written once against this structural view.
 */
type OwnerRow = Record<string, unknown> & { id: string; created_at: string; spend: number };
/** One table name stands for all four in the view, which gives each the same row type. */
type OwnerDatabase = Record<'gatehouse_users', OwnerRow>;

export function spendOwnerRows<T extends SpendOwnerTable, R extends { readonly spend: number }>(mapping: SpendOwnerMapping<T, R>): RecordRows<R> {
  const table = mapping.table as 'gatehouse_users';
  const view = (db: Kysely<Database>): Kysely<OwnerDatabase> => db as unknown as Kysely<OwnerDatabase>;
  const fromRow = (row: Record<string, unknown>): R => mapping.fromRow(row as Selectable<Database[T]>);
  const toRow = (record: R): OwnerRow => mapping.toRow(record) as unknown as OwnerRow;
  return {
    async read(db, id) {
      const row = await view(db).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async insert(db, record) {
      const row = await view(db).insertInto(table).values({ ...toRow(record), spend: record.spend }).returningAll().executeTakeFirstOrThrow();
      return fromRow(row);
    },
    async write(db, next, spend) {
      const { id, created_at: _createdAt, ...columns } = toRow(next);
      const row = await view(db)
        .updateTable(table)
        .set({ ...columns, ...(spend === undefined ? {} : { spend }) })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromRow(row);
    },
  };
}
