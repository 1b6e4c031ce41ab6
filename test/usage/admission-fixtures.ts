// Builders for admission tests: subjects at each level, a clock instant on whole windows, and
// shared counters that remember every key they were asked about, to compare state before and after.

import type { SharedCounters } from '../../src/shared-state/types.js';
import type { BudgetSubject, SubjectKind } from '../../src/usage/admission-checks.js';
import type { BudgetFields, LimitFields } from '../../src/store/records.js';

/** A whole minute and a whole parallel bucket (15 minutes) of the clock. */
export const T0 = 1_700_000_100_000;

export const kinds: readonly SubjectKind[] = ['key', 'user', 'team', 'organization'];

export interface SubjectOptions {
  readonly budget?: Partial<BudgetFields>;
  readonly limits?: Partial<LimitFields>;
}

export function subject(kind: SubjectKind, options: SubjectOptions = {}): BudgetSubject {
  return {
    kind,
    id: `${kind}-1`,
    budget: { maxBudget: null, softBudget: null, budgetDuration: null, budgetResetAt: null, spend: 0, ...options.budget },
    limits: { tpmLimit: null, rpmLimit: null, maxParallelRequests: null, ...options.limits },
  };
}

/** One subject per level; `target` gets `options`, the others get `others`. */
export function levels(target: SubjectKind, options: SubjectOptions, others: SubjectOptions = {}): BudgetSubject[] {
  return kinds.map((kind) => subject(kind, kind === target ? options : others));
}

export interface SpiedCounters {
  readonly counters: SharedCounters;
  /** Every key any call has named. */
  readonly keys: Set<string>;
  /** How many calls were made. */
  calls(): number;
  /** Current value of every key named so far. */
  snapshot(): Promise<Record<string, number>>;
}

export function spy(inner: SharedCounters): SpiedCounters {
  const keys = new Set<string>();
  let calls = 0;
  const note = (...names: string[]): void => {
    calls += 1;
    for (const name of names) keys.add(name);
  };
  return {
    keys,
    calls: () => calls,
    async snapshot() {
      const names = [...keys].sort();
      const values = await inner.getMany(names);
      return Object.fromEntries(names.map((name, index) => [name, values[index] ?? 0]));
    },
    counters: {
      add: (key, delta, ttlMs) => (note(key), inner.add(key, delta, ttlMs)),
      getMany: (names) => (note(...names), inner.getMany(names)),
      addIfWithin: (entries) => (note(...entries.map((entry) => entry.key)), inner.addIfWithin(entries)),
      seed: (key, value, ttlMs) => (note(key), inner.seed(key, value, ttlMs)),
      admit: (entries) => (note(...entries.flatMap((entry) => [entry.key, ...(entry.limitLessKey === undefined ? [] : [entry.limitLessKey])])), inner.admit(entries)),
      addMany: (entries) => (note(...entries.map((entry) => entry.key)), inner.addMany(entries)),
    },
  };
}

/** The period spend (USD) held in the budget counter of `kind`. */
export async function budgetSpendUsd(spied: SpiedCounters, kind: SubjectKind): Promise<number> {
  const snapshot = await spied.snapshot();
  const entry = Object.entries(snapshot).find(([name]) => name.startsWith(`budget:${kind}:`));
  return (entry?.[1] ?? 0) / 1e9;
}
