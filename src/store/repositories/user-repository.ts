// Users: create, read (by id or email), update, delete (with their keys and memberships) and
// scoped, paginated listing. Emails match case-insensitively. Permission checks live in auth.

import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { OrganizationMembershipRecord, TeamMembershipRecord, UserRecord } from '../records.js';
import type { Database, UsersTable } from '../schema.js';
import type { Store } from '../store.js';
import { startBudgetPeriod } from './budget-columns.js';
import { withConflictMessages } from './constraint-errors.js';
import { organizationMembershipFromRow } from './organization-membership-repository.js';
import { fetchPage } from './page.js';
import type { Page, PageRequest } from './page.js';
import type { Patch } from './record-patch.js';
import { newRecord, patchRecord } from './record-writes.js';
import type { DeleteResult } from './record-writes.js';
import { clockOf } from './repository-options.js';
import type { RepositoryOptions } from './repository-options.js';
import { teamMembershipFromRow } from './team-members.js';
import { userDefaults, userFromRow, userRows } from './user-rows.js';
import type { UserFields } from './user-rows.js';
import { inList } from './visibility-scope.js';
import type { VisibilityScope } from './visibility-scope.js';

export type NewUser = Patch<UserFields> & Pick<UserRecord, 'role'> & { readonly id?: string | undefined };
export type UserPatch = Patch<UserFields>;

export interface UserListQuery extends PageRequest {
  readonly ids?: readonly string[] | undefined;
  /** Users with a membership in one of these organisations, or in one of their teams. */
  readonly organizationIds?: readonly string[] | undefined;
  /** Users with a membership in one of these teams. */
  readonly teamIds?: readonly string[] | undefined;
  /** Users in these organisations (as above), in these teams, or these users themselves. */
  readonly visibleTo?: VisibilityScope | undefined;
}

/** Every membership of one user: what permission checks scope by. */
export interface UserMemberships {
  readonly organizations: readonly OrganizationMembershipRecord[];
  readonly teams: readonly TeamMembershipRecord[];
}

export interface UserRepository {
  /** StoreConflictError('duplicate') when the id or the email (in any case) is taken. */
  create(input: NewUser): Promise<UserRecord>;
  get(id: string): Promise<UserRecord | null>;
  getByEmail(email: string): Promise<UserRecord | null>;
  update(id: string, patch: UserPatch): Promise<UserRecord | null>;
  /** Also deletes the user's keys and memberships, in one transaction. */
  delete(id: string): Promise<DeleteResult>;
  /** Filters combine with AND; ordered by creation time, then id. */
  list(query: UserListQuery): Promise<Page<UserRecord>>;
  /** The user's organisation and team memberships (none for an unknown user), oldest first. */
  membershipsOf(userId: string): Promise<UserMemberships>;
}

const duplicateUser = { duplicate: 'A user with this id or email already exists.' };

export function createUserRepository(store: Store, options: RepositoryOptions = {}): UserRepository {
  const { db } = store;
  const now = clockOf(options);

  return {
    get: (id) => userRows.read(db, id),
    async getByEmail(email) {
      const row = await db.selectFrom('gatehouse_users').selectAll().where(sql`lower(email)`, '=', sql`lower(${email})`).executeTakeFirst();
      return row === undefined ? null : userFromRow(row);
    },
    async create(input) {
      const record = newRecord<UserRecord>({ ...userDefaults, role: input.role }, input, { now: now(), finish: startBudgetPeriod });
      return withConflictMessages(() => userRows.insert(db, record), duplicateUser);
    },
    update: (id, patch) => withConflictMessages(() => patchRecord(db, userRows, { id, patch, now: now(), finish: startBudgetPeriod }), duplicateUser),
    async delete(id) {
      return db.transaction().execute(async (trx) => {
        const keys = await trx.deleteFrom('gatehouse_virtual_keys').where('user_id', '=', id).returning('id').execute();
        await trx.deleteFrom('gatehouse_team_memberships').where('user_id', '=', id).execute();
        await trx.deleteFrom('gatehouse_organization_memberships').where('user_id', '=', id).execute();
        const result = await trx.deleteFrom('gatehouse_users').where('id', '=', id).executeTakeFirst();
        return { deleted: result.numDeletedRows > 0n, deletedKeyIds: keys.map((key) => key.id) };
      });
    },
    list: (query) => listUsers(store, query),
    async membershipsOf(userId) {
      const [organizations, teams] = await Promise.all([
        db
          .selectFrom('gatehouse_organization_memberships')
          .selectAll()
          .where('user_id', '=', userId)
          .orderBy('created_at')
          .orderBy('organization_id')
          .execute(),
        db.selectFrom('gatehouse_team_memberships').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('team_id').execute(),
      ]);
      return { organizations: organizations.map(organizationMembershipFromRow), teams: teams.map(teamMembershipFromRow) };
    },
  };
}

type UsersBuilder = ExpressionBuilder<Database & { u: UsersTable }, 'u'>;

function inOrganizations(eb: UsersBuilder, organizationIds: readonly string[]): Expression<SqlBool> {
  const direct = eb
    .selectFrom('gatehouse_organization_memberships as om')
    .select('om.user_id')
    .whereRef('om.user_id', '=', 'u.id')
    .where((inner) => inList(inner, 'om.organization_id', organizationIds));
  const viaTeam = eb
    .selectFrom('gatehouse_team_memberships as tm')
    .innerJoin('gatehouse_teams as t', 't.id', 'tm.team_id')
    .select('tm.user_id')
    .whereRef('tm.user_id', '=', 'u.id')
    .where((inner) => inList(inner, 't.organization_id', organizationIds));
  return eb.or([eb.exists(direct), eb.exists(viaTeam)]);
}

function inTeams(eb: UsersBuilder, teamIds: readonly string[]): Expression<SqlBool> {
  const membership = eb
    .selectFrom('gatehouse_team_memberships as tm')
    .select('tm.user_id')
    .whereRef('tm.user_id', '=', 'u.id')
    .where((inner) => inList(inner, 'tm.team_id', teamIds));
  return eb.exists(membership);
}

function listUsers(store: Store, query: UserListQuery): Promise<Page<UserRecord>> {
  const { ids, organizationIds, teamIds, visibleTo } = query;
  const filtered = store.db
    .selectFrom('gatehouse_users as u')
    .$if(ids !== undefined, (q) => q.where((eb) => inList(eb, 'u.id', ids ?? [])))
    .$if(organizationIds !== undefined, (q) => q.where((eb) => inOrganizations(eb, organizationIds ?? [])))
    .$if(teamIds !== undefined, (q) => q.where((eb) => inTeams(eb, teamIds ?? [])))
    .$if(visibleTo !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          inOrganizations(eb, visibleTo?.organizationIds ?? []),
          inTeams(eb, visibleTo?.teamIds ?? []),
          inList(eb, 'u.id', visibleTo?.userIds ?? []),
        ]),
      ),
    );
  return fetchPage(
    query,
    {
      rows: ({ limit, offset }) => filtered.selectAll('u').orderBy('u.created_at').orderBy('u.id').limit(limit).offset(offset).execute(),
      total: () => filtered.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst(),
    },
    userFromRow,
  );
}
