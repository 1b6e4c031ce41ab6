// `/user/info` and `/user/list`: users the caller may read (itself, its organisations' or teams'
// users), with the keys and teams of the user the caller may see too.

import type { z } from 'zod';
import { can } from '../../auth/permissions.js';
import { maxPageSize } from '../../store/repositories/page.js';
import { visibilityFor } from './actor-scope.js';
import { badField } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { keyReplyOf } from './key-reply.js';
import { scopedUser, teamTarget } from './object-scope.js';
import { userReplyOf, type userInfoReply, type userListReply } from './user-schemas.js';

export async function userInfo({ app, actor, input }: AdminCall<{ readonly user_id?: string | undefined }>): Promise<z.input<typeof userInfoReply>> {
  const userId = input.user_id ?? actor.userId;
  if (userId === null) throw badField('user_id', 'name the user: the master key is not a user');
  const user = await scopedUser(app, actor, 'user:read', await app.repos.users.get(userId), userId);
  const [keys, teams] = await Promise.all([
    app.repos.virtualKeys.list({ page: 1, pageSize: maxPageSize, userId: user.id, visibleTo: visibilityFor(actor, 'key:read') }),
    app.repos.teams.teamsOfUser(user.id),
  ]);
  return {
    user_id: user.id,
    user_info: userReplyOf(user),
    keys: keys.items.map((key) => keyReplyOf(key)),
    teams: teams
      .filter(({ team }) => can(actor, 'team:read', teamTarget(team)) || user.id === actor.userId)
      .map(({ team, role }) => ({ team_id: team.id, team_alias: team.alias, organization_id: team.organizationId, role })),
  };
}

interface UserListInput {
  readonly page?: number | undefined;
  readonly page_size?: number | undefined;
  readonly user_ids?: readonly string[] | undefined;
  readonly team?: string | undefined;
  readonly organization_id?: string | undefined;
}

export async function listUsers({ app, actor, input }: AdminCall<UserListInput>): Promise<z.input<typeof userListReply>> {
  const page = input.page ?? 1;
  const pageSize = input.page_size ?? 25;
  const found = await app.repos.users.list({
    page,
    pageSize,
    ids: input.user_ids,
    teamIds: input.team === undefined ? undefined : [input.team],
    organizationIds: input.organization_id === undefined ? undefined : [input.organization_id],
    visibleTo: visibilityFor(actor, 'user:read'),
  });
  return { users: found.items.map(userReplyOf), total: found.total, page, page_size: pageSize, total_pages: Math.ceil(found.total / pageSize) };
}
