// `/key/generate`, `/key/update`, `/key/regenerate` (also `/key/{key}/regenerate`), `/key/block`,
// `/key/unblock` and `/key/delete`. Each checks the key as it would be after the change, writes it
// with its audit row, then tells every cache so the change holds from the next request on.

import type { Actor } from '../../auth/actor.js';
import type { AuditAction } from '../../audit/audit-events.js';
import { can } from '../../auth/permissions.js';
import { hashVirtualKey, mintVirtualKey, newKeyId } from '../../auth/virtual-keys.js';
import type { VirtualKeyRecord } from '../../store/records.js';
import type { Repositories } from '../../store/repositories/create-repositories.js';
import type { VirtualKeyPatch } from '../../store/repositories/virtual-key-repository.js';
import type { AppContext } from '../app-context.js';
import { audited } from './admin-audit.js';
import { badField, notFound } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { checkKeyDraft, expiryOf, keyDraftOf, keyPatchOf, newKeyScope, type KeyDraft } from './key-grant.js';
import { keyReplyOf, scopedKey } from './key-reply.js';
import type { KeyFieldsInput, KeyReply } from './key-schemas.js';
import { creatorOf, keyTarget, publishChanges } from './object-scope.js';

export interface MintedKey {
  readonly record: VirtualKeyRecord;
  /** Shown once, in the answer; only its hash is stored. */
  readonly secret: string;
}

/** Writes a new key whose checks the caller has run; `repos` may be a transaction's. */
export async function insertKey(
  repos: Repositories,
  app: AppContext,
  key: { readonly actor: Actor; readonly input: KeyFieldsInput; readonly draft: KeyDraft },
): Promise<MintedKey> {
  const minted = mintVirtualKey();
  const record = await repos.virtualKeys.create({
    ...keyPatchOf(key.input, key.draft, {}),
    id: newKeyId(),
    keyHash: hashVirtualKey(minted.secret, app.keyHashingKey),
    displayName: minted.displayName,
    createdBy: creatorOf(key.actor),
  });
  return { record, secret: minted.secret };
}

/** A key without `user_id` belongs to the caller (to nobody for the master key). */
export async function generateKey(call: AdminCall<KeyFieldsInput>): Promise<KeyReply> {
  const { app, actor, input } = call;
  const draft = keyDraftOf({ ...input, user_id: input.user_id === undefined ? actor.userId : input.user_id }, newKeyScope, Date.now());
  const organizationId = await checkKeyDraft(app, actor, { draft, permission: 'key:create', unblocks: false });
  const { record, secret } = await audited(call, async (repos) => {
    const minted = await insertKey(repos, app, { actor, input, draft });
    return { result: minted, events: [{ action: 'key.create', objectId: minted.record.id, organizationId, after: minted.record }] };
  });
  await publishChanges(app, [['key', record.id]]);
  return keyReplyOf(record, secret);
}

async function writeKey(call: AdminCall<unknown>, key: VirtualKeyRecord, change: { patch: VirtualKeyPatch; action: AuditAction }): Promise<VirtualKeyRecord> {
  const organizationId = (await keyTarget(call.app, key)).organizationId ?? null;
  const updated = await audited(call, async (repos) => {
    const next = await repos.virtualKeys.update(key.id, change.patch);
    if (next === null) throw notFound('Key', 'key');
    return { result: next, events: [{ action: change.action, objectId: key.id, organizationId, before: key, after: next }] };
  });
  await publishChanges(call.app, [['key', key.id]]);
  return updated;
}

export async function updateKey(call: AdminCall<KeyFieldsInput & { readonly key: string }>): Promise<KeyReply> {
  const { app, actor, input } = call;
  const { key: reference, ...fields } = input;
  const key = await scopedKey(app, actor, 'key:update', reference);
  const draft = keyDraftOf(fields, key, Date.now());
  await checkKeyDraft(app, actor, { draft, permission: 'key:update', unblocks: key.blocked && fields.blocked === false });
  return keyReplyOf(await writeKey(call, key, { patch: keyPatchOf(fields, draft, key.metadata), action: 'key.update' }));
}

type RegenerateInput = KeyFieldsInput & { readonly key?: string | undefined; readonly grace_period?: string | null | undefined };

async function regenerate(call: AdminCall<RegenerateInput>, reference: string): Promise<KeyReply> {
  const { app, actor } = call;
  const { key: _reference, grace_period: gracePeriod, ...fields } = call.input;
  const key = await scopedKey(app, actor, 'key:regenerate', reference);
  const nowMs = Date.now();
  const draft = keyDraftOf(fields, key, nowMs);
  await checkKeyDraft(app, actor, { draft, permission: 'key:regenerate', unblocks: key.blocked && fields.blocked === false });
  const minted = mintVirtualKey();
  const graceEndsAt = expiryOf(gracePeriod, nowMs) ?? null;
  const patch: VirtualKeyPatch = {
    ...keyPatchOf(fields, draft, key.metadata),
    keyHash: hashVirtualKey(minted.secret, app.keyHashingKey),
    displayName: minted.displayName,
    previousKeyHash: graceEndsAt === null ? null : key.keyHash,
    previousKeyExpiresAt: graceEndsAt,
  };
  return keyReplyOf(await writeKey(call, key, { patch, action: 'key.regenerate' }), minted.secret);
}

export function regenerateKey(call: AdminCall<RegenerateInput>): Promise<KeyReply> {
  if (call.input.key === undefined) throw badField('key', 'name the key to regenerate');
  return regenerate(call, call.input.key);
}

const regeneratePath = /^\/key\/([^/]+)\/regenerate$/;

/** LiteLLM's `POST /key/{key}/regenerate`: the key comes from the path. */
export function regenerateKeyInPath(call: AdminCall<RegenerateInput>): Promise<KeyReply> {
  const encoded = regeneratePath.exec(call.ex.path)?.[1];
  let reference: string | undefined;
  try {
    reference = encoded === undefined ? undefined : decodeURIComponent(encoded);
  } catch {
    reference = undefined;
  }
  if (reference === undefined || reference === '') throw badField('key', 'the path must be /key/{key}/regenerate');
  if (call.input.key !== undefined && call.input.key !== reference) throw badField('key', 'differs from the key in the path');
  return regenerate(call, reference);
}

async function setBlocked(call: AdminCall<{ readonly key: string }>, blocked: boolean): Promise<KeyReply> {
  const key = await scopedKey(call.app, call.actor, 'key:block', call.input.key);
  return keyReplyOf(await writeKey(call, key, { patch: { blocked }, action: blocked ? 'key.block' : 'key.unblock' }));
}

export const blockKey = (call: AdminCall<{ readonly key: string }>): Promise<KeyReply> => setBlocked(call, true);
export const unblockKey = (call: AdminCall<{ readonly key: string }>): Promise<KeyReply> => setBlocked(call, false);

interface DeleteInput {
  readonly keys?: readonly string[] | undefined;
  readonly key_aliases?: readonly string[] | undefined;
}

/** Every named key must exist and be the caller's to delete, or nothing is deleted. */
export async function deleteKeys(call: AdminCall<DeleteInput>): Promise<{ deleted_keys: string[] }> {
  const { app, actor, input } = call;
  const found = new Map<string, { key: VirtualKeyRecord; organizationId: string | null }>();
  const add = async (key: VirtualKeyRecord | null, what: string, param: string): Promise<void> => {
    const target = key === null ? null : await keyTarget(app, key);
    if (key === null || target === null || !can(actor, 'key:delete', target)) throw notFound(what, param);
    found.set(key.id, { key, organizationId: target.organizationId ?? null });
  };
  for (const [i, reference] of (input.keys ?? []).entries()) await add(await scopedKey(app, actor, 'key:delete', reference, `keys[${i}]`), 'Key', `keys[${i}]`);
  for (const [i, alias] of (input.key_aliases ?? []).entries()) await add(await app.repos.virtualKeys.getByAlias(alias), `Key alias "${alias}"`, `key_aliases[${i}]`);
  const deleted = await audited(call, async (repos) => {
    const ids = await repos.virtualKeys.delete([...found.keys()]);
    const events = ids.map((id) => ({ action: 'key.delete' as const, objectId: id, organizationId: found.get(id)?.organizationId ?? null, before: found.get(id)?.key }));
    return { result: ids, events };
  });
  await publishChanges(app, deleted.map((id) => ['key', id] as const));
  return { deleted_keys: deleted };
}
