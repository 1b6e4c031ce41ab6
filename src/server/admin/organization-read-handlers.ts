// `/organization/info`, `/organization/list`, `/organization/member_add` and
// `/organization/member_delete`: organisations the caller belongs to or administers, their members
// and teams; members are managed by the organisation's admins.

import type { z } from 'zod';
import type { OrganizationRole } from '../../store/records.js';
import { maxPageSize } from '../../store/repositories/page.js';
import { organizationIdsOf, visibilityFor } from './actor-scope.js';
import { notFound } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { memberUser, membersOf, userByName, type MemberName } from './member-users.js';
import { publishChanges, scopedOrganization } from './object-scope.js';
import {
  organizationReplyOf,
  type organizationInfoReply,
  type organizationMemberAddReply,
  type organizationMemberDeleteReply,
  type OrganizationReply,
} from './organization-schemas.js';
import { allTeams } from './team-read-handlers.js';
import { teamReplyOf } from './team-schemas.js';
import { userReplyOf } from './user-schemas.js';

export async function organizationInfo({ app, actor, input }: AdminCall<{ readonly organization_id: string }>): Promise<z.input<typeof organizationInfoReply>> {
  const organization = await scopedOrganization(app, actor, 'organization:read', input.organization_id);
  const [members, teams] = await Promise.all([
    app.repos.organizationMemberships.list(organization.id),
    allTeams(app, { organizationIds: [organization.id] }),
  ]);
  return {
    ...organizationReplyOf(organization),
    members: members.map((m) => ({ organization_id: organization.id, user_id: m.user.id, user_email: m.user.email, user_role: m.role, created_at: m.joinedAt })),
    teams: teams.map((team) => teamReplyOf(team)),
  };
}

export async function listOrganizations({ app, actor }: AdminCall<Record<string, never>>): Promise<OrganizationReply[]> {
  const ids = organizationIdsOf(visibilityFor(actor, 'organization:read'));
  const replies: OrganizationReply[] = [];
  for (let page = 1; ; page += 1) {
    const found = await app.repos.organizations.list({ page, pageSize: maxPageSize, ids });
    replies.push(...found.items.map(organizationReplyOf));
    if (found.items.length < maxPageSize) return replies;
  }
}

type OrganizationMemberInput = MemberName & { readonly role?: OrganizationRole | undefined };

export async function addOrganizationMembers({ app, actor, input }: AdminCall<{
  readonly organization_id: string;
  readonly member: OrganizationMemberInput | readonly OrganizationMemberInput[];
}>): Promise<z.input<typeof organizationMemberAddReply>> {
  const organization = await scopedOrganization(app, actor, 'organization:members', input.organization_id);
  const members = membersOf(input.member);
  const users = await Promise.all(members.map((m, i) => memberUser(app, actor, { ...m, organizationId: organization.id, param: `member[${i}]` })));
  const memberships = [];
  for (const [i, user] of users.entries()) {
    memberships.push(await app.repos.organizationMemberships.add(organization.id, user.id, members[i]?.role ?? 'internal_user'));
  }
  await publishChanges(app, [['organization', organization.id], ...users.map((u) => ['user', u.id] as const)]);
  return {
    organization_id: organization.id,
    updated_users: users.map(userReplyOf),
    updated_organization_memberships: memberships.map((m) => ({ organization_id: m.organizationId, user_id: m.userId, user_role: m.role, created_at: m.createdAt })),
  };
}

export async function deleteOrganizationMember({ app, actor, input }: AdminCall<{ readonly organization_id: string } & MemberName>): Promise<
  z.input<typeof organizationMemberDeleteReply>
> {
  const organization = await scopedOrganization(app, actor, 'organization:members', input.organization_id);
  const { user, named } = await userByName(app, input);
  if (user === null || !(await app.repos.organizationMemberships.remove(organization.id, user.id))) {
    throw notFound(`Member "${named}" of organization "${organization.id}"`, 'user_id');
  }
  await publishChanges(app, [['organization', organization.id], ['user', user.id]]);
  return { organization_id: organization.id, user_id: user.id, deleted: true };
}
