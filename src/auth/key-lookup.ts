// The one thing authentication asks of the store: find a virtual key by hash, with the records its
// scope depends on. The store's key repository implements it; caching lives in key-cache.ts.

import type { OrganizationRecord, TeamRecord, TeamRole, UserRecord, VirtualKeyRecord } from '../store/records.js';

/** A key and the records around it, as one read gives them. */
export interface ResolvedKey {
  readonly key: VirtualKeyRecord;
  /** The key's user, or null when the key has none (or the user is gone). */
  readonly user: UserRecord | null;
  readonly team: TeamRecord | null;
  /** The key's organisation, else its team's. */
  readonly organization: OrganizationRecord | null;
  /** The user's role in the key's team, when both exist and the user is a member. */
  readonly teamRole: TeamRole | null;
}

export interface KeyLookup {
  /**
   * The key whose `keyHash`, or whose `previousKeyHash` (still within its grace period at `now`),
   * equals `hash`; undefined when none does. Blocked and expired keys are returned too: refusing
   * them with the right message is authentication's job.
   */
  findByHash(hash: string, now: Date): Promise<ResolvedKey | undefined>;
}
