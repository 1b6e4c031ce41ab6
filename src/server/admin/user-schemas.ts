// Request and reply schemas of the `/user/*` routes, with LiteLLM's field names, and a user as the
// API shows it. `user_alias` has no column of its own: it is kept in the user's metadata.

import { z } from 'zod';
import { userRoles, type UserRecord } from '../../store/records.js';
import {
  budgetInputShape,
  budgetReplyOf,
  budgetReplyShape,
  idField,
  ipAllowlistField,
  keyDurationField,
  metadataField,
  modelsField,
  queryId,
  queryList,
  queryPage,
  queryPageSize,
} from './field-schemas.js';
import { keyReply } from './key-schemas.js';

const emailField = z.string().min(3).max(320).regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address');
const aliasField = z.string().min(1).max(256).nullable();
const roleField = z.enum(userRoles);
const userAllowedIps = ipAllowlistField.optional().describe("Addresses and CIDR ranges the user's keys may be used from; null = no restriction of its own");

export const userNewBody = z.strictObject({
  user_id: idField.optional(),
  user_email: emailField.nullable().optional(),
  user_alias: aliasField.optional(),
  user_role: roleField.optional().describe('Default internal_user'),
  teams: z.array(idField).max(100).optional().describe('Teams the user joins (team role user)'),
  organizations: z.array(idField).max(100).optional().describe('Organizations the user joins'),
  models: modelsField.optional(),
  ...budgetInputShape,
  metadata: metadataField.optional(),
  allowed_ips: userAllowedIps,
  auto_create_key: z.boolean().optional().describe('Default true: also create a key for the user, returned once as `key`'),
  key_alias: z.string().min(1).max(256).nullable().optional(),
  duration: keyDurationField.optional(),
});
export type UserNewInput = z.output<typeof userNewBody>;

export const userUpdateBody = z
  .strictObject({
    user_id: idField.optional(),
    user_email: emailField.nullable().optional().describe('Names the user when user_id is absent; else the new email'),
    user_alias: aliasField.optional(),
    user_role: roleField.optional(),
    models: modelsField.optional(),
    ...budgetInputShape,
    metadata: metadataField.optional(),
    allowed_ips: userAllowedIps,
  })
  .refine((body) => body.user_id !== undefined || typeof body.user_email === 'string', 'name the user with user_id or user_email');
export type UserUpdateInput = z.output<typeof userUpdateBody>;

export const userDeleteBody = z.strictObject({ user_ids: z.array(idField).min(1).max(1_000) });
export const userInfoQuery = z.strictObject({ user_id: queryId.optional() });
export const userListQuery = z.strictObject({
  page: queryPage.optional(),
  page_size: queryPageSize(100).optional(),
  user_ids: queryList.optional().describe('Comma-separated user ids'),
  team: queryId.optional().describe('Only members of this team'),
  organization_id: queryId.optional(),
});

export const userReply = z.object({
  user_id: z.string(),
  user_email: z.string().nullable(),
  user_alias: z.string().nullable(),
  user_role: z.string(),
  models: z.array(z.string()),
  ...budgetReplyShape,
  metadata: z.record(z.string(), z.unknown()),
  allowed_ips: z.array(z.string()).nullable().describe('Canonical CIDR form; null = no restriction of its own'),
  created_at: z.string(),
  updated_at: z.string(),
});
export type UserReply = z.input<typeof userReply>;

export const userNewReply = userReply.extend({
  teams: z.array(z.string()),
  organizations: z.array(z.string()),
  key: z.string().nullable().describe('The new key\'s secret, shown this once; null without auto_create_key'),
  token: z.string().nullable(),
  key_alias: z.string().nullable(),
  expires: z.string().nullable(),
});
export const userUpdateReply = z.object({ user_id: z.string(), data: userReply });
export const userDeleteReply = z.object({ deleted_users: z.array(z.string()) });
export const userListReply = z.object({ users: z.array(userReply), total: z.number(), page: z.number(), page_size: z.number(), total_pages: z.number() });
export const briefTeamReply = z.object({ team_id: z.string(), team_alias: z.string().nullable(), organization_id: z.string().nullable(), role: z.string() });
export const userInfoReply = z.object({ user_id: z.string(), user_info: userReply, keys: z.array(keyReply), teams: z.array(briefTeamReply) });

export function userAliasOf(metadata: Readonly<Record<string, unknown>>): string | null {
  const alias = metadata['user_alias'];
  return typeof alias === 'string' ? alias : null;
}

export function userReplyOf(user: UserRecord): UserReply {
  return {
    user_id: user.id,
    user_email: user.email,
    user_alias: userAliasOf(user.metadata),
    user_role: user.role,
    models: [...user.models],
    ...budgetReplyOf(user),
    metadata: { ...user.metadata },
    allowed_ips: user.allowedIps === null ? null : [...user.allowedIps],
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}
