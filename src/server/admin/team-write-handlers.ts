// `/team/new`, `/team/update` and `/team/delete`. Teams are made inside organisations the caller
// administers; their models, budgets, limits, regions and IP allowlist stay within the caller's own.

import type { z } from 'zod';
import type { Actor } from '../../auth/actor.js';
import { checkIpAllowlistGrant } from '../../auth/grants.js';
import { can } from '../../auth/permissions.js';
import { checkScopeGrant } from '../../auth/scope-grant.js';
import type { TeamRecord } from '../../store/records.js';
import type { AppContext } from '../app-context.js';
import { audited, deleteAudited, type ChangeEvent, type Doomed } from './admin-audit.js';
import { forbiddenField, notFound, refuseGrant } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { after, scopeRequestOf, tenancyPatchOf, type TenancyInput } from './field-schemas.js';
import { memberUser } from './member-users.js';
import { publishChanges, scopedTeam } from './object-scope.js';
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

type TeamInput = TenancyInput & {
  readonly team_alias?: string | null | undefined;
  readonly organization_id?: string | null | undefined;
  readonly allowed_ips?: string[] | null | undefined;
};

function teamPatchOf(input: TeamInput) {
  return { ...tenancyPatchOf(input), alias: input.team_alias, organizationId: input.organization_id, allowedIps: input.allowed_ips };
}

/** 403 naming the field when the team would reach beyond the actor's own scope or allowlists. */
function checkTeamScope(actor: Actor, input: TeamInput, current: TeamRecord | null): void {
  const allowedIps = after(input.allowed_ips, current?.allowedIps ?? null);
  refuseGrant([...checkScopeGrant(actor, scopeRequestOf(input, current, true)), ...checkIpAllowlistGrant(actor, [allowedIps])]);
}

export async function newTeam(call: AdminCall<TeamNewInput>): Promise<TeamReply> {
  const { app, actor, input } = call;
  const organizationId = input.organization_id ?? null;
  await checkPlacement(app, actor, organizationId);
  checkTeamScope(actor, input, null);
  const members = input.members_with_roles ?? [];
  const users = await Promise.all(members.map((m, i) => memberUser(app, actor, { ...m, organizationId, param: `members_with_roles[${i}]` })));
  const team = await audited(call, async (repos) => {
    const created = await repos.teams.create({ ...teamPatchOf(input), id: input.team_id });
    const events: ChangeEvent[] = [{ action: 'team.create', objectId: created.id, organizationId, after: created }];
    for (const [i, user] of users.entries()) {
      const membership = await repos.teams.addMember(created.id, user.id, members[i]?.role ?? 'user');
      events.push({ action: 'team.member_add', objectId: created.id, organizationId, after: membership });
    }
    return { result: created, events };
  });
  await publishChanges(app, [['team', team.id]]);
  return teamReplyOf(team, await app.repos.teams.listMembers(team.id));
}

export async function updateTeam(call: AdminCall<TeamUpdateInput>): Promise<z.input<typeof teamUpdateReply>> {
  const { app, actor, input } = call;
  const team = await scopedTeam(app, actor, 'team:update', input.team_id);
  if (input.organization_id !== undefined && input.organization_id !== team.organizationId) await checkPlacement(app, actor, input.organization_id);
  checkTeamScope(actor, input, team);
  const updated = await audited(call, async (repos) => {
    const next = await repos.teams.update(team.id, teamPatchOf(input));
    if (next === null) throw notFound(`Team "${team.id}"`, 'team_id');
    return { result: next, events: [{ action: 'team.update', objectId: team.id, organizationId: next.organizationId, before: team, after: next }] };
  });
  await publishChanges(app, [['team', team.id]]);
  return { team_id: updated.id, data: teamReplyOf(updated, await app.repos.teams.listMembers(team.id)) };
}

export async function deleteTeams(call: AdminCall<{ readonly team_ids: readonly string[] }>): Promise<{ deleted_teams: string[] }> {
  const { app, actor, input } = call;
  const teams = new Map<string, Doomed<TeamRecord>>();
  for (const [i, teamId] of input.team_ids.entries()) {
    const team = await scopedTeam(app, actor, 'team:delete', teamId, `team_ids[${i}]`);
    teams.set(team.id, { record: team, organizationId: team.organizationId });
  }
  const results = await deleteAudited(call, { action: 'team.delete', doomed: teams }, (repos, id) => repos.teams.delete(id));
  await publishChanges(app, results.flatMap(({ id, keyIds }) => [['team', id] as const, ...keyIds.map((keyId) => ['key', keyId] as const)]));
  return { deleted_teams: results.map((r) => r.id) };
}
