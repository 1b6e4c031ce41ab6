// Opens a PostgreSQL store over a `pg` pool and checks it answers before returning. Connection
// failures are reported with the URL's password removed; migrations live elsewhere.

import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { scrubPassword } from './database-url.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';
import { StoreError } from './store-error.js';

export interface PostgresTarget {
  readonly url: string;
  readonly redactedUrl: string;
}

const connectTimeoutMs = 10_000;

export async function openPostgresStore(target: PostgresTarget): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: target.url,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'gatehouse',
  });
  // An idle client that loses its server emits here; the pool has already discarded it and the
  // next query opens a new one, so the event must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    // A fresh error with no cause: the original may hold the connection settings.
    throw new StoreError(`Cannot connect to PostgreSQL at ${target.redactedUrl}: ${scrubPassword(reason, target.url)}`);
  }
  return Object.freeze({ db, dialect: 'postgres' as const, close: () => db.destroy() });
}
