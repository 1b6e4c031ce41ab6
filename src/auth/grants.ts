// Grant checks for the management API: may this actor create (or change) this key, and may it give
// this user this role? Each returns every problem found, empty when the grant is within the actor's
// reach. Persisting the change and auditing it are the callers' concerns.

import type { UserRecord, UserRole, VirtualKeyRecord } from '../store/records.js';
import type { Actor } from './actor.js';
import { can, rolePermissions, roleScopes, type Permission, type RoleScope } from './permissions.js';
import { checkScopeGrant, type GrantProblem, type ScopeRequest } from './scope-grant.js';

export type { GrantProblem } from './scope-grant.js';

/** The key as it would be after the change: its owners and its scope. */
export type KeyGrantRequest = ScopeRequest &
  Pick<VirtualKeyRecord, 'userId' | 'teamId' | 'organizationId' | 'models' | 'allowedRegions' | 'allowedRoutes' | 'expiresAt'>;

export type KeyGrantPermission = Extract<Permission, 'key:create' | 'key:update' | 'key:regenerate'>;

function ownershipProblems(actor: Actor, requested: KeyGrantRequest, permission: KeyGrantPermission): GrantProblem[] {
  const { userId, teamId, organizationId } = requested;
  // Admin rights over the key's team or organisation, regardless of whose key it is.
  const asAdmin = can(actor, permission, { organizationId, teamId });
  if (teamId !== null && !asAdmin) {
    return [{ field: 'teamId', message: 'only admins of the team, of its organization or of the platform may manage team keys' }];
  }
  if (userId !== actor.userId && !asAdmin) {
    return [{ field: 'userId', message: 'only admins may manage keys of other users or keys without a user' }];
  }
  if (!asAdmin && !can(actor, permission, { organizationId, userId })) {
    return [{ field: 'userId', message: `your role may not ${permission.replace('key:', '')} keys` }];
  }
  if (organizationId !== null && !asAdmin && !actor.organizations.some((m) => m.organizationId === organizationId)) {
    return [{ field: 'organizationId', message: 'a key may only belong to an organization you are a member of' }];
  }
  return [];
}

/**
 * Problems with creating (or updating, regenerating) a key shaped like `requested`: who it is for,
 * and whether its scope stays within the actor's own. Empty when the grant may go ahead.
 */
export function checkKeyGrant(actor: Actor, requested: KeyGrantRequest, permission: KeyGrantPermission = 'key:create'): GrantProblem[] {
  return [...ownershipProblems(actor, requested, permission), ...checkScopeGrant(actor, requested)];
}

const scopeRank = { own: 0, organization: 1, global: 2 } as const satisfies Record<RoleScope, number>;
const platformAdminRoles: readonly UserRole[] = ['proxy_admin', 'proxy_admin_viewer'];

/** True when `to` grants nothing `from` does not, and no wider scope. */
export function isNarrowingRole(from: UserRole, to: UserRole): boolean {
  const granted: readonly Permission[] = rolePermissions[from];
  return scopeRank[roleScopes[to]] <= scopeRank[roleScopes[from]] && rolePermissions[to].every((p) => granted.includes(p));
}

/** The user whose role would change, with the organisations they belong to. */
export interface RoleChangeTarget extends Pick<UserRecord, 'id' | 'role'> {
  readonly organizationIds: readonly string[];
}

/**
 * Problems with giving `target` the platform role `newRole`: nobody raises their own role; only a
 * proxy admin grants, or takes away, proxy_admin or proxy_admin_viewer; an organisation admin
 * assigns organisation-level roles to users of the organisations they administer, and only those.
 */
export function checkRoleChange(actor: Actor, target: RoleChangeTarget, newRole: UserRole): GrantProblem[] {
  if (target.role === newRole) return [];
  const problems: GrantProblem[] = [];
  if (actor.userId === target.id && !isNarrowingRole(target.role, newRole)) {
    problems.push({ field: 'role', message: 'nobody may raise their own role' });
  }
  if (actor.role === 'proxy_admin') return problems;
  if (platformAdminRoles.includes(newRole) || platformAdminRoles.includes(target.role)) {
    problems.push({ field: 'role', message: 'only a proxy admin may grant or change proxy_admin and proxy_admin_viewer' });
    return problems;
  }
  const inOrganizations = target.organizationIds.length > 0 &&
    target.organizationIds.every((organizationId) => can(actor, 'user:update', { organizationId }));
  if (!inOrganizations) {
    problems.push({ field: 'role', message: 'roles may only be assigned by admins of every organization the user belongs to' });
  }
  return problems;
}
