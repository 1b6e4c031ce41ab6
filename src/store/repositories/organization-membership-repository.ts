// Who belongs to which organisation, with which organisation role: adding (or re-roling),
// removing and listing members, and the organisations of one user. Role checks live in auth.

import type { Selectable } from 'kysely';
import { organizationRoles } from '../records.js';
import type { OrganizationMembershipRecord, OrganizationRecord, OrganizationRole, UserRecord } from '../records.js';
import type { OrganizationMembershipsTable } from '../schema.js';
import type { Store } from '../store.js';
import { withConflictMessages } from './constraint-errors.js';
import { organizationFromRow } from './organization-rows.js';
import { clockOf } from './repository-options.js';
import type { RepositoryOptions } from './repository-options.js';
import { parseOneOf } from './row-values.js';
import { userFromRow } from './user-rows.js';

export interface OrganizationMember {
  readonly user: UserRecord;
  readonly role: OrganizationRole;
  readonly joinedAt: string;
}

export interface OrganizationOfUser {
  readonly organization: OrganizationRecord;
  readonly role: OrganizationRole;
  readonly joinedAt: string;
}

export interface OrganizationMembershipRepository {
  /** Adds the user, or changes the role of a member (keeping when they joined). */
  add(organizationId: string, userId: string, role: OrganizationRole): Promise<OrganizationMembershipRecord>;
  /** False when the user was not a member. */
  remove(organizationId: string, userId: string): Promise<boolean>;
  /** Ordered by when they joined, then user id. */
  list(organizationId: string): Promise<OrganizationMember[]>;
  /** Ordered by when they joined, then organisation id. */
  organizationsOfUser(userId: string): Promise<OrganizationOfUser[]>;
}

const roleColumn = 'organization_memberships.role';

export function organizationMembershipFromRow(row: Selectable<OrganizationMembershipsTable>): OrganizationMembershipRecord {
  return {
    organizationId: row.organization_id,
    userId: row.user_id,
    role: parseOneOf(row.role, organizationRoles, roleColumn),
    createdAt: row.created_at,
  };
}

export function createOrganizationMembershipRepository(store: Store, options: RepositoryOptions = {}): OrganizationMembershipRepository {
  const { db } = store;
  const now = clockOf(options);

  return {
    async add(organizationId, userId, role) {
      const row = await withConflictMessages(
        () =>
          db
            .insertInto('gatehouse_organization_memberships')
            .values({ organization_id: organizationId, user_id: userId, role, created_at: now().toISOString() })
            .onConflict((conflict) => conflict.columns(['organization_id', 'user_id']).doUpdateSet({ role }))
            .returningAll()
            .executeTakeFirstOrThrow(),
        { missingReference: 'The organization or the user does not exist.' },
      );
      return organizationMembershipFromRow(row);
    },
    async remove(organizationId, userId) {
      const result = await db
        .deleteFrom('gatehouse_organization_memberships')
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async list(organizationId) {
      const rows = await db
        .selectFrom('gatehouse_organization_memberships as m')
        .innerJoin('gatehouse_users as u', 'u.id', 'm.user_id')
        .selectAll('u')
        .select(['m.role as member_role', 'm.created_at as member_since'])
        .where('m.organization_id', '=', organizationId)
        .orderBy('m.created_at')
        .orderBy('m.user_id')
        .execute();
      return rows.map((row) => ({
        user: userFromRow(row),
        role: parseOneOf(row.member_role, organizationRoles, roleColumn),
        joinedAt: row.member_since,
      }));
    },
    async organizationsOfUser(userId) {
      const rows = await db
        .selectFrom('gatehouse_organization_memberships as m')
        .innerJoin('gatehouse_organizations as o', 'o.id', 'm.organization_id')
        .selectAll('o')
        .select(['m.role as member_role', 'm.created_at as member_since'])
        .where('m.user_id', '=', userId)
        .orderBy('m.created_at')
        .orderBy('m.organization_id')
        .execute();
      return rows.map((row) => ({
        organization: organizationFromRow(row),
        role: parseOneOf(row.member_role, organizationRoles, roleColumn),
        joinedAt: row.member_since,
      }));
    },
  };
}
