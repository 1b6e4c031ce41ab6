// A key as it would be after a create, update or regeneration, and the checks it must pass: the
// grant (whose key, within the caller's scope), then that its user, team and organisation exist
// and fit together (the user belongs to the team, the organisation is the team's).

import type { Actor } from '../../auth/actor.js';
import { checkKeyGrant, type KeyGrantPermission, type KeyGrantRequest } from '../../auth/grants.js';
import { can } from '../../auth/permissions.js';
import { budgetDurationMs } from '../../auth/scope-grant.js';
import type { TeamRecord, UserRecord, VirtualKeyRecord } from '../../store/records.js';
import type { VirtualKeyPatch } from '../../store/repositories/virtual-key-repository.js';
import type { AppContext } from '../app-context.js';
import { badField, forbiddenField, notFound, refuseGrant } from './admin-errors.js';
import { after, budgetPatchOf } from './field-schemas.js';
import type { KeyFieldsInput } from './key-schemas.js';
import { userReach } from './object-scope.js';

/** The key's owners and scope after the change; `organizationId` is the key's own (null: its team's). */
export type KeyDraft = KeyGrantRequest;

type KeyScope = Pick<
  VirtualKeyRecord,
  'userId' | 'teamId' | 'organizationId' | 'models' | 'allowedRegions' | 'allowedRoutes' | 'allowedIps' | 'expiresAt' | 'maxBudget' | 'budgetDuration' | 'tpmLimit' | 'rpmLimit' | 'maxParallelRequests'
>;

export const newKeyScope: KeyScope = Object.freeze({
  userId: null, teamId: null, organizationId: null, models: [], allowedRegions: null, allowedRoutes: [], allowedIps: null, expiresAt: null,
  maxBudget: null, budgetDuration: null, tpmLimit: null, rpmLimit: null, maxParallelRequests: null,
});

/** `duration` from now as an ISO time; null = never; undefined = unchanged. */
export function expiryOf(duration: string | null | undefined, nowMs: number): string | null | undefined {
  if (duration === undefined || duration === null) return duration;
  return new Date(nowMs + (budgetDurationMs(duration) ?? 0)).toISOString();
}

export function keyDraftOf(input: KeyFieldsInput, current: KeyScope, nowMs: number): KeyDraft {
  return {
    userId: after(input.user_id, current.userId),
    teamId: after(input.team_id, current.teamId),
    organizationId: after(input.organization_id, current.organizationId),
    models: after(input.models, current.models),
    allowedRegions: after(input.allowed_regions, current.allowedRegions),
    allowedRoutes: after(input.allowed_routes, current.allowedRoutes),
    allowedIps: after(input.allowed_ips, current.allowedIps),
    expiresAt: after(expiryOf(input.duration, nowMs), current.expiresAt),
    maxBudget: after(input.max_budget, current.maxBudget),
    budgetDuration: after(input.budget_duration, current.budgetDuration),
    tpmLimit: after(input.tpm_limit, current.tpmLimit),
    rpmLimit: after(input.rpm_limit, current.rpmLimit),
    maxParallelRequests: after(input.max_parallel_requests, current.maxParallelRequests),
  };
}

/** Metadata after the change: `permissions` given on its own is kept inside the metadata, as LiteLLM does. */
function metadataAfter(input: KeyFieldsInput, current: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  if (input.metadata === undefined && input.permissions === undefined) return undefined;
  const base = input.metadata ?? { ...current };
  return input.permissions === undefined ? base : { ...base, permissions: input.permissions };
}

export function keyPatchOf(input: KeyFieldsInput, draft: KeyDraft, currentMetadata: Readonly<Record<string, unknown>>): VirtualKeyPatch {
  return {
    ...budgetPatchOf(input),
    alias: input.key_alias,
    userId: draft.userId,
    teamId: draft.teamId,
    organizationId: draft.organizationId,
    models: input.models,
    metadata: metadataAfter(input, currentMetadata),
    blocked: input.blocked,
    allowedRoutes: input.allowed_routes,
    allowedRegions: input.allowed_regions,
    allowedIps: input.allowed_ips,
    expiresAt: draft.expiresAt,
  };
}

async function checkOwners(app: AppContext, draft: KeyDraft, owners: { readonly team: TeamRecord | null; readonly user: UserRecord | null }): Promise<void> {
  const { userId, teamId, organizationId } = draft;
  const { team } = owners;
  if (teamId !== null && team === null) throw notFound(`Team "${teamId}"`, 'team_id');
  if (organizationId !== null) {
    if ((await app.repos.organizations.get(organizationId)) === null) throw notFound(`Organization "${organizationId}"`, 'organization_id');
    if (team !== null && team.organizationId !== organizationId) {
      throw badField('organization_id', `must be the organization of team "${team.id}" (${team.organizationId ?? 'none'})`);
    }
  }
  if (userId === null) return;
  if (owners.user === null) throw notFound(`User "${userId}"`, 'user_id');
  if (team !== null) {
    const teams = await app.repos.teams.teamsOfUser(userId);
    if (!teams.some((t) => t.team.id === team.id)) throw badField('user_id', `user "${userId}" is not a member of team "${team.id}"`);
  } else if (organizationId !== null && !(await userReach(app, userId)).organizationIds.includes(organizationId)) {
    throw badField('user_id', `user "${userId}" is not a member of organization "${organizationId}"`);
  }
}

/**
 * Throws 403 naming the field when the actor may not give a key this shape, 404 when a named
 * owner does not exist, 400 when the owners do not fit together. Unblocking needs `key:block`.
 * Answers the key's organisation (its own, else its team's).
 */
export async function checkKeyDraft(
  app: AppContext,
  actor: Actor,
  change: { readonly draft: KeyDraft; readonly permission: KeyGrantPermission; readonly unblocks: boolean },
): Promise<string | null> {
  const { draft } = change;
  const team = draft.teamId === null ? null : await app.repos.teams.get(draft.teamId);
  const user = draft.userId === null ? null : await app.repos.users.get(draft.userId);
  const organizationId = draft.organizationId ?? team?.organizationId ?? null;
  const ownerAllowlists = { teamAllowedIps: team?.allowedIps ?? null, userAllowedIps: user?.allowedIps ?? null };
  refuseGrant(checkKeyGrant(actor, { ...draft, organizationId, ...ownerAllowlists }, change.permission));
  if (change.unblocks && !can(actor, 'key:block', { ...draft, organizationId })) {
    throw forbiddenField('blocked', 'only admins who may block keys may unblock them');
  }
  await checkOwners(app, draft, { team, user });
  return organizationId;
}
