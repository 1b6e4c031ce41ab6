// `/key/info` and `/key/list`: keys the caller may read, never their secrets or hashes. Without a
// `key`, `/key/info` describes the calling key itself, as LiteLLM does.

import { can } from '../../auth/permissions.js';
import type { VirtualKeyRecord } from '../../store/records.js';
import type { Page } from '../../store/repositories/page.js';
import type { AppContext } from '../app-context.js';
import type { Actor } from '../../auth/actor.js';
import { visibilityFor } from './actor-scope.js';
import { badField } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { keyReplyOf, scopedKey } from './key-reply.js';
import type { KeyReply } from './key-schemas.js';
import { keyTarget } from './object-scope.js';

export async function keyInfo({ app, actor, input }: AdminCall<{ readonly key?: string | undefined }>): Promise<{ key: string; info: KeyReply }> {
  const principal = actor.principal;
  let key: VirtualKeyRecord;
  if (input.key !== undefined) key = await scopedKey(app, actor, 'key:read', input.key);
  else if (principal.kind === 'virtual-key') key = (await app.repos.virtualKeys.get(principal.key.id)) ?? principal.key;
  else throw badField('key', 'name the key: the master key is not a virtual key');
  return { key: key.id, info: keyReplyOf(key) };
}

interface KeyListInput {
  readonly page?: number | undefined;
  readonly size?: number | undefined;
  readonly user_id?: string | undefined;
  readonly team_id?: string | undefined;
  readonly organization_id?: string | undefined;
  readonly key_alias?: string | undefined;
  readonly return_full_object?: boolean | undefined;
}

/** The one key with this alias, when it passes the other filters and the caller may read it. */
async function keyByAlias(app: AppContext, actor: Actor, input: KeyListInput & { readonly key_alias: string }): Promise<Page<VirtualKeyRecord>> {
  const key = await app.repos.virtualKeys.getByAlias(input.key_alias);
  if (key === null) return { items: [], total: 0 };
  const target = await keyTarget(app, key);
  const matches =
    (input.user_id === undefined || key.userId === input.user_id) &&
    (input.team_id === undefined || key.teamId === input.team_id) &&
    (input.organization_id === undefined || target.organizationId === input.organization_id);
  return matches && can(actor, 'key:read', target) ? { items: [key], total: 1 } : { items: [], total: 0 };
}

export async function listKeys({ app, actor, input }: AdminCall<KeyListInput>): Promise<{
  keys: Array<string | KeyReply>;
  total_count: number;
  current_page: number;
  total_pages: number;
}> {
  const page = input.page ?? 1;
  const size = input.size ?? 10;
  const found = input.key_alias !== undefined
    ? await keyByAlias(app, actor, { ...input, key_alias: input.key_alias })
    : await app.repos.virtualKeys.list({
      page,
      pageSize: size,
      userId: input.user_id,
      teamId: input.team_id,
      organizationIds: input.organization_id === undefined ? undefined : [input.organization_id],
      visibleTo: visibilityFor(actor, 'key:read'),
    });
  return {
    keys: found.items.map((key) => (input.return_full_object === true ? keyReplyOf(key) : key.id)),
    total_count: found.total,
    current_page: page,
    total_pages: Math.ceil(found.total / size),
  };
}
