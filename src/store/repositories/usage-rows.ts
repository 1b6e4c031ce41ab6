// Maps usage records to rows and back, and folds records into daily aggregate rows. A usage row
// holds accounting only: there is no field for prompt or response content, or for a raw key.

import type { Selectable } from 'kysely';
import type { UsageRecord, UsageStatus } from '../records.js';
import type { UsageDailyTable, UsageRecordsTable } from '../schema.js';
import { fromFlag, parseOneOf, toFlag, toIsoTime } from './row-values.js';

const usageStatuses: readonly UsageStatus[] = ['success', 'error', 'cut'];

const countedFields = ['promptTokens', 'completionTokens', 'cachedTokens', 'totalTokens', 'costUsd', 'latencyMs'] as const;

/** A NaN or infinite count would poison every sum it joins (spend above all), so it is refused. */
function assertFinite(record: UsageRecord): void {
  for (const field of countedFields) {
    if (!Number.isFinite(record[field])) throw new RangeError(`Usage record ${record.requestId}: ${field} is ${record[field]}, not a number`);
  }
}

export function usageToRow(record: UsageRecord): UsageRecordsTable {
  assertFinite(record);
  return {
    request_id: record.requestId,
    started_at: toIsoTime(record.startedAt, 'startedAt'),
    ended_at: toIsoTime(record.endedAt, 'endedAt'),
    key_id: record.keyId,
    user_id: record.userId,
    team_id: record.teamId,
    organization_id: record.organizationId,
    route: record.route,
    model_group: record.modelGroup,
    deployment_id: record.deploymentId,
    provider: record.provider,
    region: record.region,
    prompt_tokens: record.promptTokens,
    completion_tokens: record.completionTokens,
    cached_tokens: record.cachedTokens,
    total_tokens: record.totalTokens,
    cost_usd: record.costUsd,
    latency_ms: record.latencyMs,
    ttft_ms: record.ttftMs,
    stream: toFlag(record.stream),
    status: record.status,
    http_status: record.httpStatus,
    error_code: record.errorCode,
  };
}

export function usageFromRow(row: Selectable<UsageRecordsTable>): UsageRecord {
  return {
    requestId: row.request_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    keyId: row.key_id,
    userId: row.user_id,
    teamId: row.team_id,
    organizationId: row.organization_id,
    route: row.route,
    modelGroup: row.model_group,
    deploymentId: row.deployment_id,
    provider: row.provider,
    region: row.region,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    cachedTokens: row.cached_tokens,
    totalTokens: row.total_tokens,
    costUsd: row.cost_usd,
    latencyMs: row.latency_ms,
    ttftMs: row.ttft_ms,
    stream: fromFlag(row.stream),
    status: parseOneOf(row.status, usageStatuses, 'usage_records.status'),
    httpStatus: row.http_status,
    errorCode: row.error_code,
  };
}

type DailyIdentity = 'day' | 'key_id' | 'user_id' | 'team_id' | 'organization_id' | 'model_group';

/** A `usage_daily` row as this process computes it: plain numbers, '' for "none". */
export type DailyRow = Pick<UsageDailyTable, DailyIdentity> & { -readonly [K in Exclude<keyof UsageDailyTable, DailyIdentity>]: number };

const zeroTotals = Object.freeze({
  request_count: 0,
  error_count: 0,
  prompt_tokens: 0,
  completion_tokens: 0,
  cached_tokens: 0,
  total_tokens: 0,
  cost_usd: 0,
});

/**
 * One row per UTC day, key, user, team, organisation and model group, sorted by that identity so
 * concurrent writers lock rows in the same order. Only `error` counts as an error: a stream the
 * client cut short (`cut`) is not the gateway's failure.
 */
export function dailyRows(rows: readonly UsageRecordsTable[]): DailyRow[] {
  const byIdentity = new Map<string, DailyRow>();
  for (const row of rows) {
    const day = row.started_at.slice(0, 10);
    const keyId = row.key_id ?? '';
    const userId = row.user_id ?? '';
    const teamId = row.team_id ?? '';
    const organizationId = row.organization_id ?? '';
    // Length-prefixed, so no two identities share a name whatever characters their parts hold.
    const name = `${day}|${keyId.length}:${keyId}|${userId.length}:${userId}|${teamId.length}:${teamId}|${organizationId.length}:${organizationId}|${row.model_group}`;
    let daily = byIdentity.get(name);
    if (daily === undefined) {
      daily = { day, key_id: keyId, user_id: userId, team_id: teamId, organization_id: organizationId, model_group: row.model_group, ...zeroTotals };
      byIdentity.set(name, daily);
    }
    daily.request_count += 1;
    daily.error_count += row.status === 'error' ? 1 : 0;
    daily.prompt_tokens += row.prompt_tokens;
    daily.completion_tokens += row.completion_tokens;
    daily.cached_tokens += row.cached_tokens;
    daily.total_tokens += row.total_tokens;
    daily.cost_usd += row.cost_usd;
  }
  return [...byIdentity.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, daily]) => daily);
}
