// Writes audit events into the hash chain: `appendAuditEvent` inside the caller's transaction, and
// `withAudit`, which runs a change and its events in one transaction so neither lands alone.
// Deciding which events a change produces is the caller's part; redaction happens here, always.

import type { Kysely, Transaction } from 'kysely';
import { appendAuditRow } from '../store/repositories/audit-repository.js';
import type { AuditRecord, AuditRowContent } from '../store/repositories/audit-repository.js';
import { createRepositories } from '../store/repositories/create-repositories.js';
import type { Repositories } from '../store/repositories/create-repositories.js';
import type { RepositoryOptions } from '../store/repositories/repository-options.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { auditActorKinds, isAuditAction, objectTypeOf } from './audit-events.js';
import type { AuditEvent } from './audit-events.js';
import { auditRowHash } from './audit-hash.js';
import { redactForAudit } from './redact-for-audit.js';
import { storeInTransaction } from './store-in-transaction.js';

function jsonOf(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(redactForAudit(value)) ?? null;
}

/** The row content of `event`; throws on an action or actor kind outside the closed lists. */
function contentOf(event: AuditEvent): AuditRowContent {
  // The types already say so; this guards callers that cast or come from plain JavaScript.
  if (!isAuditAction(event.action)) throw new TypeError(`Unknown audit action: ${String(event.action)}`);
  if (!auditActorKinds.includes(event.actor.kind)) throw new TypeError(`Unknown audit actor kind: ${String(event.actor.kind)}`);
  return {
    occurredAt: (event.at ?? new Date()).toISOString(),
    actorKind: event.actor.kind,
    actorId: event.actor.id,
    actorKeyId: event.actor.keyId ?? null,
    actorIp: event.actorIp ?? null,
    action: event.action,
    objectType: objectTypeOf(event.action),
    objectId: event.objectId,
    organizationId: event.organizationId ?? null,
    beforeJson: jsonOf(event.before),
    afterJson: jsonOf(event.after),
    requestId: event.requestId ?? null,
  };
}

/**
 * Appends `event` to the chain. Given a transaction, the row commits or rolls back with it (so a
 * change whose audit row cannot be written fails); given the plain database, it opens its own.
 */
export async function appendAuditEvent(db: Kysely<Database> | Transaction<Database>, event: AuditEvent): Promise<AuditRecord> {
  const content = contentOf(event);
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAuditRow(trx, content, auditRowHash));
  return appendAuditRow(db, content, auditRowHash);
}

export interface AuditedWork<T> {
  readonly result: T;
  /** Appended in this order after the work, in the same transaction. */
  readonly events: readonly AuditEvent[];
}

/**
 * Runs `work` and appends the events it returns in one transaction: both commit, or neither.
 * Inside `work` use only `trx` and the `repos` given (they run in `trx`); the store's own
 * repositories would wait for this transaction on SQLite's single connection.
 */
export async function withAudit<T>(
  store: Store,
  work: (trx: Transaction<Database>, repos: Repositories) => Promise<AuditedWork<T>>,
  options: RepositoryOptions = {},
): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    const { result, events } = await work(trx, createRepositories(storeInTransaction(store, trx), options));
    for (const event of events) await appendAuditEvent(trx, event);
    return result;
  });
}
