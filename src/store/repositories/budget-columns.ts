// The budget, limit and scope columns that organisations, teams, users and keys share: mapping
// both ways, the defaults of a new row, and keeping `budgetResetAt` in step with `budgetDuration`.
// Whether a budget is exceeded is decided elsewhere.

import type { BudgetFields, LimitFields, ScopeFields } from '../records.js';
import type { BudgetColumns, ScopeColumns } from '../schema.js';
import { nextBudgetResetAt, parseBudgetDuration } from '../budget-duration.js';
import type { Patch } from './record-patch.js';
import {
  fromFlag,
  parseJsonObject,
  parseNullableStringList,
  parseStringList,
  toFlag,
  toJsonText,
  toNullableIsoTime,
  toNumber,
} from './row-values.js';

export type BudgetAndLimitFields = BudgetFields & LimitFields;

/** Column-name sets, spread into each table's complete set (checked with `satisfies`). */
export const budgetColumnSet = {
  max_budget: true,
  soft_budget: true,
  budget_duration: true,
  budget_reset_at: true,
  spend: true,
  tpm_limit: true,
  rpm_limit: true,
  max_parallel_requests: true,
} as const satisfies Record<keyof BudgetColumns, true>;

export const scopeColumnSet = { models: true, allowed_regions: true, metadata: true, blocked: true } as const satisfies Record<
  keyof ScopeColumns,
  true
>;

export const defaultBudgetAndLimits: BudgetAndLimitFields = Object.freeze({
  maxBudget: null,
  softBudget: null,
  budgetDuration: null,
  budgetResetAt: null,
  spend: 0,
  tpmLimit: null,
  rpmLimit: null,
  maxParallelRequests: null,
});

export const defaultScope: ScopeFields = Object.freeze({ models: [], allowedRegions: null, metadata: {}, blocked: false });

export function budgetFromRow(row: BudgetColumns): BudgetAndLimitFields {
  return {
    maxBudget: row.max_budget,
    softBudget: row.soft_budget,
    budgetDuration: row.budget_duration,
    budgetResetAt: row.budget_reset_at,
    spend: toNumber(row.spend),
    tpmLimit: row.tpm_limit,
    rpmLimit: row.rpm_limit,
    maxParallelRequests: row.max_parallel_requests,
  };
}

/** Every budget column but `spend`, which only increments, resets and explicit patches write. */
export function budgetToRow(fields: BudgetAndLimitFields): Omit<BudgetColumns, 'spend'> {
  return {
    max_budget: fields.maxBudget,
    soft_budget: fields.softBudget,
    budget_duration: fields.budgetDuration,
    budget_reset_at: toNullableIsoTime(fields.budgetResetAt, 'budgetResetAt'),
    tpm_limit: fields.tpmLimit,
    rpm_limit: fields.rpmLimit,
    max_parallel_requests: fields.maxParallelRequests,
  };
}

export function scopeFromRow(row: ScopeColumns): ScopeFields {
  return {
    models: parseStringList(row.models, 'models'),
    allowedRegions: parseNullableStringList(row.allowed_regions, 'allowed_regions'),
    metadata: parseJsonObject(row.metadata, 'metadata'),
    blocked: fromFlag(row.blocked),
  };
}

export function scopeToRow(fields: ScopeFields): ScopeColumns {
  return {
    models: toJsonText(fields.models),
    allowed_regions: fields.allowedRegions === null ? null : toJsonText(fields.allowedRegions),
    metadata: toJsonText(fields.metadata),
    blocked: toFlag(fields.blocked),
  };
}

/**
 * A `Finish` step for records with a budget: a new or changed duration starts a new period now,
 * unless the caller set `budgetResetAt` itself; no duration means no period end. An invalid
 * duration is refused rather than stored and never reset.
 */
export function startBudgetPeriod<R extends BudgetFields>(
  next: R,
  context: { readonly previous: R | null; readonly patch: Patch<R>; readonly now: Date },
): R {
  const duration = next.budgetDuration;
  if (duration !== null && parseBudgetDuration(duration) === null) {
    throw new RangeError(`budgetDuration "${duration}" is not a duration such as 30s, 15m, 24h, 7d or 1mo`);
  }
  const durationChanged = context.previous === null || context.previous.budgetDuration !== duration;
  if (context.patch.budgetResetAt !== undefined || !durationChanged) return next;
  return { ...next, budgetResetAt: duration === null ? null : nextBudgetResetAt(duration, context.now) };
}
