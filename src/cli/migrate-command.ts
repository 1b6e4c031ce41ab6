// `gatehouse migrate`: apply pending migrations to the configured database and report them.

import { openStore } from '../store/open-store.js';
import { runMigrations } from '../store/migrations/run-migrations.js';
import { loadCliConfig, type CliValues } from './load-cli-config.js';

export async function runMigrate(values: CliValues): Promise<number> {
  const config = loadCliConfig(values);
  if (config === undefined) return 1;
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  try {
    const { applied } = await runMigrations(store);
    process.stdout.write(applied.length === 0 ? 'Database is up to date.\n' : `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}\n`).join('')}`);
    return 0;
  } finally {
    await store.close();
  }
}
