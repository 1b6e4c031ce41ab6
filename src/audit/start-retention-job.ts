// The daily retention job: purges usage records and audit rows past their periods, each purge
// audited. Runs once a day per cluster: every instance checks, and the one that takes the job's
// lease in the store runs it (see start-leased-job.ts); the others skip.

import type { JobLeaseRepository } from '../store/repositories/job-lease-repository.js';
import { startLeasedJob } from '../store/start-leased-job.js';
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

/** The job's lease name: frozen, like the rows that carry it. */
export const retentionLeaseName = 'retention';

export const retentionJobDefaults = {
  /** How often the cluster purges. */
  intervalMs: dayMs,
  /** How often each instance checks whether a purge is due; bounds how late one starts. */
  checkIntervalMs: 10 * 60_000,
  /** Lets a starting instance settle before its first check. */
  firstRunDelayMs: 60_000,
  /** How long an instance that died mid-run keeps the others from taking over. */
  leaseMs: 5 * 60_000,
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
  /** The store's leases and this instance's holder id (see newLeaseHolder). */
  readonly lease: { readonly leases: JobLeaseRepository; readonly holder: string };
  /** A failed run is reported here and retried at the next interval. */
  readonly onError: (error: unknown) => void;
  readonly onRun?: (run: RetentionRun) => void;
  readonly intervalMs?: number;
  readonly checkIntervalMs?: number;
  readonly firstRunDelayMs?: number;
  readonly leaseMs?: number;
  readonly now?: () => Date;
}

/** Starts the job; the returned function stops it, after a run under way, and gives the lease up. */
export function startRetentionJob(options: RetentionJobOptions): () => Promise<void> {
  const { store, retention, onRun } = options;
  const settings = { ...retentionJobDefaults, ...options };
  const job = startLeasedJob({
    leases: options.lease.leases,
    holder: options.lease.holder,
    name: retentionLeaseName,
    runIntervalMs: settings.intervalMs,
    checkIntervalMs: settings.checkIntervalMs,
    firstCheckDelayMs: settings.firstRunDelayMs,
    leaseMs: settings.leaseMs,
    onError: options.onError,
    ...(options.now === undefined ? {} : { now: options.now }),
    run: async (now) => {
      const result = await runRetention(store, retention, now);
      onRun?.(result);
    },
  });
  return () => job.stop();
}
