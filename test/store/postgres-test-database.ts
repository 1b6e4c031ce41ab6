// Throw-away PostgreSQL databases for tests: each call creates a uniquely named database and
// hands back its URL and a drop function. Outside CI an unreachable server is a named skip.

import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const postgresAdminUrl = process.env.GATEHOUSE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A reason to skip PostgreSQL tests, or false to run them; under CI=true they always run. */
export async function postgresSkipReason(): Promise<string | false> {
  if (process.env.CI === 'true') return false;
  try {
    await withAdminClient(async (client) => {
      await client.query('select 1');
    });
    return false;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `PostgreSQL is not reachable at ${new URL(postgresAdminUrl).host} (${reason}); set CI=true to require it`;
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `gatehouse_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

async function withAdminClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
