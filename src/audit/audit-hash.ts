// The hash of one audit row: SHA-256 over a canonical serialisation of its content, its sequence
// and the hash of the row before it. Reading rows and walking the chain live elsewhere.
// PERSISTED: every stored hash depends on this exact serialisation; a new format needs a new
// version tag and must keep verifying rows written under the old one.

import { createHash } from 'node:crypto';
import type { AuditRecord } from '../store/repositories/audit-repository.js';

/** What the first row of a never-purged chain follows. */
export const genesisHash = '0'.repeat(64);

const formatTag = 'gatehouse-audit-v1';

/**
 * A JSON array of the fields in a fixed order: no key order, whitespace or number formatting can
 * vary, and `before`/`after` are hashed as the exact JSON text stored.
 */
export function canonicalAuditText(row: Omit<AuditRecord, 'hash'>): string {
  return JSON.stringify([
    formatTag,
    row.sequence,
    row.occurredAt,
    row.actorKind,
    row.actorId,
    row.actorKeyId,
    row.actorIp,
    row.action,
    row.objectType,
    row.objectId,
    row.organizationId,
    row.beforeJson,
    row.afterJson,
    row.requestId,
    row.prevHash,
  ]);
}

export function auditRowHash(row: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditText(row), 'utf8').digest('hex');
}
