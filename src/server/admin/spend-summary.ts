// `GET /spend/summary`: Gatehouse's spend and token totals over whole UTC days, grouped by key,
// user, team, organisation, model or day, as JSON or CSV, within what the caller may read.

import type { z } from 'zod';
import type { UsageReportRow } from '../../store/repositories/usage-report.js';
import { visibilityFor } from './actor-scope.js';
import { csvText } from './csv-text.js';
import { TextReply, type AdminCall } from './define-admin-route.js';
import { reportDays, type SpendSummaryInput, type spendSummaryReply } from './spend-schemas.js';

const columns = ['requests', 'errors', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'total_tokens', 'spend'] as const;

function rowOf(row: UsageReportRow): Record<(typeof columns)[number], number> & { group: string | null } {
  return {
    group: row.group,
    requests: row.requests,
    errors: row.errors,
    prompt_tokens: row.promptTokens,
    completion_tokens: row.completionTokens,
    cached_tokens: row.cachedTokens,
    total_tokens: row.totalTokens,
    spend: row.costUsd,
  };
}

export async function spendSummary({ app, actor, input }: AdminCall<SpendSummaryInput>): Promise<z.input<typeof spendSummaryReply> | TextReply> {
  const groupBy = input.group_by ?? 'day';
  const { start, end } = reportDays(input);
  const rows = (await app.repos.usage.report({ startAt: start, endAt: end, groupBy, visibleTo: visibilityFor(actor, 'spend:read') })).map(rowOf);
  if (input.format !== 'csv') return { group_by: groupBy, start_date: start, end_date: end, data: rows };
  const text = csvText([groupBy, ...columns], rows.map((row) => [row.group, ...columns.map((column) => row[column])]));
  return new TextReply('text/csv; charset=utf-8', text);
}
