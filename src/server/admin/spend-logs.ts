// `GET /spend/logs`: per-request usage rows in LiteLLM's SpendLogs shape, limited to what the caller
// may read (its organisations, teams, or its own keys). `api_key` is the key's id: never a hash,
// never a secret; rows hold no content because usage records hold none.

import type { z } from 'zod';
import type { UsageRecord } from '../../store/records.js';
import type { AppContext } from '../app-context.js';
import { visibilityFor } from './actor-scope.js';
import type { AdminCall } from './define-admin-route.js';
import { findKey } from './key-reply.js';
import { endOf, startOf, type SpendLogsInput, type spendLogRow } from './spend-schemas.js';

type SpendLogRow = z.input<typeof spendLogRow>;

const callTypes: Readonly<Record<string, string>> = {
  '/chat/completions': 'acompletion',
  '/completions': 'atext_completion',
  '/embeddings': 'aembedding',
  '/messages': 'anthropic_messages',
  '/responses': 'aresponses',
};

function callTypeOf(route: string): string {
  const bare = route.startsWith('/v1/') ? route.slice(3) : route;
  return callTypes[bare] ?? bare;
}

function rowOf(record: UsageRecord, providerModels: ReadonlyMap<string, string>): SpendLogRow {
  const firstTokenAt = record.ttftMs === null ? null : new Date(Date.parse(record.startedAt) + record.ttftMs).toISOString();
  return {
    request_id: record.requestId,
    call_type: callTypeOf(record.route),
    api_key: record.keyId ?? '',
    spend: record.costUsd,
    total_tokens: record.totalTokens,
    prompt_tokens: record.promptTokens,
    completion_tokens: record.completionTokens,
    startTime: record.startedAt,
    endTime: record.endedAt,
    completionStartTime: firstTokenAt,
    model: (record.deploymentId === null ? undefined : providerModels.get(record.deploymentId)) ?? record.modelGroup,
    model_id: record.deploymentId,
    model_group: record.modelGroup,
    custom_llm_provider: record.provider,
    user: record.userId ?? '',
    team_id: record.teamId,
    organization_id: record.organizationId,
    status: record.status === 'error' ? 'failure' : 'success',
    metadata: {
      status: record.status,
      http_status: record.httpStatus,
      error_code: record.errorCode,
      region: record.region,
      latency_ms: record.latencyMs,
      ttft_ms: record.ttftMs,
      stream: record.stream,
      cached_tokens: record.cachedTokens,
      route: record.route,
    },
  };
}

/**
 * An id no key has (ids are lowercase hex; PostgreSQL text takes no NUL), and not `''`, which the
 * daily totals use for "no key" (master-key requests).
 */
const noSuchKeyId = 'no such key';

/** A key filter as a key id; a secret nobody holds matches nothing (never the master key's rows). */
export async function keyIdFilter(app: AppContext, reference: string | undefined): Promise<string | undefined> {
  if (reference === undefined) return undefined;
  const key = await findKey(app, reference);
  return key?.id ?? (reference.startsWith('sk-') ? noSuchKeyId : reference);
}

export async function spendLogs({ app, actor, input }: AdminCall<SpendLogsInput>): Promise<SpendLogRow[]> {
  const pageSize = input.page_size ?? 100;
  const found = await app.repos.usage.listLogs({
    page: input.page ?? 1,
    pageSize,
    keyId: await keyIdFilter(app, input.api_key ?? input.token),
    userId: input.user_id,
    teamId: input.team_id,
    requestId: input.request_id,
    startAt: input.start_date === undefined ? undefined : startOf(input.start_date),
    endAt: input.end_date === undefined ? undefined : endOf(input.end_date),
    visibleTo: visibilityFor(actor, 'spend:read'),
  });
  const providerModels = new Map(app.models.deployments().map((d) => [d.id, d.model]));
  return found.items.map((record) => rowOf(record, providerModels));
}
