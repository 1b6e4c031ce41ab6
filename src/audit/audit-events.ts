// The closed list of audit actions, the object type each one acts on, and the shape of one event
// as callers hand it to `appendAuditEvent`. Writing, hashing and redacting live in their own files.
// PERSISTED: actions, object types and actor kinds are stored in audit rows and hashed into the
// chain. Add new members; never rename, remove or repurpose one (old rows must keep their meaning).

export const auditObjectTypes = [
  'key', 'user', 'team', 'organization', 'model', 'config', 'master_key', 'route', 'audit_log', 'usage_records',
] as const;
export type AuditObjectType = (typeof auditObjectTypes)[number];

/** Every action and the type of object it names; the compiler keeps the table exhaustive. */
export const auditActionObjectTypes = {
  'key.create': 'key',
  'key.update': 'key',
  'key.delete': 'key',
  'key.block': 'key',
  'key.unblock': 'key',
  'key.regenerate': 'key',
  'user.create': 'user',
  'user.update': 'user',
  'user.delete': 'user',
  'user.block': 'user',
  'user.unblock': 'user',
  /** The user's platform role changed. */
  'user.role_change': 'user',
  'team.create': 'team',
  'team.update': 'team',
  'team.delete': 'team',
  'team.block': 'team',
  'team.unblock': 'team',
  'team.member_add': 'team',
  'team.member_remove': 'team',
  'team.member_role_change': 'team',
  'organization.create': 'organization',
  'organization.update': 'organization',
  'organization.delete': 'organization',
  'organization.block': 'organization',
  'organization.unblock': 'organization',
  'organization.member_add': 'organization',
  'organization.member_remove': 'organization',
  'organization.member_role_change': 'organization',
  'model.create': 'model',
  'model.update': 'model',
  'model.delete': 'model',
  /** Static or stored configuration changed (reload, settings written through the API). */
  'config.update': 'config',
  /** Secrets at rest re-encrypted under a new master key. */
  'master_key.rotate': 'master_key',
  /** The master key authenticated a request to an administrative route (object: the route). */
  'auth.master_key_used': 'route',
  /** A request to an administrative route failed authentication (object: the route). */
  'auth.failed': 'route',
  /** Retention deleted old audit rows; `after` records the new anchor of the chain. */
  'audit.retention_purge': 'audit_log',
  /** Retention deleted old usage records (daily aggregates are kept). */
  'usage.retention_purge': 'usage_records',
} as const satisfies Record<string, AuditObjectType>;

export type AuditAction = keyof typeof auditActionObjectTypes;

export const auditActions = Object.freeze(Object.keys(auditActionObjectTypes)) as readonly AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditActionObjectTypes, value);
}

export function objectTypeOf(action: AuditAction): AuditObjectType {
  return auditActionObjectTypes[action];
}

/**
 * Who acted: the master key, a user (through a key or a console session), a key without a user,
 * Gatehouse itself (retention), or nobody known (a failed authentication). Ids, never secrets.
 */
export const auditActorKinds = ['master', 'user', 'key', 'system', 'anonymous'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

export interface AuditActor {
  readonly kind: AuditActorKind;
  /** The user's or key's id; null for the master key and anonymous callers; the job name for `system`. */
  readonly id: string | null;
  /** The virtual key a user acted through, when there was one. */
  readonly keyId?: string | null | undefined;
}

/** One event as a caller describes it; the time, sequence and hashes are added when it is written. */
export interface AuditEvent {
  readonly action: AuditAction;
  readonly actor: AuditActor;
  readonly objectId: string | null;
  /** The organisation the object belongs to, so organisation admins can be shown their rows. */
  readonly organizationId?: string | null | undefined;
  readonly actorIp?: string | null | undefined;
  /** The object before the change (any JSON value); secret fields are fingerprinted on write. */
  readonly before?: unknown;
  readonly after?: unknown;
  readonly requestId?: string | null | undefined;
  /** When it happened; the append time when absent. */
  readonly at?: Date | undefined;
}
