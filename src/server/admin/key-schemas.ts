// Request and reply schemas of the `/key/*` routes, with LiteLLM's field names. A key is named by
// its secret (`sk-...`) or its id (`token`). Nothing in a key's body may choose where requests go.

import { z } from 'zod';
import {
  budgetInputShape,
  budgetReplyShape,
  idField,
  ipAllowlistField,
  keyDurationField,
  metadataField,
  modelsField,
  queryFlag,
  queryId,
  queryPage,
  queryPageSize,
  regionsField,
  routesField,
} from './field-schemas.js';

/** Permission names that would let a request body redirect traffic or bring its own credentials. */
const redirectingPermission = /client_side_credentials|api_base|base_url|api_key|credential|endpoint|url|host|proxy|redirect/i;

function refuseRedirecting(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [name, granted] of Object.entries(value)) {
    if (granted !== false && redirectingPermission.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'request bodies may never choose where a request is sent or with which credentials' });
    }
  }
}

export const keyPermissionsField = z.record(z.string().max(128), z.boolean()).superRefine(refuseRedirecting);

const keyMetadataField = metadataField.superRefine((metadata, ctx) => {
  const permissions = metadata['permissions'];
  if (permissions === undefined) return;
  const parsed = keyPermissionsField.safeParse(permissions);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ['permissions', ...issue.path] });
});

/** A key by its secret (`sk-...`) or its id. */
export const keyReference = z.string().min(1).max(512);

const keyFieldsShape = {
  key_alias: z.string().min(1).max(256).nullable().optional(),
  duration: keyDurationField.optional(),
  models: modelsField.optional(),
  ...budgetInputShape,
  user_id: idField.nullable().optional(),
  team_id: idField.nullable().optional(),
  organization_id: idField.nullable().optional(),
  metadata: keyMetadataField.optional(),
  blocked: z.boolean().optional(),
  allowed_routes: routesField.optional(),
  permissions: keyPermissionsField.optional(),
  allowed_regions: regionsField.optional().describe('Gatehouse: data regions the key may be served from; null = no restriction of its own'),
  allowed_ips: ipAllowlistField.optional().describe('Addresses and CIDR ranges the key may be used from; null = no restriction of its own'),
};

export const keyGenerateBody = z.strictObject(keyFieldsShape);
export type KeyFieldsInput = z.output<typeof keyGenerateBody>;

export const keyUpdateBody = z.strictObject({ key: keyReference, ...keyFieldsShape });

export const keyRegenerateBody = z.strictObject({
  key: keyReference.optional().describe('Required unless the key is in the path (/key/{key}/regenerate)'),
  grace_period: keyDurationField.optional().describe('How long the previous secret keeps working, e.g. "1h"; none = it stops at once'),
  ...keyFieldsShape,
});

export const keyDeleteBody = z
  .strictObject({ keys: z.array(keyReference).max(1_000).optional(), key_aliases: z.array(z.string().min(1).max(256)).max(1_000).optional() })
  .refine((body) => (body.keys?.length ?? 0) + (body.key_aliases?.length ?? 0) > 0, 'name at least one key in keys or key_aliases');

export const keyBlockBody = z.strictObject({ key: keyReference });

export const keyInfoQuery = z.strictObject({ key: keyReference.optional() });

export const keyListQuery = z.strictObject({
  page: queryPage.optional(),
  size: queryPageSize(100).optional(),
  user_id: queryId.optional(),
  team_id: queryId.optional(),
  organization_id: queryId.optional(),
  key_alias: queryId.optional(),
  return_full_object: queryFlag.optional(),
});

export const keyReply = z.object({
  key: z.string().optional().describe('The secret: only in the answer that created it (generate, regenerate, user/new)'),
  token: z.string().describe("The key's id (never its hash)"),
  token_id: z.string(),
  key_name: z.string().describe('sk-... and the last four characters'),
  key_alias: z.string().nullable(),
  expires: z.string().nullable(),
  user_id: z.string().nullable(),
  team_id: z.string().nullable(),
  organization_id: z.string().nullable(),
  models: z.array(z.string()),
  ...budgetReplyShape,
  metadata: z.record(z.string(), z.unknown()),
  permissions: z.record(z.string(), z.unknown()),
  blocked: z.boolean(),
  allowed_routes: z.array(z.string()),
  allowed_regions: z.array(z.string()).nullable(),
  allowed_ips: z.array(z.string()).nullable().describe('Canonical CIDR form (203.0.113.7/32); null = no restriction of its own'),
  previous_key_expires_at: z.string().nullable().describe('Until when the previous secret still works after a regeneration'),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type KeyReply = z.input<typeof keyReply>;

export const keyInfoReply = z.object({ key: z.string().describe("The key's id"), info: keyReply });
export const keyListReply = z.object({
  keys: z.array(z.union([z.string(), keyReply])),
  total_count: z.number(),
  current_page: z.number(),
  total_pages: z.number(),
});
export const keyDeleteReply = z.object({ deleted_keys: z.array(z.string()).describe('Ids of the deleted keys') });
