// `/user/new`, `/user/update` and `/user/delete`. Organisation admins create users inside the
// organisations they administer; roles change only as checkRoleChange allows; budgets and models
// stay within the caller's own. `/user/new` also creates the user's first key, as LiteLLM does.

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { checkRoleChange } from '../../auth/grants.js';
import { can } from '../../auth/permissions.js';
import { checkScopeGrant } from '../../auth/scope-grant.js';
import { organizationRoles, type OrganizationRole, type UserRole } from '../../store/records.js';
import { forbiddenField, notFound, refuseGrant, storeWrite } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { budgetPatchOf, scopeRequestOf } from './field-schemas.js';
import { createKey } from './key-write-handlers.js';
import { userByName } from './member-users.js';
import { deleteEach, publishChanges, scopedOrganization, scopedTeam, scopedUser, userReach } from './object-scope.js';
import { userAliasOf, userReplyOf, type userNewReply, type UserNewInput, type UserReply, type UserUpdateInput } from './user-schemas.js';

function metadataAfter(
  input: { readonly metadata?: Record<string, unknown> | undefined; readonly user_alias?: string | null | undefined },
  current: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  if (input.metadata === undefined && input.user_alias === undefined) return undefined;
  const base: Record<string, unknown> = input.metadata ?? { ...current };
  const alias = input.user_alias === undefined ? userAliasOf(current) : input.user_alias;
  if (alias === null) delete base['user_alias'];
  else base['user_alias'] = alias;
  return base;
}

function organizationRoleOf(role: UserRole): OrganizationRole {
  return organizationRoles.find((r) => r === role) ?? 'internal_user';
}

export async function newUser(call: AdminCall<UserNewInput>): Promise<z.input<typeof userNewReply>> {
  const { app, actor, input } = call;
  const id = input.user_id ?? randomUUID();
  const role = input.user_role ?? 'internal_user';
  const teams = await Promise.all((input.teams ?? []).map((teamId, i) => scopedTeam(app, actor, 'user:create', teamId, `teams[${i}]`)));
  const direct = input.organizations ?? [];
  for (const [i, organizationId] of direct.entries()) await scopedOrganization(app, actor, 'user:create', organizationId, `organizations[${i}]`);
  const organizationIds = [...new Set([...direct, ...teams.flatMap((t) => t.organizationId ?? [])])];
  if (organizationIds.length === 0 && !can(actor, 'user:create')) {
    throw forbiddenField('organizations', 'name an organization you administer (or a team in one) for the new user');
  }
  refuseGrant(checkRoleChange(actor, { id, role: 'internal_user_viewer', organizationIds }, role));
  refuseGrant(checkScopeGrant(actor, scopeRequestOf(input, null, false)));
  const user = await storeWrite(() =>
    app.repos.users.create({
      id, role, email: input.user_email ?? null, models: input.models, ...budgetPatchOf(input), metadata: metadataAfter(input, {}) ?? {},
    }),
  );
  try {
    for (const organizationId of direct) await app.repos.organizationMemberships.add(organizationId, id, organizationRoleOf(role));
    for (const team of teams) await app.repos.teams.addMember(team.id, id, 'user');
    const key = input.auto_create_key === false ? null : await createKey(app, actor, {
      user_id: id, organization_id: organizationIds[0] ?? null, models: input.models, key_alias: input.key_alias, duration: input.duration,
      max_budget: input.max_budget, budget_duration: input.budget_duration, tpm_limit: input.tpm_limit, rpm_limit: input.rpm_limit,
      max_parallel_requests: input.max_parallel_requests,
    });
    await publishChanges(app, [['user', id]]);
    return {
      ...userReplyOf(user), teams: teams.map((t) => t.id), organizations: organizationIds,
      key: key?.key ?? null, token: key?.token ?? null, key_alias: key?.key_alias ?? null, expires: key?.expires ?? null,
    };
  } catch (error) {
    // Nothing half-made stays behind: the user goes, and its memberships and keys with it.
    await app.repos.users.delete(id);
    throw error;
  }
}

export async function updateUser(call: AdminCall<UserUpdateInput>): Promise<{ user_id: string; data: UserReply }> {
  const { app, actor, input } = call;
  const { user: found, named } = await userByName(app, { user_id: input.user_id, user_email: input.user_email ?? undefined });
  const user = await scopedUser(app, actor, 'user:update', found, named);
  if (input.user_role !== undefined) {
    const { organizationIds } = await userReach(app, user.id);
    refuseGrant(checkRoleChange(actor, { id: user.id, role: user.role, organizationIds }, input.user_role));
  }
  refuseGrant(checkScopeGrant(actor, scopeRequestOf(input, user, false)));
  const updated = await storeWrite(() =>
    app.repos.users.update(user.id, {
      ...budgetPatchOf(input),
      role: input.user_role,
      models: input.models,
      email: input.user_id === undefined ? undefined : input.user_email,
      metadata: metadataAfter(input, user.metadata),
    }),
  );
  if (updated === null) throw notFound(`User "${named}"`, 'user_id');
  await publishChanges(app, [['user', user.id]]);
  return { user_id: updated.id, data: userReplyOf(updated) };
}

export async function deleteUsers({ app, actor, input }: AdminCall<{ readonly user_ids: readonly string[] }>): Promise<{ deleted_users: string[] }> {
  for (const [i, userId] of input.user_ids.entries()) await scopedUser(app, actor, 'user:delete', await app.repos.users.get(userId), userId, `user_ids[${i}]`);
  const deleted = await deleteEach(app, 'user', input.user_ids, (id) => app.repos.users.delete(id));
  return { deleted_users: deleted };
}
