// Budget and rate-limit admission, before any byte goes upstream: every level's checks run as one
// all-or-nothing `addIfWithin`, reserving the estimate; `settle` swaps it for the actual use.
// What a request is estimated to cost lives in estimate-request.ts; which checks apply in admission-checks.ts.

import type { AddEntry, AdmitEntry, SharedCounters } from '../shared-state/types.js';
import { planChecks, toNanoUsd } from './admission-checks.js';
import type { AdmissionEstimate, BudgetSubject, Check, SubjectKind } from './admission-checks.js';
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
  // One atomic step (one round trip on Redis): seed budgets from the database, read, check, add.
  const { refused, before } = await counters.admit(checks.map((check) => admitEntryOf(check, request.nowMs)));
  const refusedCheck = checks[refused];
  if (refusedCheck !== undefined) throw refusalOf(refusedCheck, request.nowMs);
  return granted(counters, checks, before);
}

function admitEntryOf(check: Check, nowMs: number): AdmitEntry {
  const ttlMs = check.expiresAtMs - nowMs;
  if (check.role === 'budget') return { key: check.key, delta: check.delta, limit: check.limit, ttlMs, seed: check.seedNanoUsd };
  // Requests started in the previous parallel bucket may still be in flight.
  if (check.role === 'parallel') return { key: check.key, delta: check.delta, limit: check.limit, ttlMs, limitLessKey: check.previousKey };
  return { key: check.key, delta: check.delta, limit: check.limit, ttlMs };
}

function granted(counters: SharedCounters, checks: readonly Check[], before: readonly number[]): Admission {
  const headers = rateLimitHeaders(checks, before);
  let settled: Promise<void> | undefined;
  return {
    headers: () => ({ ...headers }),
    softBudget: softBudgetNotices(checks, before),
    settle(actual, nowMs = Date.now()) {
      settled ??= counters.addMany(settlements(checks, actual, nowMs));
      return settled;
    },
  };
}

/** The corrections that swap each reservation for the actual use; expired counters need none. */
function settlements(checks: readonly Check[], actual: ActualUse, nowMs: number): AddEntry[] {
  const entries: AddEntry[] = [];
  for (const check of checks) {
    const ttlMs = check.expiresAtMs - nowMs;
    if (ttlMs <= 0) continue;
    if (check.role === 'parallel') {
      entries.push({ key: check.key, delta: -1, ttlMs });
    } else if (check.role === 'tpm') {
      const correction = Math.max(0, Math.round(actual.totalTokens) || 0) - check.delta;
      if (correction !== 0) entries.push({ key: check.key, delta: correction, ttlMs });
    } else if (check.role === 'budget') {
      const correction = toNanoUsd(actual.costUsd) - check.delta;
      // Should the counter have been lost meanwhile, it restarts from what admission saw plus this request.
      if (correction !== 0) entries.push({ key: check.key, delta: correction, ttlMs, seed: check.seedNanoUsd + check.delta });
    }
  }
  return entries;
}

/** For requests and for tokens apart: the level with the least left after this request. */
function rateLimitHeaders(checks: readonly Check[], before: readonly number[]): Record<string, string> {
  const headers: Record<string, string> = {};
  let requests: { limit: number; remaining: number } | undefined;
  let tokens: { limit: number; remaining: number } | undefined;
  for (let index = 0; index < checks.length; index++) {
    const check = checks[index] as Check;
    if (check.role !== 'rpm' && check.role !== 'tpm') continue;
    const remaining = Math.max(0, check.limit - (before[index] ?? 0) - check.delta);
    if (check.role === 'rpm' && (requests === undefined || remaining < requests.remaining)) requests = { limit: check.limit, remaining };
    if (check.role === 'tpm' && (tokens === undefined || remaining < tokens.remaining)) tokens = { limit: check.limit, remaining };
  }
  if (requests !== undefined) {
    headers['x-ratelimit-limit-requests'] = String(requests.limit);
    headers['x-ratelimit-remaining-requests'] = String(requests.remaining);
  }
  if (tokens !== undefined) {
    headers['x-ratelimit-limit-tokens'] = String(tokens.limit);
    headers['x-ratelimit-remaining-tokens'] = String(tokens.remaining);
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
