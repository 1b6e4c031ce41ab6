// The SQLite path of `writeUsageBatch`: the same three writes (rows, daily aggregates, spend) as
// prepared statements in one synchronous transaction. Kysely compiles and prepares a statement per
// call, which at gateway request rates costs several times the insert itself; this path runs while
// holding Kysely's connection lock, so it never interleaves with another transaction.

import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { UsageRecordsTable } from '../schema.js';
import type { DailyRow } from './usage-rows.js';

interface Statements {
  readonly insert: Statement;
  readonly upsertDaily: Statement;
  readonly addSpend: ReadonlyMap<string, Statement>;
}

const dailyIdentity = ['day', 'key_id', 'user_id', 'team_id', 'organization_id', 'model_group'] as const;
const dailyTotals = ['request_count', 'error_count', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'total_tokens', 'cost_usd'] as const;

const prepared = new WeakMap<SqliteDatabase, Map<string, Statements>>();

function statementsFor(db: SqliteDatabase, rowColumns: readonly string[], spendTables: readonly string[]): Statements {
  const signature = rowColumns.join(',');
  let byShape = prepared.get(db);
  if (byShape === undefined) prepared.set(db, (byShape = new Map()));
  let statements = byShape.get(signature);
  if (statements === undefined) {
    const dailyColumns = [...dailyIdentity, ...dailyTotals];
    statements = {
      insert: db.prepare(
        `insert into gatehouse_usage_records (${rowColumns.join(', ')}) values (${rowColumns.map(() => '?').join(', ')}) on conflict (request_id) do nothing`,
      ),
      upsertDaily: db.prepare(
        `insert into gatehouse_usage_daily (${dailyColumns.join(', ')}) values (${dailyColumns.map(() => '?').join(', ')}) ` +
          `on conflict (${dailyIdentity.join(', ')}) do update set ${dailyTotals.map((c) => `${c} = gatehouse_usage_daily.${c} + excluded.${c}`).join(', ')}`,
      ),
      addSpend: new Map(spendTables.map((table) => [table, db.prepare(`update ${table} set spend = spend + ? where id = ?`)])),
    };
    byShape.set(signature, statements);
  }
  return statements;
}

export interface SqliteBatchPlan {
  readonly rows: readonly UsageRecordsTable[];
  readonly dailyRows: (inserted: readonly UsageRecordsTable[]) => readonly DailyRow[];
  /** Spend owners in lock order: table and the usage column naming the owner. */
  readonly spendOwners: readonly (readonly [string, keyof UsageRecordsTable])[];
}

/** Returns the rows it stored (a request id already present is skipped). */
export function writeSqliteUsageBatch(db: SqliteDatabase, plan: SqliteBatchPlan): UsageRecordsTable[] {
  const first = plan.rows[0];
  if (first === undefined) return [];
  const columns = Object.keys(first) as (keyof UsageRecordsTable)[];
  const statements = statementsFor(db, columns, plan.spendOwners.map(([table]) => table));
  return db.transaction(() => {
    const inserted = plan.rows.filter((row) => statements.insert.run(columns.map((c) => row[c])).changes === 1);
    for (const daily of plan.dailyRows(inserted)) {
      statements.upsertDaily.run([...dailyIdentity.map((c) => daily[c]), ...dailyTotals.map((c) => daily[c])]);
    }
    for (const [table, column] of plan.spendOwners) {
      const costById = new Map<string, number>();
      for (const row of inserted) {
        const id = row[column];
        if (typeof id === 'string' && row.cost_usd !== 0) costById.set(id, (costById.get(id) ?? 0) + row.cost_usd);
      }
      for (const id of [...costById.keys()].sort()) statements.addSpend.get(table)?.run(costById.get(id), id);
    }
    return inserted;
  }).immediate();
}
