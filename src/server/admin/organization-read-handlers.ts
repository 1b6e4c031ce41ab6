// `/organization/info` and `/organization/list`: organisations the caller belongs to or
// administers, with their members and teams.

import type { z } from 'zod';
import { maxPageSize } from '../../store/repositories/page.js';
import { organizationIdsOf, visibilityFor } from './actor-scope.js';
import type { AdminCall } from './define-admin-route.js';
import { scopedOrganization } from './object-scope.js';
import { organizationReplyOf, type organizationInfoReply, type OrganizationReply } from './organization-schemas.js';
import { allTeams } from './team-read-handlers.js';
import { teamReplyOf } from './team-schemas.js';

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

