// Kysely's SQLite dialect with write-first transactions: `begin immediate` takes the write lock
// up front, so two processes on one file queue on busy_timeout instead of failing to upgrade a
// read snapshot. Migrations then run inside such a transaction, which is their lock on SQLite.

import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, DialectAdapter, Driver, SqliteDialectConfig } from 'kysely';

export class SqliteImmediateDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new SqliteImmediateDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new SqliteTransactionalDdlAdapter();
  }
}

class SqliteImmediateDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite does roll back DDL; saying so makes Kysely's Migrator wrap each run in a transaction. */
class SqliteTransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
