// The counters one request is checked against, for each subject (key, user, team, organisation):
// spend in the budget period, requests and tokens per minute, parallel requests. Plain data built
// from plain data; running the checks against shared counters lives in admission.ts.

import type { BudgetFields, LimitFields } from '../store/records.js';
import { budgetPeriodOf } from './budget-period.js';
import type { BudgetPeriod } from './budget-period.js';

export type SubjectKind = 'key' | 'user' | 'team' | 'organization';

/** One level a request is charged to; the caller builds these from the principal. */
export interface BudgetSubject {
  readonly kind: SubjectKind;
  readonly id: string;
  readonly budget: BudgetFields;
  readonly limits: LimitFields;
}

export interface AdmissionEstimate {
  readonly totalTokens: number;
  readonly costUsd: number;
}

/** Rate-limit windows are fixed minutes of the clock. */
export const RATE_WINDOW_MS = 60_000;
/**
 * Parallel-request counters rotate every bucket, so slots held by an instance that died free
 * themselves; a new request also counts the previous bucket's requests still in flight.
 */
export const PARALLEL_BUCKET_MS = 15 * 60_000;

interface CheckBase {
  readonly subject: BudgetSubject;
  readonly key: string;
  readonly delta: number;
  readonly limit: number;
  /** When the counter stops mattering; settling after it changes nothing. */
  readonly expiresAtMs: number;
}

export interface BudgetCheck extends CheckBase {
  readonly role: 'budget';
  readonly period: BudgetPeriod;
  /** The counter's starting value (nano-dollars) if it does not exist yet. */
  readonly seedNanoUsd: number;
}

export interface WindowCheck extends CheckBase {
  readonly role: 'rpm' | 'tpm';
  readonly windowEndMs: number;
}

export interface ParallelCheck extends CheckBase {
  readonly role: 'parallel';
  readonly previousKey: string;
}

export type Check = BudgetCheck | WindowCheck | ParallelCheck;

/** Money in counters is whole nano-dollars: integers add exactly, in memory and in Redis. */
export function toNanoUsd(usd: number): number {
  if (!Number.isFinite(usd) || usd <= 0) return usd === Number.POSITIVE_INFINITY ? Number.MAX_SAFE_INTEGER : 0;
  return Math.min(Number.MAX_SAFE_INTEGER, Math.round(usd * 1e9));
}

/** Budgets first (they explain a refusal best), then each level's rate limits. */
export function planChecks(subjects: readonly BudgetSubject[], estimate: AdmissionEstimate, nowMs: number): Check[] {
  const checks: Check[] = [];
  for (const subject of subjects) {
    const check = budgetCheck(subject, estimate, nowMs);
    if (check !== undefined) checks.push(check);
  }
  for (const subject of subjects) addLimitChecks(checks, subject, estimate, nowMs);
  return checks;
}

function budgetCheck(subject: BudgetSubject, estimate: AdmissionEstimate, nowMs: number): BudgetCheck | undefined {
  const { maxBudget, softBudget } = subject.budget;
  if (maxBudget === null && softBudget === null) return undefined;
  const period = budgetPeriodOf(subject.budget, nowMs);
  return {
    role: 'budget',
    subject,
    key: `budget:${subject.kind}:${subject.id}:${period.id}`,
    delta: toNanoUsd(estimate.costUsd),
    // Refuses once spend plus reservations would reach the maximum (integers: `< max` is `<= max - 1`).
    limit: maxBudget === null ? Number.MAX_SAFE_INTEGER : toNanoUsd(maxBudget) - 1,
    expiresAtMs: nowMs + period.ttlMs,
    period,
    seedNanoUsd: toNanoUsd(period.seedSpendUsd),
  };
}

// Plain loops and literals: this runs for every level of every request with a virtual key.
function addLimitChecks(checks: Check[], subject: BudgetSubject, estimate: AdmissionEstimate, nowMs: number): void {
  const { rpmLimit, tpmLimit, maxParallelRequests } = subject.limits;
  if (rpmLimit === null && tpmLimit === null && maxParallelRequests === null) return;
  const name = `${subject.kind}:${subject.id}`;
  const windowStartMs = Math.floor(nowMs / RATE_WINDOW_MS) * RATE_WINDOW_MS;
  const windowEndMs = windowStartMs + RATE_WINDOW_MS;
  if (rpmLimit !== null) {
    checks.push({ role: 'rpm', subject, key: `rpm:${name}:${windowStartMs}`, delta: 1, limit: rpmLimit, windowEndMs, expiresAtMs: windowEndMs });
  }
  if (tpmLimit !== null) {
    const tokens = Math.max(0, Math.ceil(estimate.totalTokens));
    checks.push({ role: 'tpm', subject, key: `tpm:${name}:${windowStartMs}`, delta: tokens, limit: tpmLimit, windowEndMs, expiresAtMs: windowEndMs });
  }
  if (maxParallelRequests !== null) {
    const bucket = Math.floor(nowMs / PARALLEL_BUCKET_MS);
    checks.push({
      role: 'parallel',
      subject,
      key: `parallel:${name}:${bucket}`,
      previousKey: `parallel:${name}:${bucket - 1}`,
      delta: 1,
      limit: maxParallelRequests,
      // Alive through the next bucket, while requests started now are still counted there.
      expiresAtMs: (bucket + 2) * PARALLEL_BUCKET_MS,
    });
  }
}
