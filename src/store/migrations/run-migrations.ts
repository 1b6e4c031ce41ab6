// Applies and reverts the migration list with Kysely's Migrator. Concurrent starters serialise on
// its lock: an advisory lock on PostgreSQL, an immediate write transaction on SQLite.

import { Migrator, NO_MIGRATIONS } from 'kysely';
import type { Migration, MigrationResultSet } from 'kysely';
import { migrations } from './index.js';
import type { NamedMigration } from './index.js';
import type { Store } from '../store.js';
import { StoreError } from '../store-error.js';

/** Bookkeeping tables; frozen names, like the migrations they record. */
const migrationTableName = 'gatehouse_migration';
const migrationLockTableName = 'gatehouse_migration_lock';

export async function runMigrations(store: Store): Promise<{ applied: string[] }> {
  const resultSet = await createMigrator(store, migrations).migrateToLatest();
  return { applied: namesOrThrow(resultSet, 'Up') };
}

export interface MigrateDownOptions {
  /** Keep this migration and the ones before it; default: revert every migration. */
  readonly to?: string;
}

/** Reverts migrations newest first. For tests and deliberate rollbacks, never run at start. */
export async function migrateDown(store: Store, options: MigrateDownOptions = {}): Promise<{ reverted: string[] }> {
  const resultSet = await createMigrator(store, migrations).migrateTo(options.to ?? NO_MIGRATIONS);
  return { reverted: namesOrThrow(resultSet, 'Down') };
}

function createMigrator(store: Store, list: readonly NamedMigration[]): Migrator {
  assertListed(list);
  const byName: Record<string, Migration> = {};
  for (const { name, up, down } of list) byName[name] = down === undefined ? { up } : { up, down };
  return new Migrator({
    db: store.db,
    provider: { getMigrations: () => Promise.resolve(byName) },
    migrationTableName,
    migrationLockTableName,
  });
}

/** The Migrator runs names in sorted order; a list that sorts differently is a programming error. */
function assertListed(list: readonly NamedMigration[]): void {
  list.forEach((migration, index) => {
    const previous = list[index - 1];
    if (previous !== undefined && !(previous.name < migration.name)) {
      throw new StoreError(`Migration "${migration.name}" must sort after "${previous.name}" in migrations/index.ts.`);
    }
  });
}

function namesOrThrow(resultSet: MigrationResultSet, direction: 'Up' | 'Down'): string[] {
  const results = resultSet.results ?? [];
  if (resultSet.error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const reason = resultSet.error instanceof Error ? resultSet.error.message : String(resultSet.error);
    const where = failed === undefined ? 'Preparing migrations' : `Migration ${failed} (${direction.toLowerCase()})`;
    throw new StoreError(`${where} failed: ${reason}`, { cause: resultSet.error });
  }
  return results.filter((result) => result.direction === direction && result.status === 'Success').map((result) => result.migrationName);
}
