// `/team/new`, `/team/update` and `/team/delete`. Teams are made inside organisations the caller
// administers; their models, budgets, limits and regions stay within the caller's own scope.

import type { z } from 'zod';
import type { Actor } from '../../auth/actor.js';
import { can } from '../../auth/permissions.js';
import { checkScopeGrant } from '../../auth/scope-grant.js';
import type { AppContext } from '../app-context.js';
import { forbiddenField, notFound, refuseGrant, storeWrite } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { scopeRequestOf, tenancyPatchOf, type TenancyInput } from './field-schemas.js';
import { memberUser } from './member-users.js';
import { deleteEach, publishChanges, scopedTeam } from './object-scope.js';
import { teamReplyOf, type teamUpdateReply, type TeamNewInput, type TeamReply, type TeamUpdateInput } from './team-schemas.js';

/** Teams may be placed only in organisations where the caller may create teams, and which exist. */
async function checkPlacement(app: AppContext, actor: Actor, organizationId: string | null): Promise<void> {
  if (!can(actor, 'team:create', { organizationId })) {
    throw forbiddenField('organization_id', organizationId === null ? 'name an organization you administer' : 'you may not place teams in this organization');
  }
  if (organizationId !== null && (await app.repos.organizations.get(organizationId)) === null) {
    throw notFound(`Organization "${organizationId}"`, 'organization_id');
  }
}

function teamPatchOf(input: TenancyInput & { readonly team_alias?: string | null | undefined; readonly organization_id?: string | null | undefined }) {
  return { ...tenancyPatchOf(input), alias: input.team_alias, organizationId: input.organization_id };
}

export async function newTeam({ app, actor, input }: AdminCall<TeamNewInput>): Promise<TeamReply> {
  const organizationId = input.organization_id ?? null;
  await checkPlacement(app, actor, organizationId);
  refuseGrant(checkScopeGrant(actor, scopeRequestOf(input, null, true)));
  const members = input.members_with_roles ?? [];
  const users = await Promise.all(members.map((m, i) => memberUser(app, actor, { ...m, organizationId, param: `members_with_roles[${i}]` })));
  const team = await storeWrite(() => app.repos.teams.create({ ...teamPatchOf(input), id: input.team_id }));
  for (const [i, user] of users.entries()) await app.repos.teams.addMember(team.id, user.id, members[i]?.role ?? 'user');
  await publishChanges(app, [['team', team.id]]);
  return teamReplyOf(team, await app.repos.teams.listMembers(team.id));
}

export async function updateTeam({ app, actor, input }: AdminCall<TeamUpdateInput>): Promise<z.input<typeof teamUpdateReply>> {
  const team = await scopedTeam(app, actor, 'team:update', input.team_id);
  if (input.organization_id !== undefined && input.organization_id !== team.organizationId) await checkPlacement(app, actor, input.organization_id);
  refuseGrant(checkScopeGrant(actor, scopeRequestOf(input, team, true)));
  const updated = await storeWrite(() => app.repos.teams.update(team.id, teamPatchOf(input)));
  if (updated === null) throw notFound(`Team "${team.id}"`, 'team_id');
  await publishChanges(app, [['team', team.id]]);
  return { team_id: updated.id, data: teamReplyOf(updated, await app.repos.teams.listMembers(team.id)) };
}

export async function deleteTeams({ app, actor, input }: AdminCall<{ readonly team_ids: readonly string[] }>): Promise<{ deleted_teams: string[] }> {
  for (const [i, teamId] of input.team_ids.entries()) await scopedTeam(app, actor, 'team:delete', teamId, `team_ids[${i}]`);
  const deleted = await deleteEach(app, 'team', input.team_ids, (id) => app.repos.teams.delete(id));
  return { deleted_teams: deleted };
}
