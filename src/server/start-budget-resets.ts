// The budget reset job: once a minute, on the one instance holding its lease, resets budgets whose
// period ended and tells every cache holding the affected records. The resets themselves are the
// budget repository's; the lease and timers are start-leased-job.ts's.

import { startLeasedJob } from '../store/start-leased-job.js';
import type { AppContext } from './app-context.js';

/** The job's lease name: frozen, like the rows that carry it. */
export const budgetResetLeaseName = 'budget-reset';

export const budgetResetDefaults = {
  /** How often due budgets are reset (and caches told). */
  intervalMs: 60_000,
  /** A little over the interval: the holder renews it at every run, and if it dies another instance takes over within this. */
  leaseMs: 90_000,
} as const;

export interface BudgetResetOptions {
  readonly holder: string;
  readonly intervalMs?: number;
  readonly leaseMs?: number;
}

/** Starts the job; the returned function stops it and gives the lease up. */
export function startBudgetResets(app: Pick<AppContext, 'repos' | 'state' | 'log'>, options: BudgetResetOptions): () => Promise<void> {
  const settings = { ...budgetResetDefaults, ...options };
  const job = startLeasedJob({
    leases: app.repos.jobLeases,
    name: budgetResetLeaseName,
    holder: options.holder,
    checkIntervalMs: settings.intervalMs,
    leaseMs: settings.leaseMs,
    onError: (error) => app.log.error('budget reset failed', { detail: String(error) }),
    run: async (now) => {
      const resets = await app.repos.budgets.resetDueBudgets(now);
      for (const reset of resets) await app.state.bus.publish(reset.kind, reset.id);
    },
  });
  return () => job.stop();
}
