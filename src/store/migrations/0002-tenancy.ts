// FROZEN: shipped migrations never change; fix forward with a new file. Creates the tenancy tables
// (organisations, teams, users, memberships, virtual keys, stored models) and the usage tables.
// No column holds prompt or response content, or a raw key: keys are stored as their HMAC only.

import { sql } from 'kysely';
import type { CreateTableBuilder, Kysely } from 'kysely';

type Table = CreateTableBuilder<string, string>;

/** Booleans are integers 0/1 on both dialects, so one mapping serves both. */
function flag(name: string): (table: Table) => Table {
  return (table) => table.addColumn(name, 'integer', (column) => column.notNull().defaultTo(0).check(sql`${sql.ref(name)} in (0, 1)`));
}

function budgetColumns(table: Table): Table {
  return table
    .addColumn('max_budget', 'double precision')
    .addColumn('soft_budget', 'double precision')
    .addColumn('budget_duration', 'text')
    .addColumn('budget_reset_at', 'text')
    .addColumn('spend', 'double precision', (column) => column.notNull().defaultTo(0))
    .addColumn('tpm_limit', 'integer')
    .addColumn('rpm_limit', 'integer')
    .addColumn('max_parallel_requests', 'integer');
}

function scopeColumns(table: Table): Table {
  return table
    .addColumn('models', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('allowed_regions', 'text')
    .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
    .$call(flag('blocked'));
}

function timestamps(table: Table): Table {
  return table.addColumn('created_at', 'text', (column) => column.notNull()).addColumn('updated_at', 'text', (column) => column.notNull());
}

async function createTenancyTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gatehouse_organizations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('alias', 'text')
    .$call(budgetColumns)
    .$call(scopeColumns)
    .$call(timestamps)
    .execute();
  await db.schema
    .createTable('gatehouse_teams')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('alias', 'text')
    .addColumn('organization_id', 'text', (column) => column.references('gatehouse_organizations.id'))
    .$call(budgetColumns)
    .$call(scopeColumns)
    .$call(timestamps)
    .execute();
  await db.schema
    .createTable('gatehouse_users')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('models', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
    .$call(budgetColumns)
    .$call(timestamps)
    .execute();
  await createMembershipTable(db, 'gatehouse_team_memberships', 'team_id', 'gatehouse_teams.id');
  await createMembershipTable(db, 'gatehouse_organization_memberships', 'organization_id', 'gatehouse_organizations.id');
}

async function createMembershipTable(db: Kysely<unknown>, name: string, groupColumn: string, groupReference: string): Promise<void> {
  await db.schema
    .createTable(name)
    .addColumn(groupColumn, 'text', (column) => column.notNull().references(groupReference).onDelete('cascade'))
    .addColumn('user_id', 'text', (column) => column.notNull().references('gatehouse_users.id').onDelete('cascade'))
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint(`${name}_pk`, [groupColumn, 'user_id'])
    .execute();
  await db.schema.createIndex(`${name}_user_id`).on(name).column('user_id').execute();
}

async function createKeyAndModelTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gatehouse_virtual_keys')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('key_hash', 'text', (column) => column.notNull())
    .addColumn('alias', 'text')
    .addColumn('display_name', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.references('gatehouse_users.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (column) => column.references('gatehouse_teams.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (column) => column.references('gatehouse_organizations.id'))
    .addColumn('allowed_routes', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('expires_at', 'text')
    .addColumn('previous_key_hash', 'text')
    .addColumn('previous_key_expires_at', 'text')
    .addColumn('created_by', 'text')
    .$call(budgetColumns)
    .$call(scopeColumns)
    .$call(timestamps)
    .execute();
  await db.schema
    .createTable('gatehouse_stored_models')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('model_name', 'text', (column) => column.notNull())
    .addColumn('litellm_params', 'text', (column) => column.notNull().defaultTo('{}'))
    .addColumn('encrypted_secrets', 'text')
    .addColumn('model_info', 'text', (column) => column.notNull().defaultTo('{}'))
    .addColumn('created_by', 'text')
    .$call(timestamps)
    .execute();
}

async function createUsageTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gatehouse_usage_records')
    .addColumn('request_id', 'text', (column) => column.primaryKey())
    .addColumn('started_at', 'text', (column) => column.notNull())
    .addColumn('ended_at', 'text', (column) => column.notNull())
    .addColumn('key_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('organization_id', 'text')
    .addColumn('route', 'text', (column) => column.notNull())
    .addColumn('model_group', 'text', (column) => column.notNull())
    .addColumn('deployment_id', 'text')
    .addColumn('provider', 'text')
    .addColumn('region', 'text')
    .addColumn('prompt_tokens', 'integer', (column) => column.notNull())
    .addColumn('completion_tokens', 'integer', (column) => column.notNull())
    .addColumn('cached_tokens', 'integer', (column) => column.notNull())
    .addColumn('total_tokens', 'integer', (column) => column.notNull())
    .addColumn('cost_usd', 'double precision', (column) => column.notNull())
    .addColumn('latency_ms', 'integer', (column) => column.notNull())
    .addColumn('ttft_ms', 'integer')
    .$call(flag('stream'))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('http_status', 'integer', (column) => column.notNull())
    .addColumn('error_code', 'text')
    .execute();
  const daily: Table = db.schema.createTable('gatehouse_usage_daily').addColumn('day', 'text', (column) => column.notNull());
  const keyed = ['key_id', 'user_id', 'team_id', 'organization_id', 'model_group'].reduce(
    (table, name) => table.addColumn(name, 'text', (column) => column.notNull().defaultTo('')),
    daily,
  );
  const counted = ['request_count', 'error_count', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'total_tokens'].reduce(
    (table, name) => table.addColumn(name, 'bigint', (column) => column.notNull().defaultTo(0)),
    keyed,
  );
  await counted
    .addColumn('cost_usd', 'double precision', (column) => column.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('gatehouse_usage_daily_pk', ['day', 'key_id', 'user_id', 'team_id', 'organization_id', 'model_group'])
    .execute();
}

/** [index name, table, column, unique]. */
const indexes: readonly (readonly [string, string, string, boolean])[] = [
  ['gatehouse_teams_organization_id', 'gatehouse_teams', 'organization_id', false],
  ['gatehouse_virtual_keys_key_hash', 'gatehouse_virtual_keys', 'key_hash', true],
  ['gatehouse_virtual_keys_alias', 'gatehouse_virtual_keys', 'alias', true],
  ['gatehouse_virtual_keys_previous_key_hash', 'gatehouse_virtual_keys', 'previous_key_hash', false],
  ['gatehouse_virtual_keys_user_id', 'gatehouse_virtual_keys', 'user_id', false],
  ['gatehouse_virtual_keys_team_id', 'gatehouse_virtual_keys', 'team_id', false],
  ['gatehouse_virtual_keys_organization_id', 'gatehouse_virtual_keys', 'organization_id', false],
  ['gatehouse_stored_models_model_name', 'gatehouse_stored_models', 'model_name', false],
  ['gatehouse_usage_records_started_at', 'gatehouse_usage_records', 'started_at', false],
  ['gatehouse_usage_records_key_id', 'gatehouse_usage_records', 'key_id', false],
  ['gatehouse_usage_records_user_id', 'gatehouse_usage_records', 'user_id', false],
  ['gatehouse_usage_records_team_id', 'gatehouse_usage_records', 'team_id', false],
  ['gatehouse_usage_records_organization_id', 'gatehouse_usage_records', 'organization_id', false],
  ['gatehouse_usage_records_model_group', 'gatehouse_usage_records', 'model_group', false],
];

async function createIndexes(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, column, unique] of indexes) {
    const index = db.schema.createIndex(name).on(table).column(column);
    await (unique ? index.unique() : index).execute();
  }
  // Emails match case-insensitively, so `Ada@example.com` and `ada@example.com` are one user.
  await db.schema.createIndex('gatehouse_users_email').on('gatehouse_users').unique().expression(sql`lower(email)`).execute();
  for (const table of ['gatehouse_users', 'gatehouse_virtual_keys']) {
    await db.schema.createIndex(`${table}_created_at`).on(table).columns(['created_at', 'id']).execute();
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTenancyTables(db);
  await createKeyAndModelTables(db);
  await createUsageTables(db);
  await createIndexes(db);
}

/** Newest first, so no foreign key points at a dropped table; indexes go with their tables. */
const tablesNewestFirst = [
  'gatehouse_usage_daily',
  'gatehouse_usage_records',
  'gatehouse_stored_models',
  'gatehouse_virtual_keys',
  'gatehouse_organization_memberships',
  'gatehouse_team_memberships',
  'gatehouse_users',
  'gatehouse_teams',
  'gatehouse_organizations',
];

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tablesNewestFirst) await db.schema.dropTable(table).execute();
}
