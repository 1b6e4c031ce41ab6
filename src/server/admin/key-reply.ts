// A virtual key as the management API shows it (LiteLLM's key object): its id as `token`, never
// its hash; the secret only when the caller passes the one just minted. Also how keys are found
// by secret or id, and loaded only when the caller may act on them.

import type { Actor } from '../../auth/actor.js';
import { can, type Permission } from '../../auth/permissions.js';
import { hashVirtualKey, VIRTUAL_KEY_PREFIX } from '../../auth/virtual-keys.js';
import type { VirtualKeyRecord } from '../../store/records.js';
import type { AppContext } from '../app-context.js';
import { notFound } from './admin-errors.js';
import { budgetReplyOf } from './field-schemas.js';
import type { KeyReply } from './key-schemas.js';
import { keyTarget } from './object-scope.js';

export function permissionsOf(metadata: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const permissions = metadata['permissions'];
  return typeof permissions === 'object' && permissions !== null && !Array.isArray(permissions) ? { ...permissions } : {};
}

export function keyReplyOf(key: VirtualKeyRecord, mintedSecret?: string): KeyReply {
  return {
    ...(mintedSecret === undefined ? {} : { key: mintedSecret }),
    token: key.id,
    token_id: key.id,
    key_name: key.displayName,
    key_alias: key.alias,
    expires: key.expiresAt,
    user_id: key.userId,
    team_id: key.teamId,
    organization_id: key.organizationId,
    models: [...key.models],
    ...budgetReplyOf(key),
    metadata: { ...key.metadata },
    permissions: permissionsOf(key.metadata),
    blocked: key.blocked,
    allowed_routes: [...key.allowedRoutes],
    allowed_regions: key.allowedRegions === null ? null : [...key.allowedRegions],
    allowed_ips: key.allowedIps === null ? null : [...key.allowedIps],
    previous_key_expires_at: key.previousKeyExpiresAt,
    created_by: key.createdBy,
    created_at: key.createdAt,
    updated_at: key.updatedAt,
  };
}

/** The key a reference names: a secret is hashed and looked up (a previous secret in its grace period counts), anything else is an id. */
export async function findKey(app: AppContext, reference: string): Promise<VirtualKeyRecord | null> {
  if (!reference.startsWith(VIRTUAL_KEY_PREFIX)) return app.repos.virtualKeys.get(reference);
  const found = await app.repos.virtualKeys.findByHash(hashVirtualKey(reference, app.keyHashingKey), new Date());
  return found?.key ?? null;
}

/** Never echoes the reference: it may be a secret. */
export async function scopedKey(app: AppContext, actor: Actor, permission: Permission, reference: string, param = 'key'): Promise<VirtualKeyRecord> {
  const key = await findKey(app, reference);
  if (key === null || !can(actor, permission, await keyTarget(app, key))) throw notFound('Key', param);
  return key;
}
