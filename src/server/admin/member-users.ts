// Which user a member entry (`user_id` or `user_email`) names, when the caller may add it to a team
// or organisation: any user for global admins; otherwise a user the caller may read, or one
// already in the organisation concerned. Anyone else is answered "not found".

import type { Actor } from '../../auth/actor.js';
import type { UserRecord } from '../../store/records.js';
import type { AppContext } from '../app-context.js';
import { notFound } from './admin-errors.js';
import { canReach, userReach } from './object-scope.js';

export interface MemberName {
  readonly user_id?: string | undefined;
  readonly user_email?: string | undefined;
}

/** The user named by id, else by email (case-insensitive), and the name used, for messages. */
export async function userByName(app: AppContext, name: MemberName): Promise<{ user: UserRecord | null; named: string }> {
  const named = name.user_id ?? name.user_email ?? '';
  const user = name.user_id !== undefined ? await app.repos.users.get(name.user_id) : await app.repos.users.getByEmail(named);
  return { user, named };
}

export async function memberUser(
  app: AppContext,
  actor: Actor,
  member: MemberName & { readonly organizationId: string | null; readonly param: string },
): Promise<UserRecord> {
  const { user, named } = await userByName(app, member);
  if (user === null) throw notFound(`User "${named}"`, member.param);
  const reach = await userReach(app, user.id);
  const inOrganization = member.organizationId !== null && reach.organizationIds.includes(member.organizationId);
  if (!inOrganization && !canReach(actor, 'user:read', reach.targets)) throw notFound(`User "${named}"`, member.param);
  return user;
}

export function membersOf<M>(member: M | readonly M[]): readonly M[] {
  return Array.isArray(member) ? (member as readonly M[]) : [member as M];
}
