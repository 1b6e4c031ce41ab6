// Budget periods: sets spend back to 0 for every organisation, team, user and key whose period
// has ended, and moves its end on by whole periods. Running it once cluster-wide (under a lease)
// and invalidating caches with what it returns are the caller's part.

import type { Store } from '../store.js';
import { budgetPeriodEndAfter } from '../budget-duration.js';

export type BudgetOwnerKind = 'organization' | 'team' | 'user' | 'key';

export interface BudgetReset {
  readonly kind: BudgetOwnerKind;
  readonly id: string;
  /** The end of the new period; null when the duration was removed (or is not valid). */
  readonly budgetResetAt: string | null;
}

export interface BudgetRepository {
  /** Resets every budget whose `budgetResetAt` is at or before `now`; returns what it reset. */
  resetDueBudgets(now: Date): Promise<BudgetReset[]>;
}

const budgetOwners = [
  ['organization', 'gatehouse_organizations'],
  ['team', 'gatehouse_teams'],
  ['user', 'gatehouse_users'],
  ['key', 'gatehouse_virtual_keys'],
] as const satisfies readonly (readonly [BudgetOwnerKind, string])[];

type BudgetTable = (typeof budgetOwners)[number][1];

export function createBudgetRepository(store: Store): BudgetRepository {
  return {
    async resetDueBudgets(now) {
      const resets: BudgetReset[] = [];
      for (const [kind, table] of budgetOwners) {
        for (const reset of await resetTable(store, table, now)) resets.push({ kind, ...reset });
      }
      return resets;
    },
  };
}

/**
 * Rows sharing a duration and a period end get the same new end, so each such group is one
 * update. The update repeats the old end as a condition: a concurrent run resets a row only once.
 */
async function resetTable(store: Store, table: BudgetTable, now: Date): Promise<{ id: string; budgetResetAt: string | null }[]> {
  const { db } = store;
  const due = await db
    .selectFrom(table)
    .select(['budget_duration', 'budget_reset_at'])
    .where('budget_reset_at', 'is not', null)
    .where('budget_reset_at', '<=', now.toISOString())
    .groupBy(['budget_duration', 'budget_reset_at'])
    .execute();
  const resets: { id: string; budgetResetAt: string | null }[] = [];
  for (const { budget_duration: duration, budget_reset_at: periodEnd } of due) {
    if (periodEnd === null) continue;
    const budgetResetAt = duration === null ? null : budgetPeriodEndAfter(duration, new Date(periodEnd), now);
    const rows = await db
      .updateTable(table)
      .set({ spend: 0, budget_reset_at: budgetResetAt })
      .where('budget_reset_at', '=', periodEnd)
      .where((eb) => (duration === null ? eb('budget_duration', 'is', null) : eb('budget_duration', '=', duration)))
      .returning('id')
      .execute();
    for (const { id } of rows) resets.push({ id, budgetResetAt });
  }
  return resets;
}
