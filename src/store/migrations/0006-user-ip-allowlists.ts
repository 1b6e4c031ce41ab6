// FROZEN: shipped migrations never change; fix forward with a new file. Adds `allowed_ips` to users,
// as 0004 did to keys and teams: a JSON array of CIDR ranges, or null (the default) for no restriction.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('gatehouse_users').addColumn('allowed_ips', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('gatehouse_users').dropColumn('allowed_ips').execute();
}
