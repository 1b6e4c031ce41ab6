// Helpers for the audit contract suites: a sample event, appending many, and tampering with the
// table directly (SQL no Gatehouse code runs), as someone with database access would.

import { sql } from 'kysely';
import { appendAuditEvent } from '../../src/audit/append-audit-event.js';
import type { AuditEvent } from '../../src/audit/audit-events.js';
import { auditRowHash } from '../../src/audit/audit-hash.js';
import { createAuditRepository } from '../../src/store/repositories/audit-repository.js';
import type { AuditRecord } from '../../src/store/repositories/audit-repository.js';
import type { Store } from '../../src/store/store.js';

export function keyEvent(n: number, fields: Partial<AuditEvent> = {}): AuditEvent {
  return {
    action: 'key.update',
    actor: { kind: 'user', id: 'u-admin', keyId: 'key-admin' },
    objectId: `key-${n}`,
    organizationId: 'org-1',
    actorIp: '203.0.113.7',
    before: { max_budget: n },
    after: { max_budget: n + 1 },
    requestId: `req-${n}`,
    ...fields,
  };
}

/** Appends events 1..count one after another, each in its own transaction. */
export async function appendEvents(store: Store, count: number, fields: (n: number) => Partial<AuditEvent> = () => ({})): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (let n = 1; n <= count; n++) records.push(await appendAuditEvent(store.db, keyEvent(n, fields(n))));
  return records;
}

export async function allRows(store: Store): Promise<AuditRecord[]> {
  const rows: AuditRecord[] = [];
  for await (const row of createAuditRepository(store).export()) rows.push(row);
  return rows;
}

export async function editAfter(store: Store, sequence: number, afterJson: string): Promise<void> {
  await sql`update gatehouse_audit_events set after_json = ${afterJson} where sequence = ${sequence}`.execute(store.db);
}

export async function deleteRows(store: Store, sequences: readonly number[]): Promise<void> {
  await store.db.deleteFrom('gatehouse_audit_events').where('sequence', 'in', sequences).execute();
}

/** Exchanges the places of two rows in the chain order. */
export async function swapRows(store: Store, a: number, b: number): Promise<void> {
  await sql`update gatehouse_audit_events set sequence = ${-1} where sequence = ${a}`.execute(store.db);
  await sql`update gatehouse_audit_events set sequence = ${a} where sequence = ${b}`.execute(store.db);
  await sql`update gatehouse_audit_events set sequence = ${b} where sequence = ${-1}`.execute(store.db);
}

/** Inserts a row that links correctly after `previous` and carries a correct hash of its own content. */
export async function forgeRow(store: Store, previous: AuditRecord, afterJson: string): Promise<AuditRecord> {
  const unsealed = { ...previous, sequence: previous.sequence + 1, prevHash: previous.hash, afterJson, requestId: 'forged' };
  const forged = { ...unsealed, hash: auditRowHash(unsealed) };
  await store.db
    .insertInto('gatehouse_audit_events')
    .values({
      sequence: forged.sequence,
      occurred_at: forged.occurredAt,
      actor_kind: forged.actorKind,
      actor_id: forged.actorId,
      actor_key_id: forged.actorKeyId,
      actor_ip: forged.actorIp,
      action: forged.action,
      object_type: forged.objectType,
      object_id: forged.objectId,
      organization_id: forged.organizationId,
      before_json: forged.beforeJson,
      after_json: forged.afterJson,
      request_id: forged.requestId,
      prev_hash: forged.prevHash,
      hash: forged.hash,
    })
    .execute();
  return forged;
}
