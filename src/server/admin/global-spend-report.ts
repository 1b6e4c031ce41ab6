// `GET /global/spend/report` in LiteLLM's shapes: per day and team (or customer, or model) with a
// breakdown by model and key id, or per key id with a breakdown by model. Reads the daily
// aggregates (never per-request rows), within what the caller may read.

import type { Actor } from '../../auth/actor.js';
import { fromDailyKey, toNumber } from '../../store/repositories/row-values.js';
import { inList, visibleThrough } from '../../store/repositories/visibility-scope.js';
import type { AppContext } from '../app-context.js';
import { visibilityFor } from './actor-scope.js';
import type { AdminCall } from './define-admin-route.js';
import { keyIdFilter } from './spend-logs.js';
import { reportDays, type GlobalSpendReportInput, type GlobalSpendReportReply } from './spend-schemas.js';

interface DailyTotal {
  readonly day: string;
  readonly keyId: string;
  readonly userId: string;
  readonly teamId: string;
  readonly model: string;
  readonly spend: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

interface Filters {
  readonly keyId?: string | undefined;
  readonly userId?: string | undefined;
  readonly teamId?: string | undefined;
}

async function dailyTotals(app: AppContext, actor: Actor, range: { start: string; end: string }, filters: Filters): Promise<DailyTotal[]> {
  const scope = visibilityFor(actor, 'spend:read');
  const rows = await app.store.db
    .selectFrom('gatehouse_usage_daily')
    .where('day', '>=', range.start)
    .where('day', '<=', range.end)
    .$if(filters.keyId !== undefined, (q) => q.where((eb) => inList(eb, 'key_id', [filters.keyId ?? ''])))
    .$if(filters.userId !== undefined, (q) => q.where((eb) => inList(eb, 'user_id', [filters.userId ?? ''])))
    .$if(filters.teamId !== undefined, (q) => q.where((eb) => inList(eb, 'team_id', [filters.teamId ?? ''])))
    .$if(scope !== undefined, (q) =>
      q.where((eb) => visibleThrough(eb, scope ?? {}, { organization: 'organization_id', team: 'team_id', user: 'user_id' })),
    )
    .select((eb) => [
      'day', 'key_id', 'user_id', 'team_id', 'model_group',
      eb.fn.sum<number | string>('cost_usd').as('spend'),
      eb.fn.sum<number | string>('prompt_tokens').as('prompt_tokens'),
      eb.fn.sum<number | string>('completion_tokens').as('completion_tokens'),
      eb.fn.sum<number | string>('total_tokens').as('total_tokens'),
    ])
    .groupBy(['day', 'key_id', 'user_id', 'team_id', 'model_group'])
    .orderBy('day')
    .execute();
  return rows.map((row) => ({
    day: row.day, keyId: row.key_id, userId: row.user_id, teamId: row.team_id, model: row.model_group,
    spend: toNumber(row.spend), promptTokens: toNumber(row.prompt_tokens), completionTokens: toNumber(row.completion_tokens), totalTokens: toNumber(row.total_tokens),
  }));
}

type Grouping = 'team' | 'customer' | 'model';

function groupOf(total: DailyTotal, groupBy: Grouping): string {
  return groupBy === 'team' ? total.teamId : groupBy === 'customer' ? total.userId : total.model;
}

interface Group {
  total_spend: number;
  metadata: Array<{ model: string; api_key: string; spend: number; total_tokens: number }>;
}

/** day -> group -> totals with the (model, key) breakdown, in day order. */
function byDay(totals: readonly DailyTotal[], groupBy: Grouping): Map<string, Map<string, Group>> {
  const days = new Map<string, Map<string, Group>>();
  for (const total of totals) {
    const groups = days.get(total.day) ?? new Map<string, Group>();
    const group = groups.get(groupOf(total, groupBy)) ?? { total_spend: 0, metadata: [] };
    group.total_spend += total.spend;
    group.metadata.push({ model: total.model, api_key: total.keyId, spend: total.spend, total_tokens: total.totalTokens });
    groups.set(groupOf(total, groupBy), group);
    days.set(total.day, groups);
  }
  return days;
}

async function teamNames(app: AppContext, ids: Iterable<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) names.set(id, id === '' ? 'Unassigned Team' : (await app.repos.teams.get(id))?.alias ?? id);
  return names;
}

function byKey(totals: readonly DailyTotal[]): GlobalSpendReportReply {
  const keys = new Map<string, { total_cost: number; total_input_tokens: number; total_output_tokens: number; models: Map<string, { total_cost: number; total_input_tokens: number; total_output_tokens: number }> }>();
  for (const t of totals) {
    const key = keys.get(t.keyId) ?? { total_cost: 0, total_input_tokens: 0, total_output_tokens: 0, models: new Map() };
    const model = key.models.get(t.model) ?? { total_cost: 0, total_input_tokens: 0, total_output_tokens: 0 };
    for (const sums of [key, model]) {
      sums.total_cost += t.spend;
      sums.total_input_tokens += t.promptTokens;
      sums.total_output_tokens += t.completionTokens;
    }
    key.models.set(t.model, model);
    keys.set(t.keyId, key);
  }
  return [...keys].map(([apiKey, { models, ...sums }]) => ({ api_key: apiKey, ...sums, model_details: [...models].map(([model, m]) => ({ model, ...m })) }));
}

export async function globalSpendReport({ app, actor, input }: AdminCall<GlobalSpendReportInput>): Promise<GlobalSpendReportReply> {
  const range = reportDays(input);
  const filters = { keyId: await keyIdFilter(app, input.api_key), userId: input.internal_user_id, teamId: input.team_id };
  const totals = await dailyTotals(app, actor, range, filters);
  const groupBy = input.group_by ?? 'team';
  if (groupBy === 'api_key') return byKey(totals);
  const days = [...byDay(totals, groupBy)];
  if (groupBy === 'customer') {
    return days.map(([day, groups]) => ({ group_by_day: day, customers: [...groups].map(([id, g]) => ({ customer: fromDailyKey(id), ...g })) }));
  }
  if (groupBy === 'model') return days.map(([day, groups]) => ({ group_by_day: day, models: [...groups].map(([model, g]) => ({ model, ...g })) }));
  const names = await teamNames(app, totals.map((t) => t.teamId));
  return days.map(([day, groups]) => ({
    group_by_day: day,
    teams: [...groups].map(([id, g]) => ({ team_id: fromDailyKey(id), team_name: names.get(id) ?? id, ...g })),
  }));
}
