// FROZEN: shipped migrations never change; fix forward with a new file. Adds `allowed_ips` to keys
// and teams: a JSON array of addresses and CIDR ranges, or null (the default) for no restriction.

import type { Kysely } from 'kysely';

const tables = ['gatehouse_virtual_keys', 'gatehouse_teams'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await db.schema.alterTable(table).addColumn('allowed_ips', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await db.schema.alterTable(table).dropColumn('allowed_ips').execute();
}
