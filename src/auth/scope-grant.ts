// Keeps what an actor grants (to a key, user or team) within the actor's own scope: models, budget,
// rate limits, regions, routes and expiry may only narrow along the actor's key, user, team and
// organisation. Who may act on which object is `can`'s concern; ownership of keys is grants.ts's.

import type { BudgetFields, LimitFields } from '../store/records.js';
import type { Actor } from './actor.js';
import { intersectRegions } from './model-access.js';
import { ALL_TEAM_MODELS, modelRule, ruleCovers, type ModelRule } from './model-lists.js';
import { routePatternProblem, routesCoverEntry } from './route-access.js';

export interface GrantProblem {
  /** The record field at fault (`models`, `maxBudget`, `teamId`, `role`, ...). */
  readonly field: string;
  readonly message: string;
}

/** The scope being granted; fields a kind of object lacks are left out (users have no regions). */
export interface ScopeRequest extends Pick<BudgetFields, 'maxBudget' | 'budgetDuration'>, LimitFields {
  readonly models: readonly string[];
  /** The team the object belongs to, which `all-team-models` refers to. */
  readonly teamId?: string | null;
  readonly allowedRegions?: readonly string[] | null;
  readonly allowedRoutes?: readonly string[];
  readonly expiresAt?: string | null;
}

type Bounded = BudgetFields & LimitFields;
const limitFields = ['tpmLimit', 'rpmLimit', 'maxParallelRequests'] as const;
const durationUnitsMs: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, mo: 2_592_000_000 };

/** LiteLLM durations (`30s`, `15m`, `24h`, `7d`, `1mo`) in milliseconds; undefined when unreadable. */
export function budgetDurationMs(duration: string): number | undefined {
  const match = /^(\d+)(s|m|h|d|w|mo)$/.exec(duration.trim());
  const unitMs = match?.[2] === undefined ? undefined : durationUnitsMs[match[2]];
  return match === null || unitMs === undefined ? undefined : Number(match[1]) * unitMs;
}

function problem(field: string, message: string): GrantProblem {
  return { field, message };
}

function boundsOf(actor: Actor): ReadonlyArray<readonly [string, Bounded]> {
  const principal = actor.principal;
  if (principal.kind === 'master') return [];
  const { key, user, team, organization } = principal;
  const named: Array<readonly [string, Bounded | null]> = [['your key', key], ['your user', user], ['your team', team], ['your organization', organization]];
  return named.filter((entry): entry is readonly [string, Bounded] => entry[1] !== null);
}

function checkModels(actor: Actor, requested: ScopeRequest): GrantProblem[] {
  const principal = actor.principal;
  if (principal.kind === 'master') return [];
  const { key, team, organization, user } = principal;
  const actorRules: ModelRule[] = [modelRule(key.models, team?.models ?? null), modelRule(team?.models ?? []), modelRule(organization?.models ?? []), modelRule(user?.models ?? [])];
  if (actorRules.every((rule) => rule.any)) return [];
  // `all-team-models` can only be judged for the actor's own team, whose list is known here.
  const sameTeam = team !== null && requested.teamId === team.id;
  if (requested.models.includes(ALL_TEAM_MODELS) && !sameTeam) {
    return [problem('models', `${ALL_TEAM_MODELS} is only within your scope for your own team; list the models instead`)];
  }
  const wanted = modelRule(requested.models, sameTeam ? team?.models ?? null : null);
  if (actorRules.every((rule) => ruleCovers(rule, wanted))) return [];
  const what = requested.models.length === 0 ? 'all models' : requested.models.join(', ');
  return [problem('models', `${what} goes beyond the models you may use`)];
}

function checkBudget(bounds: ReadonlyArray<readonly [string, Bounded]>, requested: ScopeRequest): GrantProblem[] {
  const problems: GrantProblem[] = [];
  for (const [name, bound] of bounds) {
    if (bound.maxBudget === null) continue;
    if (requested.maxBudget === null || requested.maxBudget > bound.maxBudget) {
      problems.push(problem('maxBudget', `the budget must be set and at most ${bound.maxBudget} (${name})`));
      continue;
    }
    if (requested.budgetDuration === null) continue;
    // A budget that resets more often than the bound's spends more over the bound's period.
    const wantedMs = budgetDurationMs(requested.budgetDuration);
    const boundMs = bound.budgetDuration === null ? undefined : budgetDurationMs(bound.budgetDuration);
    if (wantedMs === undefined || boundMs === undefined || wantedMs < boundMs) {
      problems.push(problem('budgetDuration', `the budget may not reset more often than ${bound.budgetDuration ?? 'never'} (${name})`));
    }
  }
  return problems;
}

function checkLimits(bounds: ReadonlyArray<readonly [string, Bounded]>, requested: ScopeRequest): GrantProblem[] {
  const problems: GrantProblem[] = [];
  for (const field of limitFields) {
    for (const [name, bound] of bounds) {
      const limit = bound[field];
      const wanted = requested[field];
      if (limit !== null && (wanted === null || wanted > limit)) {
        problems.push(problem(field, `${field} must be set and at most ${limit} (${name})`));
        break;
      }
    }
  }
  return problems;
}

function checkRegions(actor: Actor, requested: ScopeRequest): GrantProblem[] {
  const principal = actor.principal;
  if (requested.allowedRegions === undefined || principal.kind === 'master') return [];
  const own = intersectRegions([principal.key.allowedRegions, principal.team?.allowedRegions, principal.organization?.allowedRegions]);
  if (own === null) return [];
  const wanted = requested.allowedRegions;
  if (wanted !== null && wanted.every((region) => own.includes(region))) return [];
  return [problem('allowedRegions', `allowed regions must be within ${own.length === 0 ? 'none' : own.join(', ')}`)];
}

function checkRoutes(actor: Actor, requested: ScopeRequest): GrantProblem[] {
  if (requested.allowedRoutes === undefined) return [];
  const invalid = requested.allowedRoutes.flatMap((entry) => routePatternProblem(entry) ?? []);
  if (invalid.length > 0) return invalid.map((message) => problem('allowedRoutes', message));
  const principal = actor.principal;
  if (principal.kind === 'master' || principal.key.allowedRoutes.length === 0) return [];
  const own = principal.key.allowedRoutes;
  const wider = requested.allowedRoutes.length === 0 ? ['(the default routes)'] : requested.allowedRoutes.filter((entry) => !routesCoverEntry(own, entry));
  return wider.map((entry) => problem('allowedRoutes', `${entry} goes beyond your allowed routes`));
}

function checkExpiry(actor: Actor, requested: ScopeRequest): GrantProblem[] {
  const principal = actor.principal;
  if (requested.expiresAt === undefined || principal.kind === 'master' || principal.key.expiresAt === null) return [];
  const ownMs = Date.parse(principal.key.expiresAt);
  const wantedMs = requested.expiresAt === null ? Number.NaN : Date.parse(requested.expiresAt);
  if (!Number.isNaN(ownMs) && !Number.isNaN(wantedMs) && wantedMs <= ownMs) return [];
  return [problem('expiresAt', `the key must expire no later than your own key (${principal.key.expiresAt})`)];
}

/** Everything in `requested` that reaches beyond the actor's own scope; empty when nothing does. */
export function checkScopeGrant(actor: Actor, requested: ScopeRequest): GrantProblem[] {
  const bounds = boundsOf(actor);
  return [
    ...checkModels(actor, requested),
    ...checkBudget(bounds, requested),
    ...checkLimits(bounds, requested),
    ...checkRegions(actor, requested),
    ...checkRoutes(actor, requested),
    ...checkExpiry(actor, requested),
  ];
}
