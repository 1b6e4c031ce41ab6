// Retention of the audit log: deletes the oldest rows (a prefix of the chain, never a row in the
// middle), records the new anchor (the hash the first kept row follows) and audits the purge in the
// same transaction. The only code that deletes audit rows; it refuses to run on a broken chain.

import type { Kysely } from 'kysely';
import { auditChainMetaKeys, auditMarkText, lockAuditChain } from '../store/repositories/audit-repository.js';
import type { AuditChainMark, AuditRecord } from '../store/repositories/audit-repository.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { systemActor } from './audit-actor.js';
import { appendAuditEvent } from './append-audit-event.js';
import { verifyAuditChain } from './verify-audit-chain.js';

export interface PurgeOptions {
  /** Rows (or records) from before this time are deleted. */
  readonly olderThan: Date;
  /** The purge event's time; defaults to now. */
  readonly now?: Date;
}

export interface PurgeResult {
  readonly deleted: number;
  /** The audit row of this purge; absent when nothing was old enough. */
  readonly event?: AuditRecord;
}

/** Thrown instead of purging: deleting rows of a tampered chain would destroy the evidence. */
export class AuditChainBrokenError extends Error {
  override readonly name = 'AuditChainBrokenError';
}

/** The newest row of the oldest run of rows older than `cutoff`: everything up to it may go. */
async function lastPurgeable(trx: Kysely<Database>, cutoff: string): Promise<AuditChainMark | undefined> {
  const firstKept = await trx
    .selectFrom('gatehouse_audit_events')
    .select((eb) => eb.fn.min('sequence').as('sequence'))
    .where('occurred_at', '>=', cutoff)
    .executeTakeFirst();
  const keptFrom = firstKept?.sequence ?? null;
  const last = await trx
    .selectFrom('gatehouse_audit_events')
    .select(['sequence', 'hash'])
    .$if(keptFrom !== null, (q) => q.where('sequence', '<', keptFrom ?? 0))
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last === undefined ? undefined : { sequence: Number(last.sequence), hash: last.hash, prevHash: null };
}

async function writeAnchor(trx: Kysely<Database>, anchor: AuditChainMark, now: Date): Promise<void> {
  const value = auditMarkText(anchor);
  const updatedAt = now.toISOString();
  await trx
    .insertInto('gatehouse_meta')
    .values({ key: auditChainMetaKeys.anchor, value, updated_at: updatedAt })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: updatedAt }))
    .execute();
}

export async function purgeAudit(store: Store, options: PurgeOptions): Promise<PurgeResult> {
  const verdict = await verifyAuditChain(store);
  if (!verdict.ok) {
    throw new AuditChainBrokenError(`Audit retention refused: the chain is broken at row ${verdict.firstBroken.sequence} (${verdict.firstBroken.reason}).`);
  }
  const cutoff = options.olderThan.toISOString();
  return store.db.transaction().execute(async (trx) => {
    await lockAuditChain(trx);
    const anchor = await lastPurgeable(trx, cutoff);
    if (anchor === undefined) return { deleted: 0 };
    const result = await trx.deleteFrom('gatehouse_audit_events').where('sequence', '<=', anchor.sequence).executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    const now = options.now ?? new Date();
    await writeAnchor(trx, anchor, now);
    const event = await appendAuditEvent(trx, {
      action: 'audit.retention_purge',
      actor: systemActor('retention'),
      objectId: null,
      after: { older_than: cutoff, deleted_rows: deleted, through_sequence: anchor.sequence, anchor_hash: anchor.hash },
      at: now,
    });
    return { deleted, event };
  });
}
