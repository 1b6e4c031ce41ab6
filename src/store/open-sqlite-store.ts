// Opens the embedded SQLite store: a private data directory (0700) holding `gatehouse.db` (0600),
// in WAL mode with foreign keys enforced. Knows nothing of migrations or of PostgreSQL.

import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { SqliteImmediateDialect } from './sqlite-immediate-dialect.js';
import type { Store } from './store.js';

export const sqliteFileName = 'gatehouse.db';

/** How long a writer waits for another process's write lock before failing with SQLITE_BUSY. */
const busyTimeoutMs = 5_000;

export async function openSqliteStore(dataDir: string): Promise<Store> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, sqliteFileName);
  // Create the file ourselves so it never exists with SQLite's default 0644; WAL and shared-memory
  // files inherit the database file's mode.
  await (await open(file, 'a', 0o600)).close();
  const database = new SqliteDatabase(file, { timeout: busyTimeoutMs });
  try {
    database.pragma('journal_mode = WAL');
    // In WAL mode NORMAL syncs at checkpoints, not at every commit: the database stays consistent,
    // and only the last commits can be lost, on a power loss or OS crash (never on a process crash).
    // A commit's fsync would otherwise block the event loop once per usage batch.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteImmediateDialect({ database }) });
  return Object.freeze({ db, dialect: 'sqlite' as const, sqlite: database, close: () => db.destroy() });
}
