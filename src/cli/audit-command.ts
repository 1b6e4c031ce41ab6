// `gatehouse audit verify` (walk the hash chain; exit 1 naming the first broken row) and
// `gatehouse audit export [--since DATE]` (every row as JSON lines on stdout, oldest first).

import { once } from 'node:events';
import { auditEventJson } from '../audit/audit-event-json.js';
import { parseAuditTime } from '../audit/audit-filters.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { isGatewayError } from '../errors/gateway-error.js';
import { openStore, type Store } from '../store/open-store.js';
import { createAuditRepository } from '../store/repositories/audit-repository.js';
import { loadCliConfig, type CliValues } from './load-cli-config.js';

const usage = 'Usage: gatehouse audit verify | gatehouse audit export [--since DATE]';

async function verify(store: Store): Promise<number> {
  const verdict = await verifyAuditChain(store);
  if (verdict.ok) {
    process.stdout.write(`${verdict.checked} rows verified; the chain head is row ${verdict.head.sequence} (hash ${verdict.head.hash}).\n`);
    return 0;
  }
  const { sequence, reason } = verdict.firstBroken;
  process.stderr.write(`Audit chain broken at row ${sequence}: ${reason}. ${verdict.checked} rows verified before it.\n`);
  return 1;
}

async function exportRows(store: Store, since: Date | undefined): Promise<number> {
  for await (const record of createAuditRepository(store).export(since === undefined ? {} : { startAt: since })) {
    if (!process.stdout.write(`${JSON.stringify(auditEventJson(record))}\n`)) await once(process.stdout, 'drain');
  }
  return 0;
}

function sinceOf(values: CliValues): Date | undefined | 'invalid' {
  const since = values['since'];
  if (typeof since !== 'string') return undefined;
  try {
    return parseAuditTime(since, '--since');
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    process.stderr.write(`gatehouse: ${error.message}\n`);
    return 'invalid';
  }
}

export async function runAudit(values: CliValues, args: readonly string[] = []): Promise<number> {
  const [action, ...extra] = args;
  if ((action !== 'verify' && action !== 'export') || extra.length > 0 || (action === 'verify' && values['since'] !== undefined)) {
    process.stderr.write(`gatehouse: ${usage}\n`);
    return 2;
  }
  const since = sinceOf(values);
  if (since === 'invalid') return 2;
  const config = loadCliConfig(values);
  if (config === undefined) return 1;
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    return action === 'verify' ? await verify(store) : await exportRows(store, since);
  } finally {
    await store.close();
  }
}
