// Request and reply schemas of the `/organization/*` routes, with LiteLLM's field names, and an
// organisation as the API shows it (budget fields also under `litellm_budget_table`, as LiteLLM nests them).

import { z } from 'zod';
import { organizationRoles, type OrganizationRecord } from '../../store/records.js';
import { budgetReplyOf, budgetReplyShape, idField, memberField, queryId, tenancyInputShape, tenancyReplyOf, tenancyReplyShape } from './field-schemas.js';
import { teamReply } from './team-schemas.js';
import { userReply } from './user-schemas.js';

export const organizationMember = memberField(organizationRoles, 'internal_user');

export const organizationNewBody = z.strictObject({
  organization_id: idField.optional(),
  organization_alias: z.string().min(1).max(256),
  ...tenancyInputShape,
});
export type OrganizationNewInput = z.output<typeof organizationNewBody>;

export const organizationUpdateBody = z.strictObject({
  organization_id: idField,
  organization_alias: z.string().min(1).max(256).nullable().optional(),
  ...tenancyInputShape,
});
export type OrganizationUpdateInput = z.output<typeof organizationUpdateBody>;

export const organizationDeleteBody = z.strictObject({ organization_ids: z.array(idField).min(1).max(1_000) });
export const organizationInfoQuery = z.strictObject({ organization_id: queryId });
export const organizationListQuery = z.strictObject({});
export const organizationMemberAddBody = z.strictObject({
  organization_id: idField,
  member: z.union([organizationMember, z.array(organizationMember).min(1).max(1_000)]),
});
export const organizationMemberDeleteBody = z
  .strictObject({ organization_id: idField, user_id: idField.optional(), user_email: z.string().min(1).max(320).optional() })
  .refine((body) => body.user_id !== undefined || body.user_email !== undefined, 'name the member with user_id or user_email');

export const organizationReply = z.object({
  organization_id: z.string(),
  organization_alias: z.string().nullable(),
  ...tenancyReplyShape,
  litellm_budget_table: z.object(budgetReplyShape),
});
export type OrganizationReply = z.input<typeof organizationReply>;

const membershipReply = z.object({ organization_id: z.string(), user_id: z.string(), user_role: z.string(), created_at: z.string() });

export const organizationInfoReply = organizationReply.extend({
  members: z.array(membershipReply.extend({ user_email: z.string().nullable() })),
  teams: z.array(teamReply),
});
export const organizationListReply = z.array(organizationReply);
export const organizationMemberAddReply = z.object({
  organization_id: z.string(),
  updated_users: z.array(userReply),
  updated_organization_memberships: z.array(membershipReply),
});
export const organizationMemberDeleteReply = z.object({ organization_id: z.string(), user_id: z.string(), deleted: z.boolean() });

export function organizationReplyOf(organization: OrganizationRecord): OrganizationReply {
  return {
    organization_id: organization.id,
    organization_alias: organization.alias,
    ...tenancyReplyOf(organization),
    litellm_budget_table: budgetReplyOf(organization),
  };
}
