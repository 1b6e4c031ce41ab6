// The handle every repository receives: a typed Kysely instance and which dialect is under it.
// Opening, migrating and closing live in their own modules.

import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /**
   * The SQLite handle under `db`, for hot batch writes that Kysely's per-statement cost would make
   * expensive. Use it only inside `db.connection().execute(...)`, which holds Kysely's connection lock.
   */
  readonly sqlite?: SqliteDatabase;
  /** Closes the SQLite file or ends the PostgreSQL pool; safe to call more than once. */
  close(): Promise<void>;
}
