// The actor of an administrative action: the authenticated principal plus its user's organisation
// and team memberships, which `can` needs to scope permissions. Loaded per management request
// through a small lookup the store implements; the LLM hot path never needs it.

import type { OrganizationMembershipRecord, TeamMembershipRecord, UserRole } from '../store/records.js';
import { effectiveRole, principalUserId, type Principal } from './principal.js';

export interface Memberships {
  readonly organizations: readonly Pick<OrganizationMembershipRecord, 'organizationId' | 'role'>[];
  readonly teams: readonly Pick<TeamMembershipRecord, 'teamId' | 'role'>[];
}

export interface MembershipLookup {
  /** Every organisation and team membership of the user (none for an unknown user). */
  membershipsOf(userId: string): Promise<Memberships>;
}

export interface Actor extends Memberships {
  readonly principal: Principal;
  /** The platform role acted with; null for a key without a user. */
  readonly role: UserRole | null;
  readonly userId: string | null;
}

const noMemberships: Memberships = Object.freeze({ organizations: [], teams: [] });

/** The actor for `principal`; memberships are ignored for principals without a user. */
export function actorOf(principal: Principal, memberships: Memberships = noMemberships): Actor {
  const userId = principalUserId(principal);
  const own = userId === null ? noMemberships : memberships;
  return { principal, role: effectiveRole(principal), userId, organizations: own.organizations, teams: own.teams };
}

export async function loadActor(principal: Principal, lookup: MembershipLookup): Promise<Actor> {
  const userId = principalUserId(principal);
  return actorOf(principal, userId === null ? noMemberships : await lookup.membershipsOf(userId));
}

/**
 * Organisations the actor administers: those where its membership role is `org_admin`, and only
 * while its platform role is `org_admin` too. Proxy admins administer all and are not listed.
 */
export function administeredOrganizationIds(actor: Actor): ReadonlySet<string> {
  if (actor.role !== 'org_admin') return new Set();
  return new Set(actor.organizations.filter((m) => m.role === 'org_admin').map((m) => m.organizationId));
}

/** Teams where the actor's team role is `admin`. */
export function administeredTeamIds(actor: Actor): ReadonlySet<string> {
  return new Set(actor.teams.filter((m) => m.role === 'admin').map((m) => m.teamId));
}
