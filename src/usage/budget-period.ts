// Which budget period a moment falls in, from a subject's BudgetFields: the id that keys its spend
// counter, when it ends, and the spend a fresh counter starts from. Durations and period ends come
// from the store's budget-duration module, so counters and persisted resets keep one schedule.

import { budgetPeriodEndAfter, parseBudgetDuration } from '../store/budget-duration.js';
import type { BudgetFields } from '../store/records.js';

export interface BudgetPeriod {
  /** Part of the counter key: the period's end, or the day bucket of a budget that never resets. */
  readonly id: string;
  /** When the period ends; null for a budget without a duration. */
  readonly endMs: number | null;
  /** The spend a counter created for this period starts from: the persisted spend, or 0 in a new period. */
  readonly seedSpendUsd: number;
  /** How long, from the moment asked, a counter for this period must live. */
  readonly ttlMs: number;
}

const DAY_MS = 86_400_000;
/** A period's counter outlives the period by this much, so requests in flight at its end still settle. */
const PERIOD_GRACE_MS = 3_600_000;

export function budgetPeriodOf(budget: BudgetFields, nowMs: number): BudgetPeriod {
  const duration = budget.budgetDuration;
  const resetAtMs = budget.budgetResetAt === null ? Number.NaN : Date.parse(budget.budgetResetAt);
  if (duration === null || parseBudgetDuration(duration) === null || !Number.isFinite(resetAtMs)) {
    // Never resets (or has no period end yet): day buckets re-read the persisted spend once a day.
    const day = Math.floor(nowMs / DAY_MS);
    return { id: `open-${day}`, endMs: null, seedSpendUsd: budget.spend, ttlMs: (day + 2) * DAY_MS - nowMs };
  }
  if (nowMs < resetAtMs) return periodEnding(resetAtMs, budget.spend, nowMs);
  // The period has ended but the store has not reset the record yet: a new period, from nothing.
  const nextEnd = budgetPeriodEndAfter(duration, new Date(resetAtMs), new Date(nowMs));
  return periodEnding(nextEnd === null ? nowMs + DAY_MS : Date.parse(nextEnd), 0, nowMs);
}

function periodEnding(endMs: number, seedSpendUsd: number, nowMs: number): BudgetPeriod {
  return { id: String(endMs), endMs, seedSpendUsd, ttlMs: endMs - nowMs + PERIOD_GRACE_MS };
}
