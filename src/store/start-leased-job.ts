// Runs a periodic job on one instance of a cluster at a time: at every check this instance asks
// for the job's lease and runs the job only if it gets it. Owns the timers and the lease; what a
// run does, and reporting its failures, are the caller's.

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { JobLeaseRepository } from './repositories/job-lease-repository.js';

export interface LeasedJobOptions {
  readonly leases: JobLeaseRepository;
  /** The job's lease name, the same on every instance. */
  readonly name: string;
  /** This instance (see `newLeaseHolder`). */
  readonly holder: string;
  /** How often this instance asks for the lease. */
  readonly checkIntervalMs: number;
  /** Before the first check; default `checkIntervalMs`. */
  readonly firstCheckDelayMs?: number;
  /** How long a lease lasts from each check; renewed every third of it while a run lasts. */
  readonly leaseMs: number;
  /**
   * Set: the cluster runs the job once per this interval, and the runner gives the lease up after
   * each run. Unset: the holder keeps the lease from check to check while it lives, and runs at
   * every check (`leaseMs` a little over `checkIntervalMs`).
   */
  readonly runIntervalMs?: number;
  readonly run: (now: Date) => Promise<void>;
  /** A failed check or run is reported here; the next check tries again. */
  readonly onError: (error: unknown) => void;
  readonly now?: () => Date;
}

export interface LeasedJob {
  /** Stops checking, waits for a run under way, and gives the lease up. */
  stop(): Promise<void>;
}

/** A holder id for this process start: readable by operators (host, pid), unique by its random tail. */
export function newLeaseHolder(): string {
  return `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

export function startLeasedJob(options: LeasedJobOptions): LeasedJob {
  const { leases, name, holder, leaseMs, runIntervalMs, onError } = options;
  const clock = options.now ?? (() => new Date());
  let holding = false;
  let stopped = false;
  let inFlight: Promise<void> | undefined;

  const acquire = (now: Date, lastRunBefore?: Date): Promise<boolean> =>
    leases.tryAcquire({ name, holder, ttlMs: leaseMs, now, ...(lastRunBefore === undefined ? {} : { lastRunBefore }) });

  const runHeld = async (now: Date): Promise<void> => {
    // A run longer than the lease would let another instance start a second one.
    let renewing: Promise<unknown> = Promise.resolve();
    const renewal = setInterval(() => {
      renewing = acquire(clock()).catch(onError);
    }, leaseMs / 3);
    renewal.unref();
    try {
      await options.run(now);
    } finally {
      clearInterval(renewal);
      // A renewal still on its way must not take the lease back after it is given up.
      await renewing;
      // A failed run counts as this interval's run too: it is retried at the next interval, not at
      // every check (a broken audit chain would otherwise be reported every few minutes).
      if (runIntervalMs !== undefined) {
        await leases.release(name, holder, { now: clock(), ranAt: now });
        holding = false;
      }
    }
  };

  const check = async (): Promise<void> => {
    const now = clock();
    holding = await acquire(now, runIntervalMs === undefined ? undefined : new Date(now.getTime() - runIntervalMs));
    if (holding && !stopped) await runHeld(now);
  };

  const tick = (): void => {
    // A run still going (a slow database) is not doubled up.
    if (inFlight !== undefined || stopped) return;
    inFlight = check()
      .catch(onError)
      .finally(() => {
        inFlight = undefined;
      });
  };

  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    tick();
    interval = setInterval(tick, options.checkIntervalMs);
    interval.unref();
  }, options.firstCheckDelayMs ?? options.checkIntervalMs);
  first.unref();

  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(interval);
      await inFlight;
      if (holding) await leases.release(name, holder, { now: clock() }).catch(onError);
      holding = false;
    },
  };
}
