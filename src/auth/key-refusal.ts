// Whether a found virtual key may be used right now: not expired, not blocked (itself, its team or
// its organisation), its records still there, a previous secret only within its grace period.
// Checked on every request, cached or not, since time passes. Finding the key is not here.

import { GatewayError } from '../errors/gateway-error.js';
import type { CachedKey } from './key-cache.js';

function refuse(message: string, detail: string): GatewayError {
  return new GatewayError('invalid_api_key', { message, detail });
}

/** Unreadable times count as already past: a key is never accepted on a date it cannot read. */
function isPast(iso: string, nowMs: number): boolean {
  const atMs = Date.parse(iso);
  return Number.isNaN(atMs) || atMs <= nowMs;
}

/** The 401 to answer with, or undefined when the key may be used at `nowMs`. */
export function keyRefusal({ principal, matched }: CachedKey, nowMs: number): GatewayError | undefined {
  const { key, user, team, organization } = principal;
  const id = `key ${key.id}`;
  if (matched === 'previous' && (key.previousKeyExpiresAt === null || isPast(key.previousKeyExpiresAt, nowMs))) {
    return refuse('This API key was regenerated and its previous value is no longer valid.', `${id}: previous secret past its grace period`);
  }
  if (key.expiresAt !== null && isPast(key.expiresAt, nowMs)) {
    return refuse(`This API key expired at ${key.expiresAt}.`, `${id}: expired`);
  }
  if (key.blocked) return refuse('This API key is blocked.', `${id}: blocked`);
  if (key.userId !== null && user === null) return refuse('The user of this API key no longer exists.', `${id}: user ${key.userId} missing`);
  if (key.teamId !== null && team === null) return refuse('The team of this API key no longer exists.', `${id}: team ${key.teamId} missing`);
  if (team?.blocked === true) return refuse('The team of this API key is blocked.', `${id}: team ${team.id} blocked`);
  const organizationId = key.organizationId ?? team?.organizationId ?? null;
  if (organizationId !== null && organization === null) {
    return refuse('The organization of this API key no longer exists.', `${id}: organization ${organizationId} missing`);
  }
  if (organization?.blocked === true) {
    return refuse('The organization of this API key is blocked.', `${id}: organization ${organization.id} blocked`);
  }
  return undefined;
}
