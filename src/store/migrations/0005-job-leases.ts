// FROZEN: shipped migrations never change; fix forward with a new file. Creates `gatehouse_job_leases`:
// one row per periodic job, naming the instance that may run it until `expires_at`, and when the
// cluster last finished a run of it. Times are ISO-8601 UTC text, like every other time column.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gatehouse_job_leases')
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('holder', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('last_run_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gatehouse_job_leases').execute();
}
