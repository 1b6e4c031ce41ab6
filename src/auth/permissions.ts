// The closed list of permissions, what each platform and team role grants, and the one function
// that answers every check, `can`, scoped to the object's organisation, team and user.
// Persisted in effect (docs, admin routes): add permissions, never repurpose one.

import type { TeamRole, UserRole } from '../store/records.js';
import { administeredOrganizationIds, type Actor } from './actor.js';

export const permissions = [
  'llm:call',
  'key:create', 'key:read', 'key:update', 'key:delete', 'key:regenerate', 'key:block',
  'user:create', 'user:read', 'user:update', 'user:delete',
  'team:create', 'team:read', 'team:update', 'team:delete', 'team:members',
  'organization:create', 'organization:read', 'organization:update', 'organization:delete', 'organization:members',
  'model:create', 'model:read', 'model:update', 'model:delete',
  'spend:read',
  'audit:read',
] as const;
export type Permission = (typeof permissions)[number];

/** Where a role's permissions apply: everywhere, in the organisations it administers, or to its own objects. */
export type RoleScope = 'global' | 'organization' | 'own';

export const roleScopes = {
  proxy_admin: 'global',
  proxy_admin_viewer: 'global',
  org_admin: 'organization',
  internal_user: 'own',
  internal_user_viewer: 'own',
} as const satisfies Record<UserRole, RoleScope>;

const ownKeys = ['key:create', 'key:read', 'key:update', 'key:delete', 'key:regenerate'] as const;

export const rolePermissions = {
  proxy_admin: permissions,
  proxy_admin_viewer: ['llm:call', 'model:read', 'key:read', 'user:read', 'team:read', 'organization:read', 'spend:read', 'audit:read'],
  org_admin: [
    'llm:call', 'model:read', ...ownKeys, 'key:block', 'user:create', 'user:read', 'user:update',
    'team:create', 'team:read', 'team:update', 'team:delete', 'team:members', 'organization:read', 'organization:members', 'spend:read',
    'audit:read',
  ],
  internal_user: ['llm:call', 'model:read', ...ownKeys, 'user:read', 'spend:read'],
  internal_user_viewer: ['llm:call', 'model:read', 'key:read', 'user:read', 'spend:read'],
} as const satisfies Record<UserRole, readonly Permission[]>;

/** Viewers stay read-only whatever their memberships say (a viewer who is a team admin reads the team). */
export const readOnlyRoles = ['proxy_admin_viewer', 'internal_user_viewer'] as const satisfies readonly UserRole[];

/** Granted on the objects of the team where the actor holds the role. */
export const teamRolePermissions = {
  admin: [...ownKeys, 'key:block', 'user:read', 'team:read', 'team:members', 'spend:read'],
  user: ['team:read'],
} as const satisfies Record<TeamRole, readonly Permission[]>;

/** Granted to every member on their own organisation. */
export const organizationMemberPermissions = ['organization:read'] as const satisfies readonly Permission[];

/** Not about one object: granted wherever the role lists them. */
export const unscopedPermissions = ['llm:call', 'model:read'] as const satisfies readonly Permission[];

/** What an organisation administrator may do with its own objects outside its organisations. */
const ownPermissionsOfOrgAdmin: readonly Permission[] = rolePermissions.internal_user;

/**
 * The object acted on, named by its own ids: a key's organisation (its own, else its team's),
 * team and user; a team's organisation and id; a user's id and the organisation acted in.
 * Nothing named means a platform-wide action, which only global roles may take.
 */
export interface ScopeTarget {
  readonly organizationId?: string | null;
  readonly teamId?: string | null;
  readonly userId?: string | null;
}

function listed<T extends string>(list: readonly T[], item: T): boolean {
  return list.includes(item);
}

const readOnly: readonly UserRole[] = readOnlyRoles;

/** The actor's own object; creating a team-bound key is a team matter even for one's own key. */
function isOwn(actor: Actor, permission: Permission, target: ScopeTarget): boolean {
  if (actor.userId === null || target.userId !== actor.userId) return false;
  return !(permission === 'key:create' && (target.teamId ?? null) !== null);
}

function grantedByMembership(actor: Actor, permission: Permission, target: ScopeTarget): boolean {
  const organizationId = target.organizationId ?? null;
  const teamId = target.teamId ?? null;
  const team = teamId === null ? undefined : actor.teams.find((m) => m.teamId === teamId);
  if (team !== undefined && listed(teamRolePermissions[team.role], permission)) return true;
  if (organizationId === null || !listed(organizationMemberPermissions, permission)) return false;
  return actor.organizations.some((m) => m.organizationId === organizationId);
}

/** The one permission check: may `actor` do `permission` on `target`? */
export function can(actor: Actor, permission: Permission, target: ScopeTarget = {}): boolean {
  const role = actor.role;
  // A key without a user: LLM calls only.
  if (role === null) return permission === 'llm:call';
  if (listed(readOnly, role) && !permission.endsWith(':read') && permission !== 'llm:call') return false;
  const granted: readonly Permission[] = rolePermissions[role];
  const scope: RoleScope = roleScopes[role];
  if (scope === 'global' || listed(unscopedPermissions, permission)) return listed(granted, permission);
  const ownGranted = scope === 'organization' ? ownPermissionsOfOrgAdmin : granted;
  if (isOwn(actor, permission, target) && listed(ownGranted, permission)) return true;
  const organizationId = target.organizationId ?? null;
  if (scope === 'organization' && organizationId !== null && listed(granted, permission)) {
    if (administeredOrganizationIds(actor).has(organizationId)) return true;
  }
  return grantedByMembership(actor, permission, target);
}
