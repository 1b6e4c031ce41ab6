// `GET /global/spend/report` in LiteLLM's shapes: per day and team (or customer, or model) with a
// breakdown by model and key id, or per key id with a breakdown by model. Shapes what the usage
// repository sums from the daily aggregates, within what the caller may read.

import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../app-context.js';
import { visibilityFor } from './actor-scope.js';
import type { AdminCall } from './define-admin-route.js';
import { keyIdFilter } from './spend-logs.js';
import { reportDays, type GlobalSpendReportInput, type GlobalSpendReportReply } from './spend-schemas.js';
import { allTeams } from './team-read-handlers.js';

interface DailyTotal {
  readonly day: string;
  /** '' for requests without a key (the master key), as LiteLLM's report shows them. */
  readonly keyId: string;
  readonly userId: string | null;
  readonly teamId: string | null;
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

const oneOf = (id: string | undefined): string[] | undefined => (id === undefined ? undefined : [id]);

async function dailyTotals(app: AppContext, actor: Actor, range: { start: string; end: string }, filters: Filters): Promise<DailyTotal[]> {
  const rows = await app.repos.usage.breakdown({
    startAt: range.start,
    endAt: range.end,
    groupBy: ['day', 'key', 'user', 'team', 'model'],
    keyIds: oneOf(filters.keyId),
    userIds: oneOf(filters.userId),
    teamIds: oneOf(filters.teamId),
    visibleTo: visibilityFor(actor, 'spend:read'),
  });
  return rows.map(({ groups, ...sums }) => ({
    day: groups.day ?? '', keyId: groups.key ?? '', userId: groups.user, teamId: groups.team, model: groups.model ?? '',
    spend: sums.costUsd, promptTokens: sums.promptTokens, completionTokens: sums.completionTokens, totalTokens: sums.totalTokens,
  }));
}

type Grouping = 'team' | 'customer' | 'model';

function groupOf(total: DailyTotal, groupBy: Grouping): string | null {
  return groupBy === 'team' ? total.teamId : groupBy === 'customer' ? total.userId : total.model;
}

interface Group {
  total_spend: number;
  metadata: Array<{ model: string; api_key: string; spend: number; total_tokens: number }>;
}

/** day -> group (null: none) -> totals with the (model, key) breakdown, in day order. */
function byDay(totals: readonly DailyTotal[], groupBy: Grouping): Map<string, Map<string | null, Group>> {
  const days = new Map<string, Map<string | null, Group>>();
  for (const total of totals) {
    const groups = days.get(total.day) ?? new Map<string | null, Group>();
    const group = groups.get(groupOf(total, groupBy)) ?? { total_spend: 0, metadata: [] };
    group.total_spend += total.spend;
    group.metadata.push({ model: total.model, api_key: total.keyId, spend: total.spend, total_tokens: total.totalTokens });
    groups.set(groupOf(total, groupBy), group);
    days.set(total.day, groups);
  }
  return days;
}

/** Team aliases by id, read in one listing rather than a query per team. */
async function teamNames(app: AppContext, ids: ReadonlyArray<string | null>): Promise<Map<string | null, string>> {
  const named = [...new Set(ids.filter((id) => id !== null))];
  const teams = named.length === 0 ? [] : await allTeams(app, { ids: named });
  const aliases = new Map(teams.map((team) => [team.id, team.alias]));
  return new Map(ids.map((id) => [id, id === null ? 'Unassigned Team' : aliases.get(id) ?? id]));
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
    return days.map(([day, groups]) => ({ group_by_day: day, customers: [...groups].map(([id, g]) => ({ customer: id, ...g })) }));
  }
  if (groupBy === 'model') return days.map(([day, groups]) => ({ group_by_day: day, models: [...groups].map(([model, g]) => ({ model: model ?? '', ...g })) }));
  const names = await teamNames(app, totals.map((t) => t.teamId));
  return days.map(([day, groups]) => ({
    group_by_day: day,
    teams: [...groups].map(([id, g]) => ({ team_id: id, team_name: names.get(id) ?? id ?? '', ...g })),
  }));
}
