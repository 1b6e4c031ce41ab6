// A separate process that opens a store and migrates it when told "go" on stdin, then prints
// what it applied as one JSON line: lets tests race real concurrent starters.

import { once } from 'node:events';
import { openStore } from '../../src/store/open-store.js';
import { getInstallationId } from '../../src/store/installation-id.js';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';

const options = JSON.parse(process.argv[2] ?? '{}') as { databaseUrl?: string; dataDir: string };
const store = await openStore(options);
try {
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const { applied } = await runMigrations(store);
  process.stdout.write(`${JSON.stringify({ applied, installationId: await getInstallationId(store) })}\n`);
} finally {
  await store.close();
  process.stdin.destroy();
}
