// Records, principals and actors for the access-control tests, plus an in-memory invalidation bus
// and a KeyLookup over a map that counts its calls.

import type { Memberships } from '../../src/auth/actor.js';
import { actorOf, type Actor } from '../../src/auth/actor.js';
import type { KeyLookup, ResolvedKey } from '../../src/auth/key-lookup.js';
import type { VirtualKeyPrincipal } from '../../src/auth/principal.js';
import type { OrganizationRecord, TeamRecord, TeamRole, UserRecord, UserRole, VirtualKeyRecord } from '../../src/store/records.js';
import type { InvalidationBus } from '../../src/shared-state/types.js';

const at = '2025-01-01T00:00:00.000Z';
const unlimited = { maxBudget: null, softBudget: null, budgetDuration: null, budgetResetAt: null, spend: 0, tpmLimit: null, rpmLimit: null, maxParallelRequests: null };
const openScope = { models: [], allowedRegions: null, metadata: {}, blocked: false };

export function makeKey(overrides: Partial<VirtualKeyRecord> = {}): VirtualKeyRecord {
  return {
    ...unlimited, ...openScope, id: 'key-1', keyHash: '', alias: null, displayName: 'sk-...abcd', userId: null, teamId: null,
    organizationId: null, allowedRoutes: [], allowedIps: null, expiresAt: null, previousKeyHash: null, previousKeyExpiresAt: null, createdBy: null,
    createdAt: at, updatedAt: at, ...overrides,
  };
}

export function makeUser(overrides: Partial<UserRecord> = {}): UserRecord {
  return { ...unlimited, id: 'user-1', email: null, role: 'internal_user', models: [], metadata: {}, allowedIps: null, createdAt: at, updatedAt: at, ...overrides };
}

export function makeTeam(overrides: Partial<TeamRecord> = {}): TeamRecord {
  return { ...unlimited, ...openScope, id: 'team-1', alias: null, organizationId: null, allowedIps: null, createdAt: at, updatedAt: at, ...overrides };
}

export function makeOrganization(overrides: Partial<OrganizationRecord> = {}): OrganizationRecord {
  return { ...unlimited, ...openScope, id: 'org-1', alias: null, createdAt: at, updatedAt: at, ...overrides };
}

export function keyPrincipal(parts: Partial<Omit<VirtualKeyPrincipal, 'kind'>> = {}): VirtualKeyPrincipal {
  return { kind: 'virtual-key', key: makeKey(), user: null, team: null, organization: null, teamRole: null, ...parts };
}

/** An actor acting through a key of a user with `role` and the given memberships. */
export function userActor(role: UserRole, memberships: Partial<Memberships> = {}, parts: Partial<Omit<VirtualKeyPrincipal, 'kind'>> = {}): Actor {
  const user = makeUser({ id: 'me', role });
  const principal = keyPrincipal({ key: makeKey({ userId: 'me' }), user, ...parts });
  return actorOf(principal, { organizations: [], teams: [], ...memberships });
}

export function orgMember(organizationId: string, role: 'org_admin' | 'internal_user' | 'internal_user_viewer'): Memberships['organizations'][number] {
  return { organizationId, role };
}

export function teamMember(teamId: string, role: TeamRole): Memberships['teams'][number] {
  return { teamId, role };
}

export interface InMemoryBus extends InvalidationBus {
  readonly subscriberCount: () => number;
}

export function createInMemoryBus(): InMemoryBus {
  const handlers = new Map<string, Set<(id: string) => void>>();
  return {
    publish(topic, id) {
      for (const handler of handlers.get(topic) ?? []) handler(id);
      return Promise.resolve();
    },
    subscribe(topic, handler) {
      const set = handlers.get(topic) ?? new Set();
      set.add(handler);
      handlers.set(topic, set);
      return () => set.delete(handler);
    },
    subscriberCount: () => [...handlers.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

export interface FakeKeyLookup extends KeyLookup {
  /** Rows by hash: a row is found by its key's current or previous hash. */
  readonly rows: Map<string, ResolvedKey>;
  calls: number;
}

export function createFakeKeyLookup(): FakeKeyLookup {
  const lookup: FakeKeyLookup = {
    rows: new Map(),
    calls: 0,
    findByHash(hash) {
      lookup.calls += 1;
      return Promise.resolve(lookup.rows.get(hash));
    },
  };
  return lookup;
}
