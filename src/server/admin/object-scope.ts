// The ids `can` needs for one object (a key's organisation is its own, else its team's; a user is
// reachable through each organisation and team it belongs to), the scoped loads that answer
// "not found" for objects outside the caller's reach, and change notifications after commits.

import type { Actor } from '../../auth/actor.js';
import { can, type Permission, type ScopeTarget } from '../../auth/permissions.js';
import type { OrganizationRecord, TeamRecord, UserRecord, VirtualKeyRecord } from '../../store/records.js';
import type { AppContext } from '../app-context.js';
import { notFound } from './admin-errors.js';

export type ChangeTopic = 'key' | 'user' | 'team' | 'organization' | 'model';

/** Tells every instance's caches that these records changed; call only after the change is committed. */
export async function publishChanges(app: AppContext, changes: ReadonlyArray<readonly [ChangeTopic, string]>): Promise<void> {
  for (const [topic, id] of changes) await app.state.bus.publish(topic, id);
}

/** Who made a record, as stored in `createdBy`. */
export function creatorOf(actor: Actor): string | null {
  return actor.userId ?? (actor.principal.kind === 'master' ? 'master_key' : null);
}

export async function keyTarget(app: AppContext, key: Pick<VirtualKeyRecord, 'organizationId' | 'teamId' | 'userId'>): Promise<ScopeTarget> {
  let organizationId = key.organizationId;
  if (organizationId === null && key.teamId !== null) organizationId = (await app.repos.teams.get(key.teamId))?.organizationId ?? null;
  return { organizationId, teamId: key.teamId, userId: key.userId };
}

export function teamTarget(team: TeamRecord): ScopeTarget {
  return { organizationId: team.organizationId, teamId: team.id };
}

export interface UserReach {
  /** The user alone, each of its organisations (directly or through a team) and each of its teams. */
  readonly targets: readonly ScopeTarget[];
  readonly organizationIds: readonly string[];
}

export async function userReach(app: AppContext, userId: string): Promise<UserReach> {
  const [memberships, teams] = await Promise.all([app.repos.users.membershipsOf(userId), app.repos.teams.teamsOfUser(userId)]);
  const organizationIds = new Set(memberships.organizations.map((m) => m.organizationId));
  for (const { team } of teams) if (team.organizationId !== null) organizationIds.add(team.organizationId);
  const targets: ScopeTarget[] = [
    { userId },
    ...[...organizationIds].map((organizationId) => ({ userId, organizationId })),
    ...teams.map(({ team }) => ({ userId, teamId: team.id })),
  ];
  return { targets, organizationIds: [...organizationIds] };
}

export function canReach(actor: Actor, permission: Permission, targets: readonly ScopeTarget[]): boolean {
  return targets.some((target) => can(actor, permission, target));
}

export async function scopedTeam(app: AppContext, actor: Actor, permission: Permission, teamId: string, param = 'team_id'): Promise<TeamRecord> {
  const team = await app.repos.teams.get(teamId);
  if (team === null || !can(actor, permission, teamTarget(team))) throw notFound(`Team "${teamId}"`, param);
  return team;
}

export async function scopedOrganization(
  app: AppContext,
  actor: Actor,
  permission: Permission,
  organizationId: string,
  param = 'organization_id',
): Promise<OrganizationRecord> {
  const organization = await app.repos.organizations.get(organizationId);
  if (organization === null || !can(actor, permission, { organizationId })) throw notFound(`Organization "${organizationId}"`, param);
  return organization;
}

/** The user when the actor may act on it with `permission` through any of its memberships. */
export async function scopedUser(app: AppContext, actor: Actor, permission: Permission, user: UserRecord | null, named: string, param = 'user_id'): Promise<UserRecord> {
  if (user === null || !canReach(actor, permission, (await userReach(app, user.id)).targets)) throw notFound(`User "${named}"`, param);
  return user;
}
