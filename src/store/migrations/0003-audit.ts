// FROZEN: shipped migrations never change; fix forward with a new file. Creates the audit log
// (`gatehouse_audit_events`, a hash chain in `sequence` order) and the chain's head record in
// `gatehouse_meta`, which every append locks and moves. No column holds content or a secret.

import type { Kysely } from 'kysely';

/** The shape this migration writes, frozen here rather than imported from the growing schema. */
type MetaTables = {
  gatehouse_meta: { key: string; value: string; updated_at: string };
};

/** The hash the first row of an unpurged chain follows. */
const genesisHash = '0'.repeat(64);
const headKey = 'audit_chain_head';
const anchorKey = 'audit_chain_anchor';

const nullableTextColumns = [
  'actor_id', 'actor_key_id', 'actor_ip', 'object_id', 'organization_id', 'before_json', 'after_json', 'request_id',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const table = db.schema
    .createTable('gatehouse_audit_events')
    .addColumn('sequence', 'bigint', (column) => column.primaryKey())
    .addColumn('occurred_at', 'text', (column) => column.notNull())
    .addColumn('actor_kind', 'text', (column) => column.notNull())
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('object_type', 'text', (column) => column.notNull());
  await nullableTextColumns
    .reduce((builder, name) => builder.addColumn(name, 'text'), table)
    .addColumn('prev_hash', 'text', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull())
    .execute();
  for (const column of ['occurred_at', 'action', 'actor_id', 'organization_id']) {
    await db.schema.createIndex(`gatehouse_audit_events_${column}`).on('gatehouse_audit_events').column(column).execute();
  }
  await db.schema.createIndex('gatehouse_audit_events_object').on('gatehouse_audit_events').columns(['object_type', 'object_id']).execute();
  await db
    .withTables<MetaTables>()
    .insertInto('gatehouse_meta')
    .values({ key: headKey, value: JSON.stringify({ sequence: 0, hash: genesisHash, prev_hash: null }), updated_at: new Date().toISOString() })
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.withTables<MetaTables>().deleteFrom('gatehouse_meta').where('key', 'in', [headKey, anchorKey]).execute();
  await db.schema.dropTable('gatehouse_audit_events').execute();
}
