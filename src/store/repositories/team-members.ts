// Who belongs to which team, with which team role: adding (or re-roling), removing and listing
// members, and the teams of one user. Part of the team repository; role checks live in auth.

import type { Selectable } from 'kysely';
import { teamRoles } from '../records.js';
import type { TeamMembershipRecord, TeamRecord, TeamRole, UserRecord } from '../records.js';
import type { TeamMembershipsTable } from '../schema.js';
import type { Store } from '../store.js';
import { withConflictMessages } from './constraint-errors.js';
import { clockOf } from './repository-options.js';
import type { RepositoryOptions } from './repository-options.js';
import { parseOneOf } from './row-values.js';
import { teamFromRow } from './team-rows.js';
import { userFromRow } from './user-rows.js';
import { inList } from './visibility-scope.js';

export interface TeamMember {
  readonly user: UserRecord;
  readonly role: TeamRole;
  readonly joinedAt: string;
}

export interface TeamOfUser {
  readonly team: TeamRecord;
  readonly role: TeamRole;
  readonly joinedAt: string;
}

export interface TeamMembers {
  /** Adds the user, or changes the role of a member (keeping when they joined). */
  addMember(teamId: string, userId: string, role: TeamRole): Promise<TeamMembershipRecord>;
  /** False when the user was not a member. */
  removeMember(teamId: string, userId: string): Promise<boolean>;
  /** Ordered by when they joined, then user id. */
  listMembers(teamId: string): Promise<TeamMember[]>;
  /**
   * The members of each team, ordered as `listMembers` orders them, with an entry (maybe empty) for
   * every id: one query per `teamIdsPerQuery` ids, so listing many teams is not a query per team.
   */
  membersOfTeams(teamIds: readonly string[]): Promise<Map<string, TeamMember[]>>;
  /** Ordered by when they joined, then team id. */
  teamsOfUser(userId: string): Promise<TeamOfUser[]>;
}

const roleColumn = 'team_memberships.role';

/** Bound parameters per query stay well under SQLite's and PostgreSQL's limits (32,766 and 65,535). */
export const teamIdsPerQuery = 1_000;

async function membersOfTeams(store: Store, teamIds: readonly string[]): Promise<Map<string, TeamMember[]>> {
  const members = new Map<string, TeamMember[]>(teamIds.map((id) => [id, []]));
  for (let start = 0; start < teamIds.length; start += teamIdsPerQuery) {
    const rows = await store.db
      .selectFrom('gatehouse_team_memberships as m')
      .innerJoin('gatehouse_users as u', 'u.id', 'm.user_id')
      .selectAll('u')
      .select(['m.team_id as member_team_id', 'm.role as member_role', 'm.created_at as member_since'])
      .where((eb) => inList(eb, 'm.team_id', teamIds.slice(start, start + teamIdsPerQuery)))
      .orderBy('m.created_at')
      .orderBy('m.user_id')
      .execute();
    for (const row of rows) {
      const member = { user: userFromRow(row), role: parseOneOf(row.member_role, teamRoles, roleColumn), joinedAt: row.member_since };
      members.get(row.member_team_id)?.push(member);
    }
  }
  return members;
}

export function teamMembershipFromRow(row: Selectable<TeamMembershipsTable>): TeamMembershipRecord {
  return { teamId: row.team_id, userId: row.user_id, role: parseOneOf(row.role, teamRoles, roleColumn), createdAt: row.created_at };
}

export function createTeamMembers(store: Store, options: RepositoryOptions = {}): TeamMembers {
  const { db } = store;
  const now = clockOf(options);

  return {
    async addMember(teamId, userId, role) {
      const row = await withConflictMessages(
        () =>
          db
            .insertInto('gatehouse_team_memberships')
            .values({ team_id: teamId, user_id: userId, role, created_at: now().toISOString() })
            .onConflict((conflict) => conflict.columns(['team_id', 'user_id']).doUpdateSet({ role }))
            .returningAll()
            .executeTakeFirstOrThrow(),
        { missingReference: 'The team or the user does not exist.' },
      );
      return teamMembershipFromRow(row);
    },
    async removeMember(teamId, userId) {
      const result = await db.deleteFrom('gatehouse_team_memberships').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    listMembers: async (teamId) => (await membersOfTeams(store, [teamId])).get(teamId) ?? [],
    membersOfTeams: (teamIds) => membersOfTeams(store, teamIds),
    async teamsOfUser(userId) {
      const rows = await db
        .selectFrom('gatehouse_team_memberships as m')
        .innerJoin('gatehouse_teams as t', 't.id', 'm.team_id')
        .selectAll('t')
        .select(['m.role as member_role', 'm.created_at as member_since'])
        .where('m.user_id', '=', userId)
        .orderBy('m.created_at')
        .orderBy('m.team_id')
        .execute();
      return rows.map((row) => ({ team: teamFromRow(row), role: parseOneOf(row.member_role, teamRoles, roleColumn), joinedAt: row.member_since }));
    },
  };
}
