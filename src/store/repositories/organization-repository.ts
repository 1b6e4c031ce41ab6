// Organisations: create, read, update, delete and scoped, paginated listing. Deleting one that
// still has teams or keys is refused; its memberships go with it. Permission checks live in auth.

import type { OrganizationRecord } from '../records.js';
import type { Store } from '../store.js';
import { StoreConflictError } from '../store-error.js';
import { startBudgetPeriod } from './budget-columns.js';
import { withConflictMessages } from './constraint-errors.js';
import { organizationDefaults, organizationFromRow, organizationRows } from './organization-rows.js';
import type { OrganizationFields } from './organization-rows.js';
import { fetchPage } from './page.js';
import type { Page, PageRequest } from './page.js';
import type { Patch } from './record-patch.js';
import { newRecord, patchRecord } from './record-writes.js';
import { clockOf } from './repository-options.js';
import type { RepositoryOptions } from './repository-options.js';
import { inList } from './visibility-scope.js';

export type NewOrganization = Patch<OrganizationFields> & { readonly id?: string | undefined };
export type OrganizationPatch = Patch<OrganizationFields>;

export interface OrganizationListQuery extends PageRequest {
  /** Only these organisations (the caller's scope); an empty list matches none. */
  readonly ids?: readonly string[] | undefined;
}

export interface OrganizationRepository {
  /** Throws StoreConflictError('duplicate') when the id is taken. */
  create(input: NewOrganization): Promise<OrganizationRecord>;
  get(id: string): Promise<OrganizationRecord | null>;
  /** Null when there is no such organisation. */
  update(id: string, patch: OrganizationPatch): Promise<OrganizationRecord | null>;
  /** False when there was none; StoreConflictError('in_use') while teams or keys belong to it. */
  delete(id: string): Promise<boolean>;
  /** Ordered by creation time, then id. */
  list(query: OrganizationListQuery): Promise<Page<OrganizationRecord>>;
}


export function createOrganizationRepository(store: Store, options: RepositoryOptions = {}): OrganizationRepository {
  const { db } = store;
  const now = clockOf(options);

  return {
    get: (id) => organizationRows.read(db, id),
    async create(input) {
      const record = newRecord<OrganizationRecord>(organizationDefaults, input, { now: now(), finish: startBudgetPeriod });
      return withConflictMessages(() => organizationRows.insert(db, record), { duplicate: `An organization with id "${record.id}" already exists.` });
    },
    update: (id, patch) => patchRecord(db, organizationRows, { id, patch, now: now(), finish: startBudgetPeriod }),
    async delete(id) {
      return db.transaction().execute(async (trx) => {
        const team = await trx.selectFrom('gatehouse_teams').select('id').where('organization_id', '=', id).executeTakeFirst();
        const key = await trx.selectFrom('gatehouse_virtual_keys').select('id').where('organization_id', '=', id).executeTakeFirst();
        if (team !== undefined || key !== undefined) {
          throw new StoreConflictError('in_use', `Organization "${id}" still has teams or keys: delete or move them first.`);
        }
        const result = await trx.deleteFrom('gatehouse_organizations').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
    async list(query) {
      const { ids } = query;
      const filtered = db.selectFrom('gatehouse_organizations').$if(ids !== undefined, (q) => q.where((eb) => inList(eb, 'id', ids ?? [])));
      return fetchPage(
        query,
        {
          rows: ({ limit, offset }) => filtered.selectAll().orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute(),
          total: () => filtered.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst(),
        },
        organizationFromRow,
      );
    },
  };
}
