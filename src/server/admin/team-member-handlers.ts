// `/team/member_add` and `/team/member_delete`: team admins and the admins of the team's
// organisation add users they may reach, set their team role, and remove them.

import type { z } from 'zod';
import type { TeamRole } from '../../store/records.js';
import { notFound } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { memberUser, membersOf, userByName, type MemberName } from './member-users.js';
import { publishChanges, scopedTeam } from './object-scope.js';
import { teamReplyOf, type teamMemberAddReply, type TeamReply } from './team-schemas.js';
import { userReplyOf } from './user-schemas.js';

type TeamMemberInput = MemberName & { readonly role?: TeamRole | undefined };

export async function addTeamMembers({ app, actor, input }: AdminCall<{
  readonly team_id: string;
  readonly member: TeamMemberInput | readonly TeamMemberInput[];
}>): Promise<z.input<typeof teamMemberAddReply>> {
  const team = await scopedTeam(app, actor, 'team:members', input.team_id);
  const members = membersOf(input.member);
  const users = await Promise.all(members.map((m, i) => memberUser(app, actor, { ...m, organizationId: team.organizationId, param: `member[${i}]` })));
  const memberships = [];
  for (const [i, user] of users.entries()) memberships.push(await app.repos.teams.addMember(team.id, user.id, members[i]?.role ?? 'user'));
  await publishChanges(app, [['team', team.id], ...users.map((u) => ['user', u.id] as const)]);
  return {
    ...teamReplyOf(team, await app.repos.teams.listMembers(team.id)),
    updated_users: users.map(userReplyOf),
    updated_team_memberships: memberships.map((m) => ({ team_id: m.teamId, user_id: m.userId, role: m.role, created_at: m.createdAt })),
  };
}

export async function deleteTeamMember({ app, actor, input }: AdminCall<{ readonly team_id: string } & MemberName>): Promise<TeamReply> {
  const team = await scopedTeam(app, actor, 'team:members', input.team_id);
  const { user, named } = await userByName(app, input);
  if (user === null || !(await app.repos.teams.removeMember(team.id, user.id))) throw notFound(`Member "${named}" of team "${team.id}"`, 'user_id');
  await publishChanges(app, [['team', team.id], ['user', user.id]]);
  return teamReplyOf(team, await app.repos.teams.listMembers(team.id));
}
