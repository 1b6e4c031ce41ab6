// Budget and rate-limit admission, before any byte goes upstream: every level's checks run as one
// all-or-nothing `addIfWithin`, reserving the estimate; `settle` swaps it for the actual use.
// What a request is estimated to cost lives in estimate-request.ts; which checks apply in admission-checks.ts.

import type { SharedCounters } from '../shared-state/types.js';
import { planChecks, toNanoUsd } from './admission-checks.js';
import type { AdmissionEstimate, BudgetCheck, BudgetSubject, Check, SubjectKind } from './admission-checks.js';
import { refusalOf } from './admission-refusal.js';

export type { AdmissionEstimate, BudgetSubject, SubjectKind } from './admission-checks.js';

export interface AdmissionRequest {
  /** The levels the request is charged to; none (the master key) skips admission. */
  readonly subjects: readonly BudgetSubject[];
  readonly estimate: AdmissionEstimate;
  readonly nowMs: number;
}

export interface ActualUse {
  readonly costUsd: number;
  readonly totalTokens: number;
}

export interface SoftBudgetNotice {
  readonly kind: SubjectKind;
  readonly id: string;
  readonly softBudgetUsd: number;
  /** The period's spend including this request's reservation. */
  readonly spendUsd: number;
  /** This request took the spend over the soft budget (the moment to alert). */
  readonly crossedNow: boolean;
}

export interface Admission {
  /** `x-ratelimit-*` headers of the tightest level; empty when no level limits requests or tokens. */
  headers(): Record<string, string>;
  /** Levels whose spend has reached their soft budget; empty when none has. */
  readonly softBudget: readonly SoftBudgetNotice[];
  /**
   * Replaces the estimate with the actual use and frees the parallel slot. Call it once the request
   * is over, failed ones included (with cost 0); later calls return the first call's promise.
   */
  settle(actual: ActualUse, nowMs?: number): Promise<void>;
}

const unlimited: Admission = Object.freeze({
  headers: () => ({}),
  softBudget: [],
  settle: () => Promise.resolve(),
});

/** Admits the request or throws `budget_exceeded` / `rate_limited` (429), counting nothing when it refuses. */
export async function admitRequest(counters: SharedCounters, request: AdmissionRequest): Promise<Admission> {
  const checks = planChecks(request.subjects, request.estimate, request.nowMs);
  if (checks.length === 0) return unlimited;
  await Promise.all(checks.filter(isBudgetCheck).map((check) => counters.seed(check.key, check.seedNanoUsd, check.expiresAtMs - request.nowMs)));
  const previousKeys = checks.flatMap((check) => (check.role === 'parallel' ? [check.previousKey] : []));
  const values = await counters.getMany([...checks.map((check) => check.key), ...previousKeys]);
  const before = values.slice(0, checks.length);
  const previous = new Map(previousKeys.map((key, index) => [key, Math.max(0, values[checks.length + index] ?? 0)]));
  const entries = checks.map((check) => ({
    key: check.key,
    delta: check.delta,
    // Requests started in the previous parallel bucket may still be in flight.
    limit: check.role === 'parallel' ? check.limit - (previous.get(check.previousKey) ?? 0) : check.limit,
    ttlMs: check.expiresAtMs - request.nowMs,
  }));
  const refused = await counters.addIfWithin(entries);
  const refusedCheck = checks[refused];
  if (refusedCheck !== undefined) throw refusalOf(refusedCheck, request.nowMs);
  return granted(counters, checks, before);
}

function granted(counters: SharedCounters, checks: readonly Check[], before: readonly number[]): Admission {
  const headers = rateLimitHeaders(checks, before);
  let settled: Promise<void> | undefined;
  return {
    headers: () => ({ ...headers }),
    softBudget: softBudgetNotices(checks, before),
    settle(actual, nowMs = Date.now()) {
      settled ??= Promise.all(checks.map((check) => settleCheck(counters, check, actual, nowMs))).then(() => undefined);
      return settled;
    },
  };
}

async function settleCheck(counters: SharedCounters, check: Check, actual: ActualUse, nowMs: number): Promise<void> {
  const ttlMs = check.expiresAtMs - nowMs;
  if (ttlMs <= 0) return;
  if (check.role === 'parallel') {
    await counters.add(check.key, -1, ttlMs);
  } else if (check.role === 'tpm') {
    const correction = Math.max(0, Math.round(actual.totalTokens) || 0) - check.delta;
    if (correction !== 0) await counters.add(check.key, correction, ttlMs);
  } else if (check.role === 'budget') {
    const correction = toNanoUsd(actual.costUsd) - check.delta;
    if (correction === 0) return;
    // Should the counter have been lost meanwhile, it restarts from what admission saw plus this request.
    await counters.seed(check.key, check.seedNanoUsd + check.delta, ttlMs);
    await counters.add(check.key, correction, ttlMs);
  }
}

function isBudgetCheck(check: Check): check is BudgetCheck {
  return check.role === 'budget';
}

/** For requests and for tokens apart: the level with the least left after this request. */
function rateLimitHeaders(checks: readonly Check[], before: readonly number[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [role, unit] of [['rpm', 'requests'], ['tpm', 'tokens']] as const) {
    let tightest: { limit: number; remaining: number } | undefined;
    for (const [index, check] of checks.entries()) {
      if (check.role !== role) continue;
      const remaining = Math.max(0, check.limit - (before[index] ?? 0) - check.delta);
      if (tightest === undefined || remaining < tightest.remaining) tightest = { limit: check.limit, remaining };
    }
    if (tightest === undefined) continue;
    headers[`x-ratelimit-limit-${unit}`] = String(tightest.limit);
    headers[`x-ratelimit-remaining-${unit}`] = String(tightest.remaining);
  }
  return headers;
}

function softBudgetNotices(checks: readonly Check[], before: readonly number[]): SoftBudgetNotice[] {
  return checks.flatMap((check, index) => {
    const softBudgetUsd = check.subject.budget.softBudget;
    if (check.role !== 'budget' || softBudgetUsd === null) return [];
    const soft = toNanoUsd(softBudgetUsd);
    const spent = before[index] ?? 0;
    if (spent + check.delta < soft) return [];
    const { kind, id } = check.subject;
    return [{ kind, id, softBudgetUsd, spendUsd: (spent + check.delta) / 1e9, crossedNow: spent < soft }];
  });
}
