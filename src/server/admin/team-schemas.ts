// Request and reply schemas of the `/team/*` routes, with LiteLLM's field names, and a team as the
// API shows it (with `members_with_roles` when its members were loaded).

import { z } from 'zod';
import { teamRoles, type TeamRecord } from '../../store/records.js';
import type { TeamMember } from '../../store/repositories/team-members.js';
import { idField, ipAllowlistField, memberField, queryId, tenancyInputShape, tenancyReplyOf, tenancyReplyShape } from './field-schemas.js';
import { keyReply } from './key-schemas.js';
import { userReply } from './user-schemas.js';

const teamAllowedIps = ipAllowlistField.optional().describe("Addresses and CIDR ranges the team's keys may be used from; null = no restriction of its own");

export const teamMember = memberField(teamRoles, 'user');
export type MemberInput = z.output<typeof teamMember>;

export const teamNewBody = z.strictObject({
  team_id: idField.optional(),
  team_alias: z.string().min(1).max(256).nullable().optional(),
  organization_id: idField.nullable().optional(),
  ...tenancyInputShape,
  allowed_ips: teamAllowedIps,
  members_with_roles: z.array(teamMember).max(1_000).optional(),
});
export type TeamNewInput = z.output<typeof teamNewBody>;

export const teamUpdateBody = z.strictObject({
  team_id: idField,
  team_alias: z.string().min(1).max(256).nullable().optional(),
  organization_id: idField.nullable().optional(),
  ...tenancyInputShape,
  allowed_ips: teamAllowedIps,
});
export type TeamUpdateInput = z.output<typeof teamUpdateBody>;

export const teamDeleteBody = z.strictObject({ team_ids: z.array(idField).min(1).max(1_000) });
export const teamInfoQuery = z.strictObject({ team_id: queryId });
export const teamListQuery = z.strictObject({ user_id: queryId.optional(), organization_id: queryId.optional() });
export const teamMemberAddBody = z.strictObject({ team_id: idField, member: z.union([teamMember, z.array(teamMember).min(1).max(1_000)]) });
export const teamMemberDeleteBody = z
  .strictObject({ team_id: idField, user_id: idField.optional(), user_email: z.string().min(1).max(320).optional() })
  .refine((body) => body.user_id !== undefined || body.user_email !== undefined, 'name the member with user_id or user_email');

const memberReply = z.object({ user_id: z.string(), user_email: z.string().nullable(), role: z.string() });

export const teamReply = z.object({
  team_id: z.string(),
  team_alias: z.string().nullable(),
  organization_id: z.string().nullable(),
  ...tenancyReplyShape,
  allowed_ips: z.array(z.string()).nullable().describe('Canonical CIDR form; null = no restriction of its own'),
  members_with_roles: z.array(memberReply).optional(),
});
export type TeamReply = z.input<typeof teamReply>;

const membershipReply = z.object({ team_id: z.string(), user_id: z.string(), role: z.string(), created_at: z.string() });

export const teamInfoReply = z.object({ team_id: z.string(), team_info: teamReply, keys: z.array(keyReply), team_memberships: z.array(membershipReply) });
export const teamUpdateReply = z.object({ team_id: z.string(), data: teamReply });
export const teamDeleteReply = z.object({ deleted_teams: z.array(z.string()) });
export const teamListReply = z.array(teamReply);
export const teamMemberAddReply = teamReply.extend({ updated_users: z.array(userReply), updated_team_memberships: z.array(membershipReply) });

export function teamReplyOf(team: TeamRecord, members?: readonly TeamMember[]): TeamReply {
  return {
    team_id: team.id,
    team_alias: team.alias,
    organization_id: team.organizationId,
    ...tenancyReplyOf(team),
    allowed_ips: team.allowedIps === null ? null : [...team.allowedIps],
    ...(members === undefined ? {} : { members_with_roles: members.map((m) => ({ user_id: m.user.id, user_email: m.user.email, role: m.role })) }),
  };
}
