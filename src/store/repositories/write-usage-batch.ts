// Writes a batch of usage records in one transaction: the rows (a request id already stored is
// skipped), the daily aggregates, and the spend of every key, user, team and organisation
// involved. Batching and flushing on a timer live in usage/.

import type { Kysely } from 'kysely';
import type { UsageRecord } from '../records.js';
import type { Database, UsageRecordsTable } from '../schema.js';
import type { Store } from '../store.js';
import { dailyRows, usageToRow } from './usage-rows.js';
import type { DailyRow } from './usage-rows.js';
import { writeSqliteUsageBatch } from './write-usage-batch-sqlite.js';

export interface UsageBatchResult {
  /** Records stored by this call. */
  readonly inserted: number;
  /** Records skipped because their request id was already stored (or repeated in the batch). */
  readonly duplicates: number;
}

/** Rows per statement: far below SQLite's 32766 and PostgreSQL's 65535 bound parameters. */
const rowsPerStatement = 500;

/** Spend owners, always updated in this order (and by id) so concurrent batches never deadlock. */
const spendOwners = [
  ['gatehouse_organizations', 'organization_id'],
  ['gatehouse_teams', 'team_id'],
  ['gatehouse_users', 'user_id'],
  ['gatehouse_virtual_keys', 'key_id'],
] as const;

export async function writeUsageBatch(store: Store, records: readonly UsageRecord[]): Promise<UsageBatchResult> {
  const rows = uniqueByRequestId(records.map(usageToRow));
  if (rows.length === 0) return { inserted: 0, duplicates: records.length };
  const sqlite = store.sqlite;
  if (sqlite !== undefined) {
    const inserted = await store.db.connection().execute(async () => writeSqliteUsageBatch(sqlite, { rows, dailyRows, spendOwners }));
    return { inserted: inserted.length, duplicates: records.length - inserted.length };
  }
  return store.db.transaction().execute(async (trx) => {
    const inserted = await insertNewRows(trx, rows);
    await upsertDaily(trx, dailyRows(inserted));
    await addSpend(trx, inserted);
    return { inserted: inserted.length, duplicates: records.length - inserted.length };
  });
}

/** First occurrence wins; sorted so concurrent batches take unique-index locks in one order. */
function uniqueByRequestId(rows: readonly UsageRecordsTable[]): UsageRecordsTable[] {
  const byId = new Map<string, UsageRecordsTable>();
  for (const row of rows) if (!byId.has(row.request_id)) byId.set(row.request_id, row);
  return [...byId.values()].sort((a, b) => (a.request_id < b.request_id ? -1 : a.request_id > b.request_id ? 1 : 0));
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += rowsPerStatement) result.push(items.slice(start, start + rowsPerStatement));
  return result;
}

/** The rows this call stored: `on conflict do nothing ... returning` omits the skipped ones. */
async function insertNewRows(db: Kysely<Database>, rows: readonly UsageRecordsTable[]): Promise<UsageRecordsTable[]> {
  const stored = new Set<string>();
  for (const chunk of chunks(rows)) {
    const returned = await db
      .insertInto('gatehouse_usage_records')
      .values(chunk)
      .onConflict((conflict) => conflict.column('request_id').doNothing())
      .returning('request_id')
      .execute();
    for (const { request_id } of returned) stored.add(request_id);
  }
  return rows.filter((row) => stored.has(row.request_id));
}

async function upsertDaily(db: Kysely<Database>, rows: readonly DailyRow[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('gatehouse_usage_daily')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['day', 'key_id', 'user_id', 'team_id', 'organization_id', 'model_group']).doUpdateSet((eb) => ({
          request_count: eb('gatehouse_usage_daily.request_count', '+', eb.ref('excluded.request_count')),
          error_count: eb('gatehouse_usage_daily.error_count', '+', eb.ref('excluded.error_count')),
          prompt_tokens: eb('gatehouse_usage_daily.prompt_tokens', '+', eb.ref('excluded.prompt_tokens')),
          completion_tokens: eb('gatehouse_usage_daily.completion_tokens', '+', eb.ref('excluded.completion_tokens')),
          cached_tokens: eb('gatehouse_usage_daily.cached_tokens', '+', eb.ref('excluded.cached_tokens')),
          total_tokens: eb('gatehouse_usage_daily.total_tokens', '+', eb.ref('excluded.total_tokens')),
          cost_usd: eb('gatehouse_usage_daily.cost_usd', '+', eb.ref('excluded.cost_usd')),
        })),
      )
      .execute();
  }
}

async function addSpend(db: Kysely<Database>, rows: readonly UsageRecordsTable[]): Promise<void> {
  for (const [table, column] of spendOwners) {
    const costById = new Map<string, number>();
    for (const row of rows) {
      const id = row[column];
      if (id !== null && row.cost_usd !== 0) costById.set(id, (costById.get(id) ?? 0) + row.cost_usd);
    }
    for (const id of [...costById.keys()].sort()) {
      const cost = costById.get(id) ?? 0;
      await db
        .updateTable(table)
        .set((eb) => ({ spend: eb('spend', '+', cost) }))
        .where('id', '=', id)
        .execute();
    }
  }
}
