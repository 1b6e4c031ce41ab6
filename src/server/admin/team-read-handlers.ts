// `/team/info` and `/team/list`: teams the caller may read, with their members and the keys of the
// team the caller may see. LiteLLM answers `/team/list` with every matching team at once; their
// members are loaded together, not with a query per team.

import type { z } from 'zod';
import type { TeamRecord } from '../../store/records.js';
import { maxPageSize } from '../../store/repositories/page.js';
import type { TeamListQuery } from '../../store/repositories/team-repository.js';
import type { AppContext } from '../app-context.js';
import { visibilityFor } from './actor-scope.js';
import type { AdminCall } from './define-admin-route.js';
import { keyReplyOf } from './key-reply.js';
import { scopedTeam } from './object-scope.js';
import { teamReplyOf, type teamInfoReply, type TeamReply } from './team-schemas.js';

export async function teamInfo({ app, actor, input }: AdminCall<{ readonly team_id: string }>): Promise<z.input<typeof teamInfoReply>> {
  const team = await scopedTeam(app, actor, 'team:read', input.team_id);
  const [members, keys] = await Promise.all([
    app.repos.teams.listMembers(team.id),
    app.repos.virtualKeys.list({ page: 1, pageSize: maxPageSize, teamId: team.id, visibleTo: visibilityFor(actor, 'key:read') }),
  ]);
  return {
    team_id: team.id,
    team_info: teamReplyOf(team, members),
    keys: keys.items.map((key) => keyReplyOf(key)),
    team_memberships: members.map((m) => ({ team_id: team.id, user_id: m.user.id, role: m.role, created_at: m.joinedAt })),
  };
}

/** Every team matching the query, page after page. */
export async function allTeams(app: AppContext, query: Omit<TeamListQuery, 'page' | 'pageSize'>): Promise<TeamRecord[]> {
  const teams: TeamRecord[] = [];
  for (let page = 1; ; page += 1) {
    const found = await app.repos.teams.list({ ...query, page, pageSize: maxPageSize });
    teams.push(...found.items);
    if (found.items.length < maxPageSize) return teams;
  }
}

export async function listTeams({ app, actor, input }: AdminCall<{ readonly user_id?: string | undefined; readonly organization_id?: string | undefined }>): Promise<TeamReply[]> {
  const ids = input.user_id === undefined ? undefined : (await app.repos.teams.teamsOfUser(input.user_id)).map((t) => t.team.id);
  const teams = await allTeams(app, {
    ids,
    organizationIds: input.organization_id === undefined ? undefined : [input.organization_id],
    visibleTo: visibilityFor(actor, 'team:read'),
  });
  const members = await app.repos.teams.membersOfTeams(teams.map((team) => team.id));
  return teams.map((team) => teamReplyOf(team, members.get(team.id) ?? []));
}
