// The one door to the durable store: no URL means the embedded SQLite file under the data
// directory, a postgres:// URL means PostgreSQL. Does not migrate (see migrations/run-migrations.ts).

import { parseDatabaseUrl } from './database-url.js';
import { openPostgresStore } from './open-postgres-store.js';
import { openSqliteStore } from './open-sqlite-store.js';
import type { Store } from './store.js';

export type { Store, StoreDialect } from './store.js';

export interface OpenStoreOptions {
  /** `postgres://` or `postgresql://`; undefined (or empty) selects SQLite. */
  readonly databaseUrl?: string | undefined;
  /** Where the SQLite file lives; created with mode 0700 when missing. */
  readonly dataDir: string;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const target = parseDatabaseUrl(options.databaseUrl);
  if (target.dialect === 'postgres') return openPostgresStore(target);
  return openSqliteStore(options.dataDir);
}
