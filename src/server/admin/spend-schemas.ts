// Query and reply schemas of the spend routes (`/spend/logs`, `/global/spend/report`,
// `/spend/summary`), and how their dates read: `YYYY-MM-DD` (whole UTC days, end day included)
// or a full ISO-8601 time.

import { z } from 'zod';
import { usageGroupings } from '../../store/repositories/usage-report.js';
import { queryId, queryPage, queryPageSize } from './field-schemas.js';

const datePattern = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
export const queryDate = z
  .string()
  .regex(datePattern, 'must be a date (YYYY-MM-DD) or an ISO-8601 time')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a valid date');

const dayMs = 86_400_000;
const defaultReportDays = 30;

/** The start of a date as a time; a bare day starts at 00:00 UTC. */
export function startOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
}

/** The exclusive end of a date: a bare day includes all of it. */
export function endOf(value: string): Date {
  return value.length === 10 ? new Date(startOf(value).getTime() + dayMs) : new Date(value);
}

/** Whole days for reports: the given days, else the last 30 days up to today (UTC). */
export function reportDays(input: { readonly start_date?: string | undefined; readonly end_date?: string | undefined }, now = new Date()): {
  start: string;
  end: string;
} {
  const end = (input.end_date ?? now.toISOString()).slice(0, 10);
  const start = (input.start_date ?? new Date(startOf(end).getTime() - (defaultReportDays - 1) * dayMs).toISOString()).slice(0, 10);
  return { start, end };
}

export const spendLogsQuery = z.strictObject({
  api_key: z.string().min(1).max(512).optional().describe('A key by its secret or id'),
  token: z.string().min(1).max(512).optional().describe('Same as api_key'),
  user_id: queryId.optional(),
  team_id: queryId.optional(),
  request_id: queryId.optional(),
  start_date: queryDate.optional(),
  end_date: queryDate.optional(),
  page: queryPage.optional(),
  page_size: queryPageSize(1_000).optional().describe('Default 100'),
});
export type SpendLogsInput = z.output<typeof spendLogsQuery>;

export const spendLogRow = z.object({
  request_id: z.string(),
  call_type: z.string(),
  api_key: z.string().describe('The key id (never a hash or secret); empty for the master key'),
  spend: z.number(),
  total_tokens: z.number(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  startTime: z.string(),
  endTime: z.string(),
  completionStartTime: z.string().nullable(),
  model: z.string(),
  model_id: z.string().nullable(),
  model_group: z.string(),
  custom_llm_provider: z.string().nullable(),
  user: z.string(),
  team_id: z.string().nullable(),
  organization_id: z.string().nullable(),
  status: z.enum(['success', 'failure']),
  metadata: z.record(z.string(), z.unknown()),
});
export const spendLogsReply = z.array(spendLogRow);

export const globalSpendReportQuery = z.strictObject({
  start_date: queryDate.optional(),
  end_date: queryDate.optional(),
  group_by: z.enum(['team', 'customer', 'api_key', 'model']).optional().describe('Default team; customer groups by the key\'s user'),
  api_key: z.string().min(1).max(512).optional(),
  internal_user_id: queryId.optional(),
  team_id: queryId.optional(),
});
export type GlobalSpendReportInput = z.output<typeof globalSpendReportQuery>;

const breakdownEntry = z.object({ model: z.string(), api_key: z.string(), spend: z.number(), total_tokens: z.number() });
const groupTotals = { total_spend: z.number(), metadata: z.array(breakdownEntry).describe('Spend by model and key id') };

export const globalSpendReportReply = z.array(
  z.union([
    z.object({ group_by_day: z.string(), teams: z.array(z.object({ team_id: z.string().nullable(), team_name: z.string(), ...groupTotals })) }),
    z.object({ group_by_day: z.string(), customers: z.array(z.object({ customer: z.string().nullable(), ...groupTotals })) }),
    z.object({ group_by_day: z.string(), models: z.array(z.object({ model: z.string(), ...groupTotals })) }),
    z.object({
      api_key: z.string(),
      total_cost: z.number(),
      total_input_tokens: z.number(),
      total_output_tokens: z.number(),
      model_details: z.array(z.object({ model: z.string(), total_cost: z.number(), total_input_tokens: z.number(), total_output_tokens: z.number() })),
    }),
  ]),
);
export type GlobalSpendReportReply = z.input<typeof globalSpendReportReply>;

export const spendSummaryQuery = z.strictObject({
  group_by: z.enum(usageGroupings).optional().describe('Default day'),
  start_date: queryDate.optional(),
  end_date: queryDate.optional(),
  format: z.enum(['json', 'csv']).optional().describe('Default json; csv answers text/csv with a header row'),
});
export type SpendSummaryInput = z.output<typeof spendSummaryQuery>;

export const spendSummaryRow = z.object({
  group: z.string().nullable(),
  requests: z.number(),
  errors: z.number(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  cached_tokens: z.number(),
  total_tokens: z.number(),
  spend: z.number(),
});
export const spendSummaryReply = z.object({ group_by: z.string(), start_date: z.string(), end_date: z.string(), data: z.array(spendSummaryRow) });
