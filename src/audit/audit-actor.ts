// The audit actor of an authenticated caller: the master key, the user a key acts for (with the
// key's id), or a key without a user. Takes the principal's shape, not auth's type, so audit/
// stays below auth/; what the caller may do is not decided here.

import type { AuditActor } from './audit-events.js';

/** Structurally auth's Principal: the master key, or a virtual key with its user (if any). */
export type AuditPrincipal =
  | { readonly kind: 'master' }
  | { readonly kind: 'virtual-key'; readonly key: { readonly id: string }; readonly user: { readonly id: string } | null };

export function auditActorOf(principal: AuditPrincipal): AuditActor {
  if (principal.kind === 'master') return { kind: 'master', id: null };
  if (principal.user === null) return { kind: 'key', id: principal.key.id };
  return { kind: 'user', id: principal.user.id, keyId: principal.key.id };
}

/** The actor of work Gatehouse does by itself, such as the retention job. */
export function systemActor(job: string): AuditActor {
  return { kind: 'system', id: job };
}

/** The actor of a request that did not authenticate. */
export const anonymousActor: AuditActor = Object.freeze({ kind: 'anonymous', id: null });
