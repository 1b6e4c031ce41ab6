// The handle every repository receives: a typed Kysely instance and which dialect is under it.
// Opening, migrating and closing live in their own modules.

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** Closes the SQLite file or ends the PostgreSQL pool; safe to call more than once. */
  close(): Promise<void>;
}
