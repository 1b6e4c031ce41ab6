// What an actor may reach with one permission, in the terms listings filter by: everywhere (global
// roles), or the organisations, teams and users where `can` would grant it. Mirrors permissions.ts;
// single objects are still checked with `can` by the handlers.

import { administeredOrganizationIds, type Actor } from '../../auth/actor.js';
import {
  organizationMemberPermissions,
  readOnlyRoles,
  rolePermissions,
  roleScopes,
  teamRolePermissions,
  type Permission,
} from '../../auth/permissions.js';
import type { UserRole } from '../../store/records.js';
import type { VisibilityScope } from '../../store/repositories/visibility-scope.js';

function listed(list: readonly Permission[], permission: Permission): boolean {
  return list.includes(permission);
}

const readOnly: readonly UserRole[] = readOnlyRoles;

/** Permissions an actor holds on its own objects (an organisation admin acts as an internal user there). */
function ownPermissions(role: UserRole): readonly Permission[] {
  return roleScopes[role] === 'organization' ? rolePermissions.internal_user : rolePermissions[role];
}

/**
 * False when no object could ever let this actor use the permission: its role, team roles and
 * organisation memberships all lack it. Such requests get 403 before any object is looked at.
 */
export function mayEverHold(actor: Actor, permission: Permission): boolean {
  const role = actor.role;
  if (role === null) return permission === 'llm:call';
  if (readOnly.includes(role) && !permission.endsWith(':read') && permission !== 'llm:call') return false;
  if (listed(rolePermissions[role], permission)) return true;
  if (roleScopes[role] === 'global') return false;
  if (actor.teams.some((m) => listed(teamRolePermissions[m.role], permission))) return true;
  return actor.organizations.length > 0 && listed(organizationMemberPermissions, permission);
}

/** Undefined: no restriction (a global role). Otherwise only rows in the listed scope are visible. */
export function visibilityFor(actor: Actor, permission: Permission): VisibilityScope | undefined {
  const role = actor.role;
  if (role === null || !mayEverHold(actor, permission)) return {};
  if (roleScopes[role] === 'global') return undefined;
  const organizationIds = new Set<string>();
  if (roleScopes[role] === 'organization' && listed(rolePermissions[role], permission)) {
    for (const id of administeredOrganizationIds(actor)) organizationIds.add(id);
  }
  if (listed(organizationMemberPermissions, permission)) {
    for (const m of actor.organizations) organizationIds.add(m.organizationId);
  }
  const teamIds = actor.teams.filter((m) => listed(teamRolePermissions[m.role], permission)).map((m) => m.teamId);
  const userIds = actor.userId !== null && listed(ownPermissions(role), permission) ? [actor.userId] : [];
  return { organizationIds: [...organizationIds], teamIds, userIds };
}

/** Organisation ids of a scope for repositories that filter by organisation only; undefined = all. */
export function organizationIdsOf(scope: VisibilityScope | undefined): readonly string[] | undefined {
  return scope === undefined ? undefined : scope.organizationIds ?? [];
}
