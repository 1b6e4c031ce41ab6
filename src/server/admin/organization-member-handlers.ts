// `/organization/member_add` and `/organization/member_delete`: the organisation's admins add
// users they may reach (with an organisation role) and remove members, each change audited.

import type { z } from 'zod';
import type { OrganizationMembershipRecord, OrganizationRole } from '../../store/records.js';
import { audited } from './admin-audit.js';
import { notFound } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { memberUser, membersOf, userByName, type MemberName } from './member-users.js';
import { publishChanges, scopedOrganization } from './object-scope.js';
import type { organizationMemberAddReply, organizationMemberDeleteReply } from './organization-schemas.js';
import { userReplyOf } from './user-schemas.js';

type OrganizationMemberInput = MemberName & { readonly role?: OrganizationRole | undefined };

type AddInput = { readonly organization_id: string; readonly member: OrganizationMemberInput | readonly OrganizationMemberInput[] };

export async function addOrganizationMembers(call: AdminCall<AddInput>): Promise<z.input<typeof organizationMemberAddReply>> {
  const { app, actor, input } = call;
  const organization = await scopedOrganization(app, actor, 'organization:members', input.organization_id);
  const members = membersOf(input.member);
  const users = await Promise.all(members.map((m, i) => memberUser(app, actor, { ...m, organizationId: organization.id, param: `member[${i}]` })));
  const memberships = await audited(call, async (repos) => {
    const added: OrganizationMembershipRecord[] = [];
    for (const [i, user] of users.entries()) added.push(await repos.organizationMemberships.add(organization.id, user.id, members[i]?.role ?? 'internal_user'));
    const events = added.map((after) => ({ action: 'organization.member_add' as const, objectId: organization.id, organizationId: organization.id, after }));
    return { result: added, events };
  });
  await publishChanges(app, [['organization', organization.id], ...users.map((u) => ['user', u.id] as const)]);
  return {
    organization_id: organization.id,
    updated_users: users.map(userReplyOf),
    updated_organization_memberships: memberships.map((m) => ({ organization_id: m.organizationId, user_id: m.userId, user_role: m.role, created_at: m.createdAt })),
  };
}

export async function deleteOrganizationMember(call: AdminCall<{ readonly organization_id: string } & MemberName>): Promise<
  z.input<typeof organizationMemberDeleteReply>
> {
  const { app, actor, input } = call;
  const organization = await scopedOrganization(app, actor, 'organization:members', input.organization_id);
  const { user, named } = await userByName(app, input);
  const removed = user !== null && (await audited(call, async (repos) => {
    const done = await repos.organizationMemberships.remove(organization.id, user.id);
    const before = { organizationId: organization.id, userId: user.id };
    return { result: done, events: done ? [{ action: 'organization.member_remove' as const, objectId: organization.id, organizationId: organization.id, before }] : [] };
  }));
  if (user === null || !removed) {
    throw notFound(`Member "${named}" of organization "${organization.id}"`, 'user_id');
  }
  await publishChanges(app, [['organization', organization.id], ['user', user.id]]);
  return { organization_id: organization.id, user_id: user.id, deleted: true };
}
