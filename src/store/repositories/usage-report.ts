// Spend and token reports from the daily aggregates, grouped by day, key, user, team,
// organisation or model group over whole UTC days. Never reads the per-request rows.

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

export interface UsageReportQuery {
  /** The first UTC day included: the day of this time (`2026-01-31` or a full timestamp). */
  readonly startAt: string | Date;
  /** The last UTC day included, likewise. */
  readonly endAt: string | Date;
  readonly groupBy: UsageGrouping;
  readonly organizationIds?: readonly string[] | undefined;
  readonly teamIds?: readonly string[] | undefined;
  readonly userIds?: readonly string[] | undefined;
  readonly keyIds?: readonly string[] | undefined;
  /** Usage of these organisations, teams or users. */
  readonly visibleTo?: VisibilityScope | undefined;
}

export interface UsageReportRow {
  /** The day (`YYYY-MM-DD`), key id, user id, team id, organisation id or model group; null for "none". */
  readonly group: string | null;
  readonly requests: number;
  readonly errors: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly totalTokens: number;
  readonly costUsd: number;
}

/** By day: oldest first. Otherwise: highest cost first, then by group. Filters combine with AND. */
export async function reportUsage(store: Store, query: UsageReportQuery): Promise<UsageReportRow[]> {
  const { organizationIds, teamIds, userIds, keyIds, visibleTo } = query;
  const column = groupColumn[query.groupBy];
  const rows = await store.db
    .selectFrom('gatehouse_usage_daily')
    .where('day', '>=', toIsoTime(query.startAt, 'startAt').slice(0, 10))
    .where('day', '<=', toIsoTime(query.endAt, 'endAt').slice(0, 10))
    .$if(organizationIds !== undefined, (q) => q.where((eb) => inList(eb, 'organization_id', organizationIds ?? [])))
    .$if(teamIds !== undefined, (q) => q.where((eb) => inList(eb, 'team_id', teamIds ?? [])))
    .$if(userIds !== undefined, (q) => q.where((eb) => inList(eb, 'user_id', userIds ?? [])))
    .$if(keyIds !== undefined, (q) => q.where((eb) => inList(eb, 'key_id', keyIds ?? [])))
    .$if(visibleTo !== undefined, (q) => q.where((eb) => visibleThrough(eb, visibleTo ?? {}, usageScopeColumns)))
    .select((eb) => [
      eb.ref(column).as('group_value'),
      eb.fn.sum<number | string>('request_count').as('requests'),
      eb.fn.sum<number | string>('error_count').as('errors'),
      eb.fn.sum<number | string>('prompt_tokens').as('prompt_tokens'),
      eb.fn.sum<number | string>('completion_tokens').as('completion_tokens'),
      eb.fn.sum<number | string>('cached_tokens').as('cached_tokens'),
      eb.fn.sum<number | string>('total_tokens').as('total_tokens'),
      eb.fn.sum<number | string>('cost_usd').as('cost_usd'),
    ])
    .groupBy(column)
    .$if(query.groupBy !== 'day', (q) => q.orderBy('cost_usd', 'desc'))
    .orderBy('group_value')
    .execute();
  return rows.map((row) => ({
    group: fromDailyKey(row.group_value),
    requests: toNumber(row.requests),
    errors: toNumber(row.errors),
    promptTokens: toNumber(row.prompt_tokens),
    completionTokens: toNumber(row.completion_tokens),
    cachedTokens: toNumber(row.cached_tokens),
    totalTokens: toNumber(row.total_tokens),
    costUsd: toNumber(row.cost_usd),
  }));
}
