// Spend and token reports from the daily aggregates over whole UTC days, grouped by one of day,
// key, user, team, organisation or model group, or by several at once. Never reads per-request rows.

import type { Store } from '../store.js';
import { fromDailyKey, toIsoTime, toNumber } from './row-values.js';
import { inList, visibleThrough } from './visibility-scope.js';
import type { VisibilityScope } from './visibility-scope.js';

export const usageGroupings = ['day', 'key', 'user', 'team', 'organization', 'model'] as const;
export type UsageGrouping = (typeof usageGroupings)[number];

const groupColumn = {
  day: 'day',
  key: 'key_id',
  user: 'user_id',
  team: 'team_id',
  organization: 'organization_id',
  model: 'model_group',
} as const satisfies Record<UsageGrouping, string>;

const usageScopeColumns = { organization: 'organization_id', team: 'team_id', user: 'user_id' } as const;

interface UsageFilters {
  /** The first UTC day included: the day of this time (`2026-01-31` or a full timestamp). */
  readonly startAt: string | Date;
  /** The last UTC day included, likewise. */
  readonly endAt: string | Date;
  readonly organizationIds?: readonly string[] | undefined;
  readonly teamIds?: readonly string[] | undefined;
  readonly userIds?: readonly string[] | undefined;
  readonly keyIds?: readonly string[] | undefined;
  /** Usage of these organisations, teams or users. */
  readonly visibleTo?: VisibilityScope | undefined;
}

export interface UsageReportQuery extends UsageFilters {
  readonly groupBy: UsageGrouping;
}

/** Grouped by several columns at once: one row per distinct combination (e.g. day, team and model). */
export interface UsageBreakdownQuery<G extends UsageGrouping> extends UsageFilters {
  /** At least one; rows are ordered by these columns, in this order. */
  readonly groupBy: readonly G[];
}

export interface UsageTotals {
  readonly requests: number;
  readonly errors: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly totalTokens: number;
  readonly costUsd: number;
}

export interface UsageReportRow extends UsageTotals {
  /** The day (`YYYY-MM-DD`), key id, user id, team id, organisation id or model group; null for "none". */
  readonly group: string | null;
}

export interface UsageBreakdownRow<G extends UsageGrouping> extends UsageTotals {
  /** The value of each grouping, as `UsageReportRow.group` gives it. */
  readonly groups: Readonly<Record<G, string | null>>;
}

type DailyColumn = (typeof groupColumn)[UsageGrouping];
type SummedRow = Record<'requests' | 'errors' | 'prompt_tokens' | 'completion_tokens' | 'cached_tokens' | 'total_tokens' | 'cost_usd', number | string | null>;

/** The daily aggregates within the days and filters (combined with AND), summed per `columns`. */
function summedDaily(store: Store, query: UsageFilters, columns: readonly DailyColumn[]) {
  const { organizationIds, teamIds, userIds, keyIds, visibleTo } = query;
  return store.db
    .selectFrom('gatehouse_usage_daily')
    .where('day', '>=', toIsoTime(query.startAt, 'startAt').slice(0, 10))
    .where('day', '<=', toIsoTime(query.endAt, 'endAt').slice(0, 10))
    .$if(organizationIds !== undefined, (q) => q.where((eb) => inList(eb, 'organization_id', organizationIds ?? [])))
    .$if(teamIds !== undefined, (q) => q.where((eb) => inList(eb, 'team_id', teamIds ?? [])))
    .$if(userIds !== undefined, (q) => q.where((eb) => inList(eb, 'user_id', userIds ?? [])))
    .$if(keyIds !== undefined, (q) => q.where((eb) => inList(eb, 'key_id', keyIds ?? [])))
    .$if(visibleTo !== undefined, (q) => q.where((eb) => visibleThrough(eb, visibleTo ?? {}, usageScopeColumns)))
    .select(columns)
    .select((eb) => [
      eb.fn.sum<number | string>('request_count').as('requests'),
      eb.fn.sum<number | string>('error_count').as('errors'),
      eb.fn.sum<number | string>('prompt_tokens').as('prompt_tokens'),
      eb.fn.sum<number | string>('completion_tokens').as('completion_tokens'),
      eb.fn.sum<number | string>('cached_tokens').as('cached_tokens'),
      eb.fn.sum<number | string>('total_tokens').as('total_tokens'),
      eb.fn.sum<number | string>('cost_usd').as('cost_usd'),
    ])
    .groupBy(columns);
}

function totalsOf(row: SummedRow): UsageTotals {
  return {
    requests: toNumber(row.requests),
    errors: toNumber(row.errors),
    promptTokens: toNumber(row.prompt_tokens),
    completionTokens: toNumber(row.completion_tokens),
    cachedTokens: toNumber(row.cached_tokens),
    totalTokens: toNumber(row.total_tokens),
    costUsd: toNumber(row.cost_usd),
  };
}

/** By day: oldest first. Otherwise: highest cost first, then by group. */
export async function reportUsage(store: Store, query: UsageReportQuery): Promise<UsageReportRow[]> {
  const column = groupColumn[query.groupBy];
  const rows = await summedDaily(store, query, [column])
    .$if(query.groupBy !== 'day', (q) => q.orderBy('cost_usd', 'desc'))
    .orderBy(column)
    .execute();
  return rows.map((row) => ({ group: fromDailyKey(row[column]), ...totalsOf(row) }));
}

/** Ordered by the groupings in the order given (days oldest first). */
export async function breakdownUsage<G extends UsageGrouping>(store: Store, query: UsageBreakdownQuery<G>): Promise<UsageBreakdownRow<G>[]> {
  if (query.groupBy.length === 0) throw new RangeError('groupBy must name at least one grouping');
  const columns = query.groupBy.map((grouping) => groupColumn[grouping]);
  const ordered = columns.reduce((q, column) => q.orderBy(column), summedDaily(store, query, columns));
  const rows = await ordered.execute();
  return rows.map((row) => {
    const groups = Object.fromEntries(query.groupBy.map((grouping) => [grouping, fromDailyKey(row[groupColumn[grouping]])]));
    // Every grouping of G was just given its value.
    return { groups: groups as Record<G, string | null>, ...totalsOf(row) };
  });
}
