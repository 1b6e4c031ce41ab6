// Models added through the API: create, read, update, delete, list. Secret parameters arrive
// already encrypted (crypto owns that); the plain `litellmParams` must hold no secret.

import type { Selectable } from 'kysely';
import type { StoredModelRecord } from '../records.js';
import type { StoredModelsTable } from '../schema.js';
import type { Store } from '../store.js';
import { withConflictMessages } from './constraint-errors.js';
import { fetchPage } from './page.js';
import type { Page, PageRequest } from './page.js';
import type { Patch } from './record-patch.js';
import { newRecord, patchRecord } from './record-writes.js';
import type { FieldsOf, RecordRows } from './record-writes.js';
import { clockOf } from './repository-options.js';
import type { RepositoryOptions } from './repository-options.js';
import { parseJsonObject, toJsonText } from './row-values.js';

export type StoredModelFields = FieldsOf<StoredModelRecord>;
export type NewStoredModel = Patch<StoredModelFields> & Pick<StoredModelRecord, 'modelName'> & { readonly id?: string | undefined };
export type StoredModelPatch = Patch<StoredModelFields>;

export interface StoredModelListQuery extends PageRequest {
  readonly modelName?: string | undefined;
}

export interface StoredModelRepository {
  /** StoreConflictError('duplicate') when the id is taken. */
  create(input: NewStoredModel): Promise<StoredModelRecord>;
  get(id: string): Promise<StoredModelRecord | null>;
  update(id: string, patch: StoredModelPatch): Promise<StoredModelRecord | null>;
  delete(id: string): Promise<boolean>;
  /** Ordered by creation time, then id. */
  list(query: StoredModelListQuery): Promise<Page<StoredModelRecord>>;
  /** Every stored model, in list order: what the router loads at start and on change. */
  listAll(): Promise<StoredModelRecord[]>;
}

function storedModelFromRow(row: Selectable<StoredModelsTable>): StoredModelRecord {
  return {
    id: row.id,
    modelName: row.model_name,
    litellmParams: parseJsonObject(row.litellm_params, 'stored_models.litellm_params'),
    encryptedSecrets: row.encrypted_secrets,
    modelInfo: parseJsonObject(row.model_info, 'stored_models.model_info'),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function storedModelToRow(record: StoredModelRecord): StoredModelsTable {
  return {
    id: record.id,
    model_name: record.modelName,
    litellm_params: toJsonText(record.litellmParams),
    encrypted_secrets: record.encryptedSecrets,
    model_info: toJsonText(record.modelInfo),
    created_by: record.createdBy,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

const storedModelRows: RecordRows<StoredModelRecord> = {
  async read(db, id) {
    const row = await db.selectFrom('gatehouse_stored_models').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : storedModelFromRow(row);
  },
  async insert(db, record) {
    const row = await db.insertInto('gatehouse_stored_models').values(storedModelToRow(record)).returningAll().executeTakeFirstOrThrow();
    return storedModelFromRow(row);
  },
  async write(db, next) {
    const { id, created_at: _createdAt, ...columns } = storedModelToRow(next);
    const row = await db.updateTable('gatehouse_stored_models').set(columns).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return storedModelFromRow(row);
  },
};

const storedModelDefaults: Omit<StoredModelFields, 'modelName'> = { litellmParams: {}, encryptedSecrets: null, modelInfo: {}, createdBy: null };

export function createStoredModelRepository(store: Store, options: RepositoryOptions = {}): StoredModelRepository {
  const { db } = store;
  const now = clockOf(options);

  return {
    get: (id) => storedModelRows.read(db, id),
    async create(input) {
      const record = newRecord<StoredModelRecord>({ ...storedModelDefaults, modelName: input.modelName }, input, { now: now() });
      return withConflictMessages(() => storedModelRows.insert(db, record), { duplicate: `A model with id "${record.id}" already exists.` });
    },
    update: (id, patch) => patchRecord(db, storedModelRows, { id, patch, now: now() }),
    async delete(id) {
      const result = await db.deleteFrom('gatehouse_stored_models').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async list(query) {
      const { modelName } = query;
      const filtered = db.selectFrom('gatehouse_stored_models').$if(modelName !== undefined, (q) => q.where('model_name', '=', modelName ?? ''));
      return fetchPage(
        query,
        {
          rows: ({ limit, offset }) => filtered.selectAll().orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute(),
          total: () => filtered.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst(),
        },
        storedModelFromRow,
      );
    },
    async listAll() {
      const rows = await db.selectFrom('gatehouse_stored_models').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(storedModelFromRow);
    },
  };
}
