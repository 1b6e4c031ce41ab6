// `/organization/new`, `/organization/update` and `/organization/delete` (platform admins only, by
// the permission table). An organisation that still has teams or keys is not deleted.

import { checkScopeGrant } from '../../auth/scope-grant.js';
import type { OrganizationRecord } from '../../store/records.js';
import { audited, deleteAudited, type Doomed } from './admin-audit.js';
import { notFound, refuseGrant } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { scopeRequestOf, tenancyPatchOf } from './field-schemas.js';
import { publishChanges, scopedOrganization } from './object-scope.js';
import {
  organizationReplyOf,
  type OrganizationNewInput,
  type OrganizationReply,
  type OrganizationUpdateInput,
} from './organization-schemas.js';

export async function newOrganization(call: AdminCall<OrganizationNewInput>): Promise<OrganizationReply> {
  const { app, actor, input } = call;
  refuseGrant(checkScopeGrant(actor, scopeRequestOf(input, null, true)));
  const organization = await audited(call, async (repos) => {
    const created = await repos.organizations.create({ ...tenancyPatchOf(input), alias: input.organization_alias, id: input.organization_id });
    return { result: created, events: [{ action: 'organization.create', objectId: created.id, organizationId: created.id, after: created }] };
  });
  await publishChanges(app, [['organization', organization.id]]);
  return organizationReplyOf(organization);
}

export async function updateOrganization(call: AdminCall<OrganizationUpdateInput>): Promise<OrganizationReply> {
  const { app, actor, input } = call;
  const organization = await scopedOrganization(app, actor, 'organization:update', input.organization_id);
  refuseGrant(checkScopeGrant(actor, scopeRequestOf(input, organization, true)));
  const updated = await audited(call, async (repos) => {
    const next = await repos.organizations.update(organization.id, { ...tenancyPatchOf(input), alias: input.organization_alias });
    if (next === null) throw notFound(`Organization "${organization.id}"`, 'organization_id');
    return { result: next, events: [{ action: 'organization.update', objectId: next.id, organizationId: next.id, before: organization, after: next }] };
  });
  await publishChanges(app, [['organization', organization.id]]);
  return organizationReplyOf(updated);
}

/** Answers the deleted organisations as they were, as LiteLLM does. */
export async function deleteOrganizations(call: AdminCall<{ readonly organization_ids: readonly string[] }>): Promise<OrganizationReply[]> {
  const { app, actor, input } = call;
  const organizations = new Map<string, Doomed<OrganizationRecord>>();
  for (const [i, id] of input.organization_ids.entries()) {
    organizations.set(id, { record: await scopedOrganization(app, actor, 'organization:delete', id, `organization_ids[${i}]`), organizationId: id });
  }
  const removed = await deleteAudited(call, { action: 'organization.delete', doomed: organizations }, async (repos, id) => ({
    deleted: await repos.organizations.delete(id),
    deletedKeyIds: [],
  }));
  await publishChanges(app, removed.map(({ id }) => ['organization', id] as const));
  return removed.flatMap(({ id }) => {
    const organization = organizations.get(id)?.record;
    return organization === undefined ? [] : [organizationReplyOf(organization)];
  });
}
