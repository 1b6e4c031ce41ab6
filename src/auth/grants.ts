// Grant checks for the management API: may this actor create (or change) this key, give this user
// this role, or give a key or team this IP allowlist? Each returns every problem found, empty when the
// grant is within the actor's reach. Persisting the change and auditing it are the callers' concerns.

import { parseIpRange, wordMask, type IpRange } from '../config/ip-range.js';
import type { UserRecord, UserRole, VirtualKeyRecord } from '../store/records.js';
import type { Actor } from './actor.js';
import { can, rolePermissions, roleScopes, type Permission, type RoleScope } from './permissions.js';
import { checkScopeGrant, type GrantProblem, type ScopeRequest } from './scope-grant.js';

export type { GrantProblem } from './scope-grant.js';

/** The key as it would be after the change: its owners and its scope. */
export type KeyGrantRequest = ScopeRequest &
  Pick<VirtualKeyRecord, 'userId' | 'teamId' | 'organizationId' | 'models' | 'allowedRegions' | 'allowedRoutes' | 'allowedIps' | 'expiresAt'> & {
    /** The allowlist of the key's team, which binds the key too; left out, only the key's own list counts. */
    readonly teamAllowedIps?: readonly string[] | null;
    /** Likewise the allowlist of the key's user. */
    readonly userAllowedIps?: readonly string[] | null;
  };

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
  return [
    ...ownershipProblems(actor, requested, permission),
    ...checkScopeGrant(actor, requested),
    ...checkIpAllowlistGrant(actor, [requested.allowedIps, requested.teamAllowedIps ?? null, requested.userAllowedIps ?? null]),
  ];
}

function rangesOf(entries: readonly string[]): IpRange[] {
  return entries.flatMap((entry) => {
    const range = parseIpRange(entry.trim());
    return typeof range === 'string' ? [] : [range];
  });
}

/** True when every address of `inner` is in `outer` (a bound's ranges never carry host bits). */
function rangeWithin(inner: IpRange, outer: IpRange): boolean {
  if (inner.family !== outer.family || inner.prefix < outer.prefix) return false;
  return outer.words.every((word, index) => (((inner.words[index] ?? 0) & wordMask(outer.prefix, index)) >>> 0) === word);
}

/** Every entry parses and lies inside one range of `bound` (entries spanning two adjacent ranges do not). */
function listWithin(list: readonly string[], bound: readonly IpRange[]): boolean {
  const ranges = rangesOf(list);
  return ranges.length === list.length && ranges.every((range) => bound.some((outer) => rangeWithin(range, outer)));
}

/**
 * Problems with an object whose requests will be admitted only from addresses in every one of
 * `lists` (null: no restriction of that list's own), e.g. a key's list, its team's and its user's:
 * each allowlist binding the actor (its key's, its team's, its user's) must contain one of them.
 */
export function checkIpAllowlistGrant(actor: Actor, lists: ReadonlyArray<readonly string[] | null>): GrantProblem[] {
  const principal = actor.principal;
  if (principal.kind === 'master') return [];
  const bounds: Array<readonly [string, readonly string[] | null]> = [
    ['your key', principal.key.allowedIps],
    ['your team', principal.team?.allowedIps ?? null],
    ['your user', principal.user?.allowedIps ?? null],
  ];
  const problems: GrantProblem[] = [];
  for (const [name, own] of bounds) {
    if (own === null) continue;
    const bound = rangesOf(own);
    if (lists.some((list) => list !== null && listWithin(list, bound))) continue;
    const first = lists[0] ?? null;
    const wider = first === null ? [] : first.filter((entry) => !listWithin([entry], bound));
    const message = wider.length === 0 ? 'must be set, within the allowlist of' : `${wider.join(', ')} goes beyond the allowlist of`;
    problems.push({ field: 'allowedIps', message: `${message} ${name} (${own.join(', ')})` });
  }
  return problems;
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
