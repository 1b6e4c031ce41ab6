// A migrated, empty store with every repository on a clock the test moves by hand, closed after
// use. Shared by the repository contract suites of both dialects.

import { createRepositories } from '../../src/store/repositories/create-repositories.js';
import type { Repositories } from '../../src/store/repositories/create-repositories.js';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/open-store.js';
import type { StoreTarget } from './store-contract.js';

export interface ManualClock {
  now(): Date;
  set(time: string): void;
  advance(ms: number): void;
}

export function manualClock(start: string): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set: (time) => {
      current = new Date(time);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export interface RepositoryFixture {
  readonly store: Store;
  readonly repos: Repositories;
  readonly clock: ManualClock;
}

export async function withRepositories<T>(target: StoreTarget, use: (fixture: RepositoryFixture) => Promise<T>): Promise<T> {
  const store = await openStore(await target.fresh());
  try {
    await runMigrations(store);
    const clock = manualClock('2026-03-10T12:00:00.000Z');
    return await use({ store, repos: createRepositories(store, { now: clock.now }), clock });
  } finally {
    await store.close();
  }
}
