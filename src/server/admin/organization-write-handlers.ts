// `/organization/new`, `/organization/update` and `/organization/delete` (platform admins only, by
// the permission table). An organisation that still has teams or keys is not deleted.

import { checkScopeGrant } from '../../auth/scope-grant.js';
import type { OrganizationRecord } from '../../store/records.js';
import { notFound, refuseGrant, storeWrite } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { scopeRequestOf, tenancyPatchOf } from './field-schemas.js';
import { publishChanges, scopedOrganization } from './object-scope.js';
import {
  organizationReplyOf,
  type OrganizationNewInput,
  type OrganizationReply,
  type OrganizationUpdateInput,
} from './organization-schemas.js';

export async function newOrganization({ app, actor, input }: AdminCall<OrganizationNewInput>): Promise<OrganizationReply> {
  refuseGrant(checkScopeGrant(actor, scopeRequestOf(input, null, true)));
  const organization = await storeWrite(() => app.repos.organizations.create({ ...tenancyPatchOf(input), alias: input.organization_alias, id: input.organization_id }));
  await publishChanges(app, [['organization', organization.id]]);
  return organizationReplyOf(organization);
}

export async function updateOrganization({ app, actor, input }: AdminCall<OrganizationUpdateInput>): Promise<OrganizationReply> {
  const organization = await scopedOrganization(app, actor, 'organization:update', input.organization_id);
  refuseGrant(checkScopeGrant(actor, scopeRequestOf(input, organization, true)));
  const updated = await storeWrite(() => app.repos.organizations.update(organization.id, { ...tenancyPatchOf(input), alias: input.organization_alias }));
  if (updated === null) throw notFound(`Organization "${organization.id}"`, 'organization_id');
  await publishChanges(app, [['organization', organization.id]]);
  return organizationReplyOf(updated);
}

/** Answers the deleted organisations as they were, as LiteLLM does. */
export async function deleteOrganizations({ app, actor, input }: AdminCall<{ readonly organization_ids: readonly string[] }>): Promise<OrganizationReply[]> {
  const organizations = new Map<string, OrganizationRecord>();
  for (const [i, id] of input.organization_ids.entries()) {
    organizations.set(id, await scopedOrganization(app, actor, 'organization:delete', id, `organization_ids[${i}]`));
  }
  const deleted: OrganizationReply[] = [];
  for (const [id, organization] of organizations) {
    if (await storeWrite(() => app.repos.organizations.delete(id))) deleted.push(organizationReplyOf(organization));
    await publishChanges(app, [['organization', id]]);
  }
  return deleted;
}
