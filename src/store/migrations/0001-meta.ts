// FROZEN: shipped migrations never change; fix forward with a new file. Creates `gatehouse_meta`
// (key/value facts about this installation) and records a random installation id.

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

/** The shape this migration writes, frozen here rather than imported from the growing schema. */
// A type alias, not an interface: withTables<> needs the implicit index signature.
type MetaTables = {
  gatehouse_meta: { key: string; value: string; updated_at: string };
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gatehouse_meta')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('value', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db
    .withTables<MetaTables>()
    .insertInto('gatehouse_meta')
    .values({ key: 'installation_id', value: randomUUID(), updated_at: new Date().toISOString() })
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gatehouse_meta').execute();
}
