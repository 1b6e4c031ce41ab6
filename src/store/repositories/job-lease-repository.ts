// Leases on periodic jobs, so that several instances over one database run each job once: whoever
// holds a job's lease may run it until the lease expires. Scheduling the runs is the caller's part.

import type { Store } from '../store.js';

export interface LeaseRequest {
  readonly name: string;
  /** The asking instance: random per process start, not a secret. */
  readonly holder: string;
  readonly ttlMs: number;
  readonly now: Date;
  /** Also require the job's last finished run (if any) to be at or before this time. */
  readonly lastRunBefore?: Date;
}

export interface JobLease {
  readonly name: string;
  readonly holder: string;
  readonly expiresAt: string;
  readonly lastRunAt: string | null;
}

export interface JobLeaseRepository {
  /**
   * Takes or renews the lease in one atomic statement: it succeeds when nobody holds it, when it
   * has expired, or when `holder` already holds it (and, with `lastRunBefore`, the job is due).
   * True when `holder` holds the lease until `now + ttlMs` afterwards.
   */
  tryAcquire(request: LeaseRequest): Promise<boolean>;
  /** Gives the lease up at `now`, if `holder` still has it; `ranAt` records a finished run. */
  release(name: string, holder: string, options: { now: Date; ranAt?: Date }): Promise<void>;
  read(name: string): Promise<JobLease | undefined>;
}

export function createJobLeaseRepository(store: Store): JobLeaseRepository {
  const { db } = store;
  return {
    async tryAcquire({ name, holder, ttlMs, now, lastRunBefore }) {
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      // The conditional upsert is one statement on both dialects: PostgreSQL locks the conflicting
      // row and re-checks the condition; SQLite holds the database's write lock. A refused update
      // returns no row.
      const row = await db
        .insertInto('gatehouse_job_leases')
        .values({ name, holder, expires_at: expiresAt, last_run_at: null })
        .onConflict((conflict) =>
          conflict
            .column('name')
            .doUpdateSet({ holder, expires_at: expiresAt })
            .where((eb) => {
              const free = eb.or([
                eb('gatehouse_job_leases.holder', '=', holder),
                eb('gatehouse_job_leases.expires_at', '<=', now.toISOString()),
              ]);
              if (lastRunBefore === undefined) return free;
              const due = eb.or([
                eb('gatehouse_job_leases.last_run_at', 'is', null),
                eb('gatehouse_job_leases.last_run_at', '<=', lastRunBefore.toISOString()),
              ]);
              return eb.and([free, due]);
            }),
        )
        .returning('holder')
        .executeTakeFirst();
      return row?.holder === holder;
    },

    async release(name, holder, { now, ranAt }) {
      await db
        .updateTable('gatehouse_job_leases')
        .set(ranAt === undefined ? { expires_at: now.toISOString() } : { expires_at: now.toISOString(), last_run_at: ranAt.toISOString() })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .execute();
    },

    async read(name) {
      const row = await db.selectFrom('gatehouse_job_leases').selectAll().where('name', '=', name).executeTakeFirst();
      return row === undefined ? undefined : { name: row.name, holder: row.holder, expiresAt: row.expires_at, lastRunAt: row.last_run_at };
    },
  };
}
