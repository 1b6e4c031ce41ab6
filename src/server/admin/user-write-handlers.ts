// `/user/new`, `/user/update` and `/user/delete`. Organisation admins create users inside the
// organisations they administer; roles change only as checkRoleChange allows; budgets, models and
// IP allowlists stay within the caller's own. `/user/new` also creates the user's first key, as
// LiteLLM does, in the same audited transaction as the user and its memberships.

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { checkIpAllowlistGrant, checkKeyGrant, checkRoleChange } from '../../auth/grants.js';
import { can } from '../../auth/permissions.js';
import { checkScopeGrant } from '../../auth/scope-grant.js';
import { organizationRoles, type OrganizationRole, type TeamRecord, type UserRecord, type UserRole } from '../../store/records.js';
import { audited, deleteAudited, type ChangeEvent, type Doomed } from './admin-audit.js';
import { forbiddenField, notFound, refuseGrant } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { after, budgetPatchOf, scopeRequestOf } from './field-schemas.js';
import { keyDraftOf, newKeyScope, type KeyDraft } from './key-grant.js';
import { keyReplyOf } from './key-reply.js';
import type { KeyFieldsInput } from './key-schemas.js';
import { insertKey } from './key-write-handlers.js';
import { userByName } from './member-users.js';
import { publishChanges, scopedOrganization, scopedTeam, scopedUser, userReach } from './object-scope.js';
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

interface NewUserPlan {
  readonly id: string;
  readonly role: UserRole;
  readonly teams: readonly TeamRecord[];
  /** Organisations named directly, which the user joins. */
  readonly direct: readonly string[];
  /** Those and the organisations of its teams. */
  readonly organizationIds: readonly string[];
  readonly key: { readonly input: KeyFieldsInput; readonly draft: KeyDraft } | undefined;
}

/** Every check of `/user/new`, before anything is written; the first key gets the same budget and models. */
async function planNewUser({ app, actor, input }: AdminCall<UserNewInput>): Promise<NewUserPlan> {
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
  const allowedIps = input.allowed_ips ?? null;
  refuseGrant([...checkScopeGrant(actor, scopeRequestOf(input, null, false)), ...checkIpAllowlistGrant(actor, [allowedIps])]);
  if (input.auto_create_key === false) return { id, role, teams, direct, organizationIds, key: undefined };
  const keyInput: KeyFieldsInput = {
    user_id: id, organization_id: organizationIds[0] ?? null, models: input.models, key_alias: input.key_alias, duration: input.duration,
    max_budget: input.max_budget, budget_duration: input.budget_duration, tpm_limit: input.tpm_limit, rpm_limit: input.rpm_limit,
    max_parallel_requests: input.max_parallel_requests,
  };
  const draft = keyDraftOf(keyInput, newKeyScope, Date.now());
  refuseGrant(checkKeyGrant(actor, { ...draft, userAllowedIps: allowedIps }, 'key:create'));
  return { id, role, teams, direct, organizationIds, key: { input: keyInput, draft } };
}

export async function newUser(call: AdminCall<UserNewInput>): Promise<z.input<typeof userNewReply>> {
  const { app, actor, input } = call;
  const plan = await planNewUser(call);
  const { user, key } = await audited(call, async (repos) => {
    const created = await repos.users.create({
      id: plan.id, role: plan.role, email: input.user_email ?? null, models: input.models, ...budgetPatchOf(input), metadata: metadataAfter(input, {}) ?? {},
      allowedIps: input.allowed_ips,
    });
    const events: ChangeEvent[] = [{ action: 'user.create', objectId: plan.id, organizationId: plan.organizationIds[0] ?? null, after: created }];
    for (const organizationId of plan.direct) {
      const membership = await repos.organizationMemberships.add(organizationId, plan.id, organizationRoleOf(plan.role));
      events.push({ action: 'organization.member_add', objectId: organizationId, organizationId, after: membership });
    }
    for (const team of plan.teams) {
      const membership = await repos.teams.addMember(team.id, plan.id, 'user');
      events.push({ action: 'team.member_add', objectId: team.id, organizationId: team.organizationId, after: membership });
    }
    const minted = plan.key === undefined ? undefined : await insertKey(repos, app, { actor, ...plan.key });
    if (minted !== undefined) events.push({ action: 'key.create', objectId: minted.record.id, organizationId: minted.record.organizationId, after: minted.record });
    return { result: { user: created, key: minted }, events };
  });
  await publishChanges(app, [['user', plan.id], ...(key === undefined ? [] : [['key', key.record.id] as const])]);
  const keyReply = key === undefined ? undefined : keyReplyOf(key.record, key.secret);
  return {
    ...userReplyOf(user), teams: plan.teams.map((t) => t.id), organizations: [...plan.organizationIds],
    key: keyReply?.key ?? null, token: keyReply?.token ?? null, key_alias: keyReply?.key_alias ?? null, expires: keyReply?.expires ?? null,
  };
}

export async function updateUser(call: AdminCall<UserUpdateInput>): Promise<{ user_id: string; data: UserReply }> {
  const { app, actor, input } = call;
  const { user: found, named } = await userByName(app, { user_id: input.user_id, user_email: input.user_email ?? undefined });
  const user = await scopedUser(app, actor, 'user:update', found, named);
  const { organizationIds } = await userReach(app, user.id);
  if (input.user_role !== undefined) refuseGrant(checkRoleChange(actor, { id: user.id, role: user.role, organizationIds }, input.user_role));
  const allowedIps = after(input.allowed_ips, user.allowedIps);
  refuseGrant([...checkScopeGrant(actor, scopeRequestOf(input, user, false)), ...checkIpAllowlistGrant(actor, [allowedIps])]);
  const patch = {
    ...budgetPatchOf(input),
    role: input.user_role,
    models: input.models,
    email: input.user_id === undefined ? undefined : input.user_email,
    metadata: metadataAfter(input, user.metadata),
    allowedIps: input.allowed_ips,
  };
  const updated = await audited(call, async (repos) => {
    const next = await repos.users.update(user.id, patch);
    if (next === null) throw notFound(`User "${named}"`, 'user_id');
    const change = { objectId: user.id, organizationId: organizationIds[0] ?? null, before: user, after: next };
    const events: ChangeEvent[] = [{ action: 'user.update', ...change }];
    if (next.role !== user.role) events.push({ action: 'user.role_change', ...change });
    return { result: next, events };
  });
  await publishChanges(app, [['user', user.id]]);
  return { user_id: updated.id, data: userReplyOf(updated) };
}

export async function deleteUsers(call: AdminCall<{ readonly user_ids: readonly string[] }>): Promise<{ deleted_users: string[] }> {
  const { app, actor, input } = call;
  const users = new Map<string, Doomed<UserRecord>>();
  for (const [i, userId] of input.user_ids.entries()) {
    const user = await scopedUser(app, actor, 'user:delete', await app.repos.users.get(userId), userId, `user_ids[${i}]`);
    users.set(user.id, { record: user, organizationId: (await userReach(app, user.id)).organizationIds[0] ?? null });
  }
  const results = await deleteAudited(call, { action: 'user.delete', doomed: users }, (repos, id) => repos.users.delete(id));
  await publishChanges(app, results.flatMap(({ id, keyIds }) => [['user', id] as const, ...keyIds.map((keyId) => ['key', keyId] as const)]));
  return { deleted_users: results.map((r) => r.id) };
}
