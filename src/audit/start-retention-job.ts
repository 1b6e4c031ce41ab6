// The daily retention job: purges usage records and audit rows past their periods, each purge
// audited. In-process: every instance runs it. Several instances on one database need a lease
// (run once per cluster) before this runs there; overlapping purges stay correct but duplicate work.

import type { Store } from '../store/store.js';
import { purgeAudit } from './purge-audit.js';
import type { PurgeResult } from './purge-audit.js';
import { purgeUsage } from './purge-usage.js';

/** Whole days; 0 keeps rows forever. Structurally config's RetentionConfig. */
export interface RetentionPeriods {
  readonly auditDays: number;
  readonly usageDays: number;
}

/** What one run did; null where the period is 0 (kept forever). */
export interface RetentionRun {
  readonly usage: PurgeResult | null;
  readonly audit: PurgeResult | null;
}

const dayMs = 24 * 60 * 60 * 1000;

export const retentionJobDefaults = {
  intervalMs: dayMs,
  /** Lets a starting instance settle before its first purge. */
  firstRunDelayMs: 60_000,
} as const;

function cutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * dayMs);
}

/** One purge of both, usage first; an audit chain found broken fails the run (see purgeAudit). */
export async function runRetention(store: Store, periods: RetentionPeriods, now: Date = new Date()): Promise<RetentionRun> {
  const usage = periods.usageDays > 0 ? await purgeUsage(store, { olderThan: cutoff(now, periods.usageDays), now }) : null;
  const audit = periods.auditDays > 0 ? await purgeAudit(store, { olderThan: cutoff(now, periods.auditDays), now }) : null;
  return { usage, audit };
}

export interface RetentionJobOptions {
  readonly store: Store;
  readonly retention: RetentionPeriods;
  /** A failed run is reported here and retried at the next interval. */
  readonly onError: (error: unknown) => void;
  readonly onRun?: (run: RetentionRun) => void;
  readonly intervalMs?: number;
  readonly firstRunDelayMs?: number;
  readonly now?: () => Date;
}

/** Starts the job; the returned function stops it (a run under way finishes on its own). */
export function startRetentionJob(options: RetentionJobOptions): () => void {
  const { store, retention, onError, onRun } = options;
  const settings = { ...retentionJobDefaults, ...options };
  const now = options.now ?? (() => new Date());
  let running = false;
  let interval: NodeJS.Timeout | undefined;
  const run = (): void => {
    // A run still going (a slow database) is not doubled up.
    if (running) return;
    running = true;
    void runRetention(store, retention, now())
      .then((result) => onRun?.(result))
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(() => {
    run();
    interval = setInterval(run, settings.intervalMs);
    interval.unref();
  }, settings.firstRunDelayMs);
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}
