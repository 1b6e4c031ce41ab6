// Who is calling, as every handler sees it after authentication: a closed union on `kind`, the
// master key or a virtual key with the user, team and organisation it belongs to.
// What a principal may do is decided by permissions.ts, model-access.ts and route-access.ts.

import type { OrganizationRecord, TeamRecord, TeamRole, UserRecord, UserRole, VirtualKeyRecord } from '../store/records.js';

/** The holder of the master key: the platform administrator. */
export interface MasterPrincipal {
  readonly kind: 'master';
}

/** A virtual key, resolved with the records its scope depends on (null when it has none). */
export interface VirtualKeyPrincipal {
  readonly kind: 'virtual-key';
  readonly key: VirtualKeyRecord;
  readonly user: UserRecord | null;
  readonly team: TeamRecord | null;
  readonly organization: OrganizationRecord | null;
  /** The key's user's role in the key's team; null without a team, a user or a membership. */
  readonly teamRole: TeamRole | null;
}

export type Principal = MasterPrincipal | VirtualKeyPrincipal;

export type PrincipalKind = Principal['kind'];

/** The one master principal: authentication hands out this object, never a new one. */
export const masterPrincipal: MasterPrincipal = Object.freeze({ kind: 'master' });

/**
 * The platform role the principal acts with: the master key is `proxy_admin`; a key acts as its
 * user. A key without a user has no role: it may only call LLM routes.
 */
export function effectiveRole(principal: Principal): UserRole | null {
  switch (principal.kind) {
    case 'master':
      return 'proxy_admin';
    case 'virtual-key':
      return principal.user?.role ?? null;
  }
}

/** The user id the principal acts for; null for the master key and for keys without a user. */
export function principalUserId(principal: Principal): string | null {
  return principal.kind === 'virtual-key' ? principal.user?.id ?? null : null;
}
