// Usage: batched writes (rows, daily aggregates, spend), the per-request log listing, and reports
// from the daily aggregates. Usage holds accounting only, never content; costs are computed in usage/.

import type { UsageRecord } from '../records.js';
import type { Store } from '../store.js';
import { fetchPage } from './page.js';
import type { Page, PageRequest } from './page.js';
import { toIsoTime } from './row-values.js';
import { breakdownUsage, reportUsage } from './usage-report.js';
import type { UsageBreakdownQuery, UsageBreakdownRow, UsageGrouping, UsageReportQuery, UsageReportRow } from './usage-report.js';
import { usageFromRow } from './usage-rows.js';
import { inList, visibleThrough } from './visibility-scope.js';
import type { VisibilityScope } from './visibility-scope.js';
import { writeUsageBatch } from './write-usage-batch.js';
import type { UsageBatchResult } from './write-usage-batch.js';

export interface UsageLogQuery extends PageRequest {
  readonly keyId?: string | undefined;
  readonly userId?: string | undefined;
  readonly teamId?: string | undefined;
  readonly organizationIds?: readonly string[] | undefined;
  readonly requestId?: string | undefined;
  /** Requests started at or after this time. */
  readonly startAt?: string | Date | undefined;
  /** Requests started before this time. */
  readonly endAt?: string | Date | undefined;
  /** Requests of these organisations, teams or users. */
  readonly visibleTo?: VisibilityScope | undefined;
}

export interface UsageRepository {
  /** One transaction; a request id already stored is skipped, so a retried batch counts once. */
  writeBatch(records: readonly UsageRecord[]): Promise<UsageBatchResult>;
  /** Filters combine with AND; newest first (then by request id). */
  listLogs(query: UsageLogQuery): Promise<Page<UsageRecord>>;
  report(query: UsageReportQuery): Promise<UsageReportRow[]>;
  /** Totals per combination of several groupings (e.g. day, team and model), ordered by them. */
  breakdown<G extends UsageGrouping>(query: UsageBreakdownQuery<G>): Promise<UsageBreakdownRow<G>[]>;
}

export function createUsageRepository(store: Store): UsageRepository {
  return {
    writeBatch: (records) => writeUsageBatch(store, records),
    listLogs: (query) => listLogs(store, query),
    report: (query) => reportUsage(store, query),
    breakdown: (query) => breakdownUsage(store, query),
  };
}

function listLogs(store: Store, query: UsageLogQuery): Promise<Page<UsageRecord>> {
  const { keyId, userId, teamId, organizationIds, requestId, startAt, endAt, visibleTo } = query;
  const filtered = store.db
    .selectFrom('gatehouse_usage_records')
    .$if(keyId !== undefined, (q) => q.where('key_id', '=', keyId ?? ''))
    .$if(userId !== undefined, (q) => q.where('user_id', '=', userId ?? ''))
    .$if(teamId !== undefined, (q) => q.where('team_id', '=', teamId ?? ''))
    .$if(requestId !== undefined, (q) => q.where('request_id', '=', requestId ?? ''))
    .$if(organizationIds !== undefined, (q) => q.where((eb) => inList(eb, 'organization_id', organizationIds ?? [])))
    .$if(startAt !== undefined, (q) => q.where('started_at', '>=', toIsoTime(startAt ?? '', 'startAt')))
    .$if(endAt !== undefined, (q) => q.where('started_at', '<', toIsoTime(endAt ?? '', 'endAt')))
    .$if(visibleTo !== undefined, (q) =>
      q.where((eb) => visibleThrough(eb, visibleTo ?? {}, { organization: 'organization_id', team: 'team_id', user: 'user_id' })),
    );
  return fetchPage(
    query,
    {
      rows: ({ limit, offset }) =>
        filtered.selectAll().orderBy('started_at', 'desc').orderBy('request_id', 'desc').limit(limit).offset(offset).execute(),
      total: () => filtered.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst(),
    },
    usageFromRow,
  );
}
