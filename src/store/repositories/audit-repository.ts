// The audit log's rows: append (under the chain's lock, inside the caller's transaction), filtered
// listing, and export in chain order. Nothing here updates or deletes a row; hashing and retention
// belong to src/audit/, which hands `appendAuditRow` the function that hashes a row.

import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AuditEventsTable, Database } from '../schema.js';
import type { Store } from '../store.js';
import { StoreError } from '../store-error.js';
import { fetchPage } from './page.js';
import type { Page, PageRequest } from './page.js';
import { toIsoTime, toNumber } from './row-values.js';
import { inList } from './visibility-scope.js';

/** One stored audit row; `beforeJson`/`afterJson` are the JSON texts exactly as hashed. */
export interface AuditRecord {
  readonly sequence: number;
  readonly occurredAt: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly actorKeyId: string | null;
  readonly actorIp: string | null;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly organizationId: string | null;
  readonly beforeJson: string | null;
  readonly afterJson: string | null;
  readonly requestId: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

/** What the caller supplies; the chain supplies the rest. */
export type AuditRowContent = Omit<AuditRecord, 'sequence' | 'prevHash' | 'hash'>;

/** A point of the chain: the head (newest row) or the retention anchor (newest purged row). */
export interface AuditChainMark {
  readonly sequence: number;
  readonly hash: string;
  /** The hash the marked row itself followed; recorded for the head only. */
  readonly prevHash: string | null;
}

/** Keys in `gatehouse_meta`; frozen names, created by migration 0003 and by retention. */
export const auditChainMetaKeys = { head: 'audit_chain_head', anchor: 'audit_chain_anchor' } as const;

export function auditMarkText(mark: AuditChainMark): string {
  return JSON.stringify({ sequence: mark.sequence, hash: mark.hash, prev_hash: mark.prevHash });
}

/** The mark stored as `text`, or undefined when it is not one (edited or corrupt). */
export function parseAuditMark(text: string | undefined): AuditChainMark | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as { sequence?: unknown; hash?: unknown; prev_hash?: unknown };
    const { sequence, hash } = value;
    const prevHash = value.prev_hash ?? null;
    if (!Number.isSafeInteger(sequence) || typeof hash !== 'string' || (prevHash !== null && typeof prevHash !== 'string')) return undefined;
    return { sequence: sequence as number, hash, prevHash };
  } catch {
    return undefined;
  }
}

export async function readAuditChainMarks(db: Kysely<Database>): Promise<{ head: string | undefined; anchor: string | undefined }> {
  const rows = await db.selectFrom('gatehouse_meta').select(['key', 'value']).where('key', 'in', Object.values(auditChainMetaKeys)).execute();
  const valueOf = (key: string): string | undefined => rows.find((row) => row.key === key)?.value;
  return { head: valueOf(auditChainMetaKeys.head), anchor: valueOf(auditChainMetaKeys.anchor) };
}

/**
 * Locks the chain until `trx` ends and returns its head. Updating the head row takes a row lock on
 * PostgreSQL (SQLite's immediate transactions already hold the write lock), so concurrent appends
 * and purges queue here and each reads the head its predecessor committed.
 */
export async function lockAuditChain(trx: Kysely<Database>): Promise<AuditChainMark> {
  const locked = await trx
    .updateTable('gatehouse_meta')
    .set({ updated_at: new Date().toISOString() })
    .where('key', '=', auditChainMetaKeys.head)
    .executeTakeFirst();
  const head = parseAuditMark((await readAuditChainMarks(trx)).head);
  if (Number(locked.numUpdatedRows) !== 1 || head === undefined) {
    throw new StoreError('The audit chain head is missing or corrupt: run `gatehouse audit verify`; no change is made without its audit row.');
  }
  return head;
}

/** Appends one row after the chain's head and moves the head, in `trx`, which must be a transaction. */
export async function appendAuditRow(
  trx: Kysely<Database>,
  content: AuditRowContent,
  hashOf: (row: Omit<AuditRecord, 'hash'>) => string,
): Promise<AuditRecord> {
  const head = await lockAuditChain(trx);
  const unsealed = { ...content, sequence: head.sequence + 1, prevHash: head.hash };
  const record: AuditRecord = { ...unsealed, hash: hashOf(unsealed) };
  await trx.insertInto('gatehouse_audit_events').values(rowOf(record)).execute();
  await trx
    .updateTable('gatehouse_meta')
    .set({ value: auditMarkText({ sequence: record.sequence, hash: record.hash, prevHash: record.prevHash }), updated_at: new Date().toISOString() })
    .where('key', '=', auditChainMetaKeys.head)
    .execute();
  return record;
}

function rowOf(record: AuditRecord): Insertable<AuditEventsTable> {
  return {
    sequence: record.sequence,
    occurred_at: record.occurredAt,
    actor_kind: record.actorKind,
    actor_id: record.actorId,
    actor_key_id: record.actorKeyId,
    actor_ip: record.actorIp,
    action: record.action,
    object_type: record.objectType,
    object_id: record.objectId,
    organization_id: record.organizationId,
    before_json: record.beforeJson,
    after_json: record.afterJson,
    request_id: record.requestId,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}

function recordOf(row: Selectable<AuditEventsTable>): AuditRecord {
  return {
    sequence: toNumber(row.sequence),
    occurredAt: row.occurred_at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorKeyId: row.actor_key_id,
    actorIp: row.actor_ip,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    organizationId: row.organization_id,
    beforeJson: row.before_json,
    afterJson: row.after_json,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Filters combine with AND; absent filters do not restrict. */
export interface AuditQuery {
  readonly action?: string | undefined;
  readonly objectType?: string | undefined;
  readonly objectId?: string | undefined;
  /** Rows whose actor is this user or key, or that a user did through this key. */
  readonly actorId?: string | undefined;
  /** Rows that happened at or after this time. */
  readonly startAt?: string | Date | undefined;
  /** Rows that happened before this time. */
  readonly endAt?: string | Date | undefined;
  /** Only rows of these organisations (an empty list shows nothing); absent = every row. */
  readonly organizationIds?: readonly string[] | undefined;
}

export interface AuditExportQuery extends AuditQuery {
  /** Rows after this sequence only. */
  readonly afterSequence?: number | undefined;
  /** Rows read per query; default 500. */
  readonly batchSize?: number | undefined;
}

export interface AuditRepository {
  /** Newest first (by sequence). */
  list(query: AuditQuery & PageRequest): Promise<Page<AuditRecord>>;
  /** Every matching row in chain order, read in batches so no result is held whole. */
  export(query?: AuditExportQuery): AsyncGenerator<AuditRecord>;
}

const defaultExportBatch = 500;

function filtered(db: Kysely<Database>, query: AuditQuery) {
  const { action, objectType, objectId, actorId, startAt, endAt, organizationIds } = query;
  return db
    .selectFrom('gatehouse_audit_events')
    .$if(action !== undefined, (q) => q.where('action', '=', action ?? ''))
    .$if(objectType !== undefined, (q) => q.where('object_type', '=', objectType ?? ''))
    .$if(objectId !== undefined, (q) => q.where('object_id', '=', objectId ?? ''))
    .$if(actorId !== undefined, (q) => q.where((eb) => eb.or([eb('actor_id', '=', actorId ?? ''), eb('actor_key_id', '=', actorId ?? '')])))
    .$if(startAt !== undefined, (q) => q.where('occurred_at', '>=', toIsoTime(startAt ?? '', 'startAt')))
    .$if(endAt !== undefined, (q) => q.where('occurred_at', '<', toIsoTime(endAt ?? '', 'endAt')))
    .$if(organizationIds !== undefined, (q) => q.where((eb) => inList(eb, 'organization_id', organizationIds ?? [])));
}

async function* exportRows(db: Kysely<Database>, query: AuditExportQuery): AsyncGenerator<AuditRecord> {
  const batchSize = query.batchSize ?? defaultExportBatch;
  let after = query.afterSequence ?? 0;
  for (;;) {
    const rows = await filtered(db, query).selectAll().where('sequence', '>', after).orderBy('sequence').limit(batchSize).execute();
    for (const row of rows) yield recordOf(row);
    const last = rows.at(-1);
    if (last === undefined || rows.length < batchSize) return;
    after = toNumber(last.sequence);
  }
}

export function createAuditRepository(store: Store): AuditRepository {
  const { db } = store;
  return {
    list: (query) =>
      fetchPage(
        query,
        {
          rows: ({ limit, offset }) => filtered(db, query).selectAll().orderBy('sequence', 'desc').limit(limit).offset(offset).execute(),
          total: () => filtered(db, query).select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst(),
        },
        recordOf,
      ),
    export: (query = {}) => exportRows(db, query),
  };
}
