// Looks a virtual key up by the HMAC of a presented secret, together with its user, team,
// organisation and the user's roles there, in one query. Does not judge the key (expiry,
// blocking, budgets): authentication does that with what this returns.

import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { organizationRoles, teamRoles } from '../records.js';
import type { OrganizationRecord, OrganizationRole, TeamRecord, TeamRole, UserRecord, VirtualKeyRecord } from '../records.js';
import type { OrganizationsTable, TeamsTable, UsersTable } from '../schema.js';
import type { Store } from '../store.js';
import { organizationColumnSet, organizationFromRow } from './organization-rows.js';
import { parseOneOf } from './row-values.js';
import { teamColumnSet, teamFromRow } from './team-rows.js';
import { userColumnSet, userFromRow } from './user-rows.js';
import { virtualKeyFromRow } from './virtual-key-rows.js';

export interface KeyWithOwners {
  readonly key: VirtualKeyRecord;
  /** Whether the hash matched the current secret or a previous one still in its grace period. */
  readonly matched: 'current' | 'previous';
  readonly user: UserRecord | null;
  readonly team: TeamRecord | null;
  /** The key's own organisation, else its team's. */
  readonly organization: OrganizationRecord | null;
  /** The key user's role in the key's team, when both are set and the user is a member. */
  readonly teamRole: TeamRole | null;
  /** The key user's role in that organisation, when they are a member. */
  readonly organizationRole: OrganizationRole | null;
}

type JoinedRow = Record<string, unknown>;

/** `alias.column as alias__column` for every column, so joined tables cannot collide. */
function prefixed(alias: string, columnSet: Readonly<Record<string, true>>) {
  return Object.keys(columnSet).map((column) => sql.ref(`${alias}.${column}`).as(`${alias}__${column}`));
}

/** The joined table's row, or null when the left join found none. */
function unprefixed<T>(row: JoinedRow, alias: string, columnSet: Readonly<Record<keyof T & string, true>>): T | null {
  if (row[`${alias}__id`] === null || row[`${alias}__id`] === undefined) return null;
  // Every column of T was selected under its prefixed name (columnSet is checked complete against T).
  return Object.fromEntries(Object.keys(columnSet).map((column) => [column, row[`${alias}__${column}`]])) as T;
}

function mapped<T, R>(row: T | null, map: (row: T) => R): R | null {
  return row === null ? null : map(row);
}

/** Matches `key_hash`, or a `previous_key_hash` whose grace period ends after `now`; undefined when none does. */
export async function findKeyByHash(store: Store, keyHash: string, now: Date): Promise<KeyWithOwners | undefined> {
  const row = await store.db
    .selectFrom('gatehouse_virtual_keys as k')
    .leftJoin('gatehouse_users as u', 'u.id', 'k.user_id')
    .leftJoin('gatehouse_teams as t', 't.id', 'k.team_id')
    .leftJoin('gatehouse_organizations as o', (join) => join.on('o.id', '=', sql<string>`coalesce(k.organization_id, t.organization_id)`))
    .leftJoin('gatehouse_team_memberships as tm', (join) => join.onRef('tm.team_id', '=', 'k.team_id').onRef('tm.user_id', '=', 'k.user_id'))
    .leftJoin('gatehouse_organization_memberships as om', (join) =>
      join.onRef('om.organization_id', '=', 'o.id').onRef('om.user_id', '=', 'k.user_id'),
    )
    .selectAll('k')
    .select([...prefixed('u', userColumnSet), ...prefixed('t', teamColumnSet), ...prefixed('o', organizationColumnSet)])
    .select(['tm.role as team_role', 'om.role as organization_role'])
    .where((eb) =>
      eb.or([
        eb('k.key_hash', '=', keyHash),
        eb.and([eb('k.previous_key_hash', '=', keyHash), eb('k.previous_key_expires_at', '>', now.toISOString())]),
      ]),
    )
    // A current match wins over another key's previous hash (which only a reused secret could give).
    .orderBy(sql`case when k.key_hash = ${keyHash} then 0 else 1 end`)
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    key: virtualKeyFromRow(row),
    matched: row.key_hash === keyHash ? 'current' : 'previous',
    user: mapped(unprefixed<Selectable<UsersTable>>(row, 'u', userColumnSet), userFromRow),
    team: mapped(unprefixed<Selectable<TeamsTable>>(row, 't', teamColumnSet), teamFromRow),
    organization: mapped(unprefixed<Selectable<OrganizationsTable>>(row, 'o', organizationColumnSet), organizationFromRow),
    teamRole: row.team_role === null ? null : parseOneOf(row.team_role, teamRoles, 'team_memberships.role'),
    organizationRole: row.organization_role === null ? null : parseOneOf(row.organization_role, organizationRoles, 'organization_memberships.role'),
  };
}
