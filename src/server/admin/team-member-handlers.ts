// `/team/member_add` and `/team/member_delete`: team admins and the admins of the team's
// organisation add users they may reach, set their team role, and remove them.

import type { z } from 'zod';
import type { TeamMembershipRecord, TeamRole } from '../../store/records.js';
import { audited } from './admin-audit.js';
import { notFound } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { memberUser, membersOf, userByName, type MemberName } from './member-users.js';
import { publishChanges, scopedTeam } from './object-scope.js';
import { teamReplyOf, type teamMemberAddReply, type TeamReply } from './team-schemas.js';
import { userReplyOf } from './user-schemas.js';

type TeamMemberInput = MemberName & { readonly role?: TeamRole | undefined };

type AddInput = { readonly team_id: string; readonly member: TeamMemberInput | readonly TeamMemberInput[] };

export async function addTeamMembers(call: AdminCall<AddInput>): Promise<z.input<typeof teamMemberAddReply>> {
  const { app, actor, input } = call;
  const team = await scopedTeam(app, actor, 'team:members', input.team_id);
  const members = membersOf(input.member);
  const users = await Promise.all(members.map((m, i) => memberUser(app, actor, { ...m, organizationId: team.organizationId, param: `member[${i}]` })));
  const memberships = await audited(call, async (repos) => {
    const added: TeamMembershipRecord[] = [];
    for (const [i, user] of users.entries()) added.push(await repos.teams.addMember(team.id, user.id, members[i]?.role ?? 'user'));
    return { result: added, events: added.map((after) => ({ action: 'team.member_add' as const, objectId: team.id, organizationId: team.organizationId, after })) };
  });
  await publishChanges(app, [['team', team.id], ...users.map((u) => ['user', u.id] as const)]);
  return {
    ...teamReplyOf(team, await app.repos.teams.listMembers(team.id)),
    updated_users: users.map(userReplyOf),
    updated_team_memberships: memberships.map((m) => ({ team_id: m.teamId, user_id: m.userId, role: m.role, created_at: m.createdAt })),
  };
}

export async function deleteTeamMember(call: AdminCall<{ readonly team_id: string } & MemberName>): Promise<TeamReply> {
  const { app, actor, input } = call;
  const team = await scopedTeam(app, actor, 'team:members', input.team_id);
  const { user, named } = await userByName(app, input);
  const removed = user !== null && (await audited(call, async (repos) => {
    const done = await repos.teams.removeMember(team.id, user.id);
    const before = { teamId: team.id, userId: user.id };
    return { result: done, events: done ? [{ action: 'team.member_remove' as const, objectId: team.id, organizationId: team.organizationId, before }] : [] };
  }));
  if (user === null || !removed) throw notFound(`Member "${named}" of team "${team.id}"`, 'user_id');
  await publishChanges(app, [['team', team.id], ['user', user.id]]);
  return teamReplyOf(team, await app.repos.teams.listMembers(team.id));
}
