// `gatehouse rotate-master-key`: re-seal every secret stored at rest under the new master key.
// Run it with GATEHOUSE_MASTER_KEY set to the new key and GATEHOUSE_PREVIOUS_MASTER_KEY to the old
// one; instances started with both keep serving throughout. Safe to rerun after an interruption.

import { appendAuditEvent } from '../audit/append-audit-event.js';
import { systemActor } from '../audit/audit-actor.js';
import { MasterKeyError, resolveMasterKey } from '../auth/master-key.js';
import { createSecretBox } from '../crypto/secret-box.js';
import { resealSecrets } from '../server/reseal-secrets.js';
import { loadKeyHashingKey } from '../server/key-hashing-key.js';
import { StartError } from '../server/start-error.js';
import { openStore } from '../store/open-store.js';
import { runMigrations } from '../store/migrations/run-migrations.js';
import { createRepositories } from '../store/repositories/create-repositories.js';
import { loadCliConfig, type CliValues } from './load-cli-config.js';

const usage = 'Set GATEHOUSE_MASTER_KEY to the new master key and GATEHOUSE_PREVIOUS_MASTER_KEY to the current one, then run this command.';

export async function runRotateMasterKey(values: CliValues): Promise<number> {
  const config = loadCliConfig(values);
  if (config === undefined) return 1;
  if (config.masterKey === undefined || config.previousMasterKey === undefined) {
    process.stderr.write(`gatehouse: ${usage}\n`);
    return 1;
  }
  try {
    resolveMasterKey({ configured: config.masterKey, dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof MasterKeyError)) throw error;
    process.stderr.write(`gatehouse: the new master key is refused: ${error.message}\n`);
    return 1;
  }
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await runMigrations(store);
    const box = createSecretBox(config.masterKey, config.previousMasterKey);
    await loadKeyHashingKey(store, box);
    const reports = await resealSecrets(store, createRepositories(store), box);
    await appendAuditEvent(store.db, {
      action: 'master_key.rotate',
      actor: systemActor('rotate-master-key'),
      objectId: null,
      after: { resealed: Object.fromEntries(reports.map((r) => [r.source, r.resealed])) },
    });
    for (const r of reports) process.stdout.write(`${r.source}: ${r.resealed} re-sealed, ${r.alreadyCurrent} already under the new key\n`);
    process.stdout.write('Done. Restart every instance with the new GATEHOUSE_MASTER_KEY (keep GATEHOUSE_PREVIOUS_MASTER_KEY until all have restarted), then remove GATEHOUSE_PREVIOUS_MASTER_KEY. If a generated key is stored in the data folder, replace master.key with the new key.\n');
    return 0;
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    process.stderr.write(`gatehouse: ${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
