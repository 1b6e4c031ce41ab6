// IP allowlists: CIDR lists compiled once into masks, checked per request; the validator that
// refuses invalid lists before they are stored; and the key, team and user check after authentication.
// Which address a request comes from is the server's concern (server/edge/client-ip.ts).

import { formatIpRange, parseIpAddress, parseIpRange, wordMask, type IpRange } from '../config/ip-range.js';
import type { Principal } from './principal.js';

export interface IpAllowlist {
  /** True when the address (any text form) falls in one of the ranges; malformed text never does. */
  allows(address: string): boolean;
}

/** Longest list accepted on a key or team: allowlists are ranges, not lists of every client. */
export const MAX_ALLOWLIST_ENTRIES = 1_000;

interface CompiledRange {
  readonly family: 4 | 6;
  readonly base: readonly number[];
  readonly mask: readonly number[];
}

function compile(range: IpRange): CompiledRange {
  const mask = range.words.map((_, index) => wordMask(range.prefix, index));
  return { family: range.family, base: range.words, mask };
}

function contains(range: CompiledRange, words: readonly number[]): boolean {
  for (let i = 0; i < range.base.length; i++) {
    if ((((words[i] ?? 0) & (range.mask[i] ?? 0)) >>> 0) !== range.base[i]) return false;
  }
  return true;
}

/**
 * Compiles a list of ranges. Entries that do not parse are skipped, so a list damaged outside the
 * validator only ever admits less (an empty result admits nothing).
 */
export function compileIpAllowlist(entries: readonly string[]): IpAllowlist {
  const ranges = entries.flatMap((entry) => {
    const range = parseIpRange(entry.trim());
    return typeof range === 'string' ? [] : [compile(range)];
  });
  const v4 = ranges.filter((range) => range.family === 4);
  const v6 = ranges.filter((range) => range.family === 6);
  return {
    allows(text) {
      const address = parseIpAddress(text);
      if (address === undefined) return false;
      const candidates = address.family === 4 ? v4 : v6;
      return candidates.some((range) => contains(range, address.words));
    },
  };
}

/** Why one allowlist entry is invalid, or undefined when it is a valid address or CIDR range. */
export function ipRangeProblem(entry: string): string | undefined {
  const range = parseIpRange(entry.trim());
  return typeof range === 'string' ? range : undefined;
}

/**
 * Every problem of an allowlist as the management API receives it: null (no restriction) or a
 * non-empty list of addresses and CIDR ranges. Empty when valid.
 */
export function ipAllowlistProblems(value: unknown): string[] {
  if (value === null) return [];
  if (!Array.isArray(value)) return ['must be a list of IP addresses or CIDR ranges, or null for no restriction'];
  if (value.length === 0) return ['must list at least one address or range; use null for no restriction'];
  if (value.length > MAX_ALLOWLIST_ENTRIES) return [`must list at most ${MAX_ALLOWLIST_ENTRIES} ranges`];
  return value.flatMap((entry: unknown, index) => {
    if (typeof entry !== 'string') return [`[${index}] must be a string`];
    const problem = ipRangeProblem(entry);
    return problem === undefined ? [] : [`[${index}] ${problem}`];
  });
}

/** The list in canonical form (`10.0.0.0/8`, `2001:db8::/32`), for storing; call after validating. */
export function normalizeIpAllowlist(entries: readonly string[]): string[] {
  return entries.map((entry) => {
    const range = parseIpRange(entry.trim());
    return typeof range === 'string' ? entry : formatIpRange(range);
  });
}

const compiledLists = new WeakMap<readonly string[], IpAllowlist>();

/** Compiled once per list object: cached key records keep the same arrays between requests. */
function allowlistOf(entries: readonly string[]): IpAllowlist {
  let compiled = compiledLists.get(entries);
  if (compiled === undefined) {
    compiled = compileIpAllowlist(entries);
    compiledLists.set(entries, compiled);
  }
  return compiled;
}

function listAllows(list: readonly string[] | null, address: string): boolean {
  return list === null || allowlistOf(list).allows(address);
}

/** The allowlists of the key, its team and its user all admit the address (null lists admit everyone). */
export function principalAllowsIp(principal: Principal, address: string): boolean {
  if (principal.kind === 'master') return true;
  return (
    listAllows(principal.key.allowedIps, address) &&
    listAllows(principal.team?.allowedIps ?? null, address) &&
    listAllows(principal.user?.allowedIps ?? null, address)
  );
}
