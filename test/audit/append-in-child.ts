// A separate process that opens a store and, when told "go" on stdin, appends audit events (all at
// once) and exits: lets tests race appends from real concurrent processes.

import { once } from 'node:events';
import { appendAuditEvent } from '../../src/audit/append-audit-event.js';
import { openStore } from '../../src/store/open-store.js';
import { keyEvent } from './audit-fixture.js';

const { options, count, tag } = JSON.parse(process.argv[2] ?? '{}') as {
  options: { databaseUrl?: string; dataDir: string };
  count: number;
  tag: string;
};
const store = await openStore(options);
try {
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  await Promise.all(Array.from({ length: count }, (_, n) => appendAuditEvent(store.db, keyEvent(n + 1, { requestId: `${tag}-${n + 1}` }))));
  process.stdout.write('done\n');
} finally {
  await store.close();
  process.stdin.destroy();
}
