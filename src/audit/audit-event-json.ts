// The public shape of one audit row, as `GET /audit`, the JSON-lines export and the CLI print it:
// snake_case fields, `before`/`after` as JSON values, and both hashes so an export can be checked.

import type { AuditRecord } from '../store/repositories/audit-repository.js';

export interface AuditEventJson {
  readonly sequence: number;
  readonly time: string;
  readonly actor_kind: string;
  readonly actor_id: string | null;
  readonly actor_key_id: string | null;
  readonly actor_ip: string | null;
  readonly action: string;
  readonly object_type: string;
  readonly object_id: string | null;
  readonly organization_id: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly request_id: string | null;
  readonly prev_hash: string;
  readonly hash: string;
}

/** Stored JSON text as a value; text that is not JSON (an edited row) is shown as it is. */
function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function auditEventJson(record: AuditRecord): AuditEventJson {
  return {
    sequence: record.sequence,
    time: record.occurredAt,
    actor_kind: record.actorKind,
    actor_id: record.actorId,
    actor_key_id: record.actorKeyId,
    actor_ip: record.actorIp,
    action: record.action,
    object_type: record.objectType,
    object_id: record.objectId,
    organization_id: record.organizationId,
    before: parsed(record.beforeJson),
    after: parsed(record.afterJson),
    request_id: record.requestId,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}
