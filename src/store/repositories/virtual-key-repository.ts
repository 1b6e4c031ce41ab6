// Virtual keys: create, read (by id, alias or hash), update (also to rotate the hash), delete and
// scoped, paginated listing. Minting secrets and hashing them live in auth; the store sees HMACs.

import type { VirtualKeyRecord } from '../records.js';
import type { Store } from '../store.js';
import { startBudgetPeriod } from './budget-columns.js';
import { withConflictMessages } from './constraint-errors.js';
import { findKeyByHash } from './find-key-by-hash.js';
import type { KeyWithOwners } from './find-key-by-hash.js';
import { fetchPage } from './page.js';
import type { Page, PageRequest } from './page.js';
import type { Patch } from './record-patch.js';
import { newRecord, patchRecord } from './record-writes.js';
import { clockOf } from './repository-options.js';
import type { RepositoryOptions } from './repository-options.js';
import { virtualKeyDefaults, virtualKeyFromRow, virtualKeyRows } from './virtual-key-rows.js';
import type { VirtualKeyFields } from './virtual-key-rows.js';
import { inList, visibleThrough } from './visibility-scope.js';
import type { VisibilityScope } from './visibility-scope.js';

export type NewVirtualKey = Patch<VirtualKeyFields> & Pick<VirtualKeyRecord, 'keyHash' | 'displayName'> & { readonly id?: string | undefined };
export type VirtualKeyPatch = Patch<VirtualKeyFields>;

export interface VirtualKeyListQuery extends PageRequest {
  readonly userId?: string | undefined;
  readonly teamId?: string | undefined;
  /** Keys whose organisation (their own, else their team's) is one of these. */
  readonly organizationIds?: readonly string[] | undefined;
  readonly teamIds?: readonly string[] | undefined;
  /** Keys in these organisations (as above), in these teams, or of these users. */
  readonly visibleTo?: VisibilityScope | undefined;
}

export interface VirtualKeyRepository {
  /** StoreConflictError: 'duplicate' id, alias or hash; 'missing_reference' to an unknown user, team or organisation. */
  create(input: NewVirtualKey): Promise<VirtualKeyRecord>;
  get(id: string): Promise<VirtualKeyRecord | null>;
  getByAlias(alias: string): Promise<VirtualKeyRecord | null>;
  update(id: string, patch: VirtualKeyPatch): Promise<VirtualKeyRecord | null>;
  /** The ids that existed and were deleted. */
  delete(ids: readonly string[]): Promise<string[]>;
  /** Filters combine with AND; ordered by creation time, then id. */
  list(query: VirtualKeyListQuery): Promise<Page<VirtualKeyRecord>>;
  /**
   * The key whose current hash, or previous hash still in its grace period at `now`, is `keyHash`,
   * with its user, team, organisation and roles; undefined when none. Blocked and expired keys too.
   */
  findByHash(keyHash: string, now: Date): Promise<KeyWithOwners | undefined>;
}

const keyConflicts = {
  duplicate: 'A key with this id, alias or secret already exists.',
  missingReference: 'The user, team or organization of the key does not exist.',
};

export function createVirtualKeyRepository(store: Store, options: RepositoryOptions = {}): VirtualKeyRepository {
  const { db } = store;
  const now = clockOf(options);

  return {
    get: (id) => virtualKeyRows.read(db, id),
    async getByAlias(alias) {
      const row = await db.selectFrom('gatehouse_virtual_keys').selectAll().where('alias', '=', alias).executeTakeFirst();
      return row === undefined ? null : virtualKeyFromRow(row);
    },
    async create(input) {
      const record = newRecord<VirtualKeyRecord>(
        { ...virtualKeyDefaults, keyHash: input.keyHash, displayName: input.displayName },
        input,
        { now: now(), finish: startBudgetPeriod },
      );
      return withConflictMessages(() => virtualKeyRows.insert(db, record), keyConflicts);
    },
    update: (id, patch) =>
      withConflictMessages(() => patchRecord(db, virtualKeyRows, { id, patch, now: now(), finish: startBudgetPeriod }), keyConflicts),
    async delete(ids) {
      if (ids.length === 0) return [];
      const rows = await db.deleteFrom('gatehouse_virtual_keys').where((eb) => inList(eb, 'id', ids)).returning('id').execute();
      return rows.map((row) => row.id);
    },
    list: (query) => listKeys(store, query),
    findByHash: (keyHash, at) => findKeyByHash(store, keyHash, at),
  };
}

function listKeys(store: Store, query: VirtualKeyListQuery): Promise<Page<VirtualKeyRecord>> {
  const { userId, teamId, organizationIds, teamIds, visibleTo } = query;
  const filtered = store.db
    .selectFrom('gatehouse_virtual_keys as k')
    .leftJoin('gatehouse_teams as t', 't.id', 'k.team_id')
    .$if(userId !== undefined, (q) => q.where('k.user_id', '=', userId ?? ''))
    .$if(teamId !== undefined, (q) => q.where('k.team_id', '=', teamId ?? ''))
    .$if(organizationIds !== undefined, (q) =>
      q.where((eb) => inList(eb, eb.fn.coalesce('k.organization_id', 't.organization_id'), organizationIds ?? [])),
    )
    .$if(teamIds !== undefined, (q) => q.where((eb) => inList(eb, 'k.team_id', teamIds ?? [])))
    .$if(visibleTo !== undefined, (q) =>
      q.where((eb) =>
        visibleThrough(eb, visibleTo ?? {}, {
          organization: eb.fn.coalesce('k.organization_id', 't.organization_id'),
          team: 'k.team_id',
          user: 'k.user_id',
        }),
      ),
    );
  return fetchPage(
    query,
    {
      rows: ({ limit, offset }) => filtered.selectAll('k').orderBy('k.created_at').orderBy('k.id').limit(limit).offset(offset).execute(),
      total: () => filtered.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst(),
    },
    virtualKeyFromRow,
  );
}
