// Teams: create, read, update, delete (with their keys and memberships) and scoped, paginated
// listing; membership operations come from team-members.ts. Permission checks live in auth.

import type { TeamRecord } from '../records.js';
import type { Store } from '../store.js';
import { startBudgetPeriod } from './budget-columns.js';
import { withConflictMessages } from './constraint-errors.js';
import { fetchPage } from './page.js';
import type { Page, PageRequest } from './page.js';
import type { Patch } from './record-patch.js';
import { newRecord, patchRecord } from './record-writes.js';
import type { DeleteResult } from './record-writes.js';
import { clockOf } from './repository-options.js';
import type { RepositoryOptions } from './repository-options.js';
import { createTeamMembers } from './team-members.js';
import type { TeamMembers } from './team-members.js';
import { teamDefaults, teamFromRow, teamRows } from './team-rows.js';
import type { TeamFields } from './team-rows.js';
import { inList } from './visibility-scope.js';
import type { VisibilityScope } from './visibility-scope.js';

export type NewTeam = Patch<TeamFields> & { readonly id?: string | undefined };
export type TeamPatch = Patch<TeamFields>;

export interface TeamListQuery extends PageRequest {
  readonly ids?: readonly string[] | undefined;
  readonly organizationIds?: readonly string[] | undefined;
  /** Teams in these organisations, these teams, or teams these users belong to. */
  readonly visibleTo?: VisibilityScope | undefined;
}

export interface TeamRepository extends TeamMembers {
  /** StoreConflictError: 'duplicate' id, or 'missing_reference' to an unknown organisation. */
  create(input: NewTeam): Promise<TeamRecord>;
  get(id: string): Promise<TeamRecord | null>;
  update(id: string, patch: TeamPatch): Promise<TeamRecord | null>;
  /** Also deletes the team's keys and memberships, in one transaction. */
  delete(id: string): Promise<DeleteResult>;
  /** Filters combine with AND; ordered by creation time, then id. */
  list(query: TeamListQuery): Promise<Page<TeamRecord>>;
}

const missingOrganization = { missingReference: 'The organization does not exist.' };

export function createTeamRepository(store: Store, options: RepositoryOptions = {}): TeamRepository {
  const { db } = store;
  const now = clockOf(options);

  return {
    ...createTeamMembers(store, options),
    get: (id) => teamRows.read(db, id),
    async create(input) {
      const record = newRecord<TeamRecord>(teamDefaults, input, { now: now(), finish: startBudgetPeriod });
      return withConflictMessages(() => teamRows.insert(db, record), {
        ...missingOrganization,
        duplicate: `A team with id "${record.id}" already exists.`,
      });
    },
    update: (id, patch) =>
      withConflictMessages(() => patchRecord(db, teamRows, { id, patch, now: now(), finish: startBudgetPeriod }), missingOrganization),
    async delete(id) {
      return db.transaction().execute(async (trx) => {
        const keys = await trx.deleteFrom('gatehouse_virtual_keys').where('team_id', '=', id).returning('id').execute();
        const result = await trx.deleteFrom('gatehouse_teams').where('id', '=', id).executeTakeFirst();
        return { deleted: result.numDeletedRows > 0n, deletedKeyIds: keys.map((key) => key.id) };
      });
    },
    list: (query) => listTeams(store, query),
  };
}

function listTeams(store: Store, query: TeamListQuery): Promise<Page<TeamRecord>> {
  const { ids, organizationIds, visibleTo } = query;
  const filtered = store.db
    .selectFrom('gatehouse_teams as t')
    .$if(ids !== undefined, (q) => q.where((eb) => inList(eb, 't.id', ids ?? [])))
    .$if(organizationIds !== undefined, (q) => q.where((eb) => inList(eb, 't.organization_id', organizationIds ?? [])))
    .$if(visibleTo !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          inList(eb, 't.organization_id', visibleTo?.organizationIds ?? []),
          inList(eb, 't.id', visibleTo?.teamIds ?? []),
          eb.exists(
            eb
              .selectFrom('gatehouse_team_memberships as m')
              .select('m.team_id')
              .whereRef('m.team_id', '=', 't.id')
              .where((inner) => inList(inner, 'm.user_id', visibleTo?.userIds ?? [])),
          ),
        ]),
      ),
    );
  return fetchPage(
    query,
    {
      rows: ({ limit, offset }) => filtered.selectAll('t').orderBy('t.created_at').orderBy('t.id').limit(limit).offset(offset).execute(),
      total: () => filtered.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst(),
    },
    teamFromRow,
  );
}
