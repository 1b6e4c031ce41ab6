// `/key/generate`, `/key/update`, `/key/regenerate` (also `/key/{key}/regenerate`), `/key/block`,
// `/key/unblock` and `/key/delete`. Each checks the key as it would be after the change, writes it,
// then tells every cache so the change holds from the next request on.

import type { Actor } from '../../auth/actor.js';
import { can } from '../../auth/permissions.js';
import { hashVirtualKey, mintVirtualKey, newKeyId } from '../../auth/virtual-keys.js';
import type { VirtualKeyRecord } from '../../store/records.js';
import type { VirtualKeyPatch } from '../../store/repositories/virtual-key-repository.js';
import type { AppContext } from '../app-context.js';
import { badField, notFound, storeWrite } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { checkKeyDraft, expiryOf, keyDraftOf, keyPatchOf, newKeyScope } from './key-grant.js';
import { keyReplyOf, scopedKey } from './key-reply.js';
import type { KeyFieldsInput, KeyReply } from './key-schemas.js';
import { creatorOf, keyTarget, publishChanges } from './object-scope.js';

async function writeKey(app: AppContext, id: string, patch: VirtualKeyPatch): Promise<VirtualKeyRecord> {
  const updated = await storeWrite(() => app.repos.virtualKeys.update(id, patch));
  if (updated === null) throw notFound('Key', 'key');
  await publishChanges(app, [['key', id]]);
  return updated;
}

/** Creates a key after the grant checks; a key without `user_id` belongs to the caller (none for the master key). */
export async function createKey(app: AppContext, actor: Actor, input: KeyFieldsInput): Promise<KeyReply> {
  const draft = keyDraftOf({ ...input, user_id: input.user_id === undefined ? actor.userId : input.user_id }, newKeyScope, Date.now());
  await checkKeyDraft(app, actor, { draft, permission: 'key:create', unblocks: false });
  const minted = mintVirtualKey();
  const record = await storeWrite(() =>
    app.repos.virtualKeys.create({
      ...keyPatchOf(input, draft, {}),
      id: newKeyId(),
      keyHash: hashVirtualKey(minted.secret, app.keyHashingKey),
      displayName: minted.displayName,
      createdBy: creatorOf(actor),
    }),
  );
  await publishChanges(app, [['key', record.id]]);
  return keyReplyOf(record, minted.secret);
}

export function generateKey({ app, actor, input }: AdminCall<KeyFieldsInput>): Promise<KeyReply> {
  return createKey(app, actor, input);
}

export async function updateKey({ app, actor, input }: AdminCall<KeyFieldsInput & { readonly key: string }>): Promise<KeyReply> {
  const { key: reference, ...fields } = input;
  const key = await scopedKey(app, actor, 'key:update', reference);
  const draft = keyDraftOf(fields, key, Date.now());
  await checkKeyDraft(app, actor, { draft, permission: 'key:update', unblocks: key.blocked && fields.blocked === false });
  return keyReplyOf(await writeKey(app, key.id, keyPatchOf(fields, draft, key.metadata)));
}

type RegenerateInput = KeyFieldsInput & { readonly key?: string | undefined; readonly grace_period?: string | null | undefined };

async function regenerate(app: AppContext, actor: Actor, reference: string, input: RegenerateInput): Promise<KeyReply> {
  const { key: _reference, grace_period: gracePeriod, ...fields } = input;
  const key = await scopedKey(app, actor, 'key:regenerate', reference);
  const nowMs = Date.now();
  const draft = keyDraftOf(fields, key, nowMs);
  await checkKeyDraft(app, actor, { draft, permission: 'key:regenerate', unblocks: key.blocked && fields.blocked === false });
  const minted = mintVirtualKey();
  const graceEndsAt = expiryOf(gracePeriod, nowMs) ?? null;
  const updated = await writeKey(app, key.id, {
    ...keyPatchOf(fields, draft, key.metadata),
    keyHash: hashVirtualKey(minted.secret, app.keyHashingKey),
    displayName: minted.displayName,
    previousKeyHash: graceEndsAt === null ? null : key.keyHash,
    previousKeyExpiresAt: graceEndsAt,
  });
  return keyReplyOf(updated, minted.secret);
}

export function regenerateKey({ app, actor, input }: AdminCall<RegenerateInput>): Promise<KeyReply> {
  if (input.key === undefined) throw badField('key', 'name the key to regenerate');
  return regenerate(app, actor, input.key, input);
}

const regeneratePath = /^\/key\/([^/]+)\/regenerate$/;

/** LiteLLM's `POST /key/{key}/regenerate`: the key comes from the path. */
export function regenerateKeyInPath({ ex, app, actor, input }: AdminCall<RegenerateInput>): Promise<KeyReply> {
  const encoded = regeneratePath.exec(ex.path)?.[1];
  let reference: string | undefined;
  try {
    reference = encoded === undefined ? undefined : decodeURIComponent(encoded);
  } catch {
    reference = undefined;
  }
  if (reference === undefined || reference === '') throw badField('key', 'the path must be /key/{key}/regenerate');
  if (input.key !== undefined && input.key !== reference) throw badField('key', 'differs from the key in the path');
  return regenerate(app, actor, reference, input);
}

async function setBlocked(call: AdminCall<{ readonly key: string }>, blocked: boolean): Promise<KeyReply> {
  const key = await scopedKey(call.app, call.actor, 'key:block', call.input.key);
  return keyReplyOf(await writeKey(call.app, key.id, { blocked }));
}

export const blockKey = (call: AdminCall<{ readonly key: string }>): Promise<KeyReply> => setBlocked(call, true);
export const unblockKey = (call: AdminCall<{ readonly key: string }>): Promise<KeyReply> => setBlocked(call, false);

interface DeleteInput {
  readonly keys?: readonly string[] | undefined;
  readonly key_aliases?: readonly string[] | undefined;
}

/** Every named key must exist and be the caller's to delete, or nothing is deleted. */
export async function deleteKeys({ app, actor, input }: AdminCall<DeleteInput>): Promise<{ deleted_keys: string[] }> {
  const ids = new Set<string>();
  for (const [index, reference] of (input.keys ?? []).entries()) ids.add((await scopedKey(app, actor, 'key:delete', reference, `keys[${index}]`)).id);
  for (const [index, alias] of (input.key_aliases ?? []).entries()) {
    const key = await app.repos.virtualKeys.getByAlias(alias);
    if (key === null || !can(actor, 'key:delete', await keyTarget(app, key))) throw notFound(`Key alias "${alias}"`, `key_aliases[${index}]`);
    ids.add(key.id);
  }
  const deleted = await app.repos.virtualKeys.delete([...ids]);
  await publishChanges(app, deleted.map((id) => ['key', id] as const));
  return { deleted_keys: deleted };
}
