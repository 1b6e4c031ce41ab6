// The egress (SSRF) policy: which resolved addresses an outbound connection may reach. Public
// addresses always; private, loopback, link-local and other special ranges only when the operator
// listed them; cloud metadata only when listed by exact address. DNS and connecting live elsewhere.

import { BlockList, isIP } from 'node:net';
import { categoryOf } from './address-ranges.js';

/**
 * One allowed private destination, as `config/` parses `gatehouse.egress.allow_private_hosts`
 * (same shape; this folder imports no config). A missing `port` means any port.
 */
export type EgressAllowEntry =
  | { readonly kind: 'name'; readonly name: string; readonly port?: number }
  | { readonly kind: 'range'; readonly address: string; readonly prefix: number; readonly family: 'ipv4' | 'ipv6'; readonly port?: number };

export interface EgressPolicy {
  readonly allowPrivateHosts: readonly EgressAllowEntry[];
  /** Every private destination is allowed; cloud metadata still needs an exact entry. */
  readonly dangerouslyAllowAllPrivate: boolean;
}

/** Nothing private is reachable: the default. */
export const denyPrivateEgress: EgressPolicy = Object.freeze({ allowPrivateHosts: Object.freeze([]), dangerouslyAllowAllPrivate: false });

/** One connection about to be made: the URL's host, its port, and one address the host resolved to. */
export interface EgressTarget {
  readonly hostname: string;
  readonly port: number;
  readonly address: string;
}

/** Host names that answer with cloud credentials, refused by name before any lookup. */
const metadataNames = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** The option a refusal message points to. */
export const allowOptionName = 'gatehouse.egress.allow_private_hosts';

/** Lower case, no IPv6 brackets, no trailing dot: the form entries and targets are compared in. */
export function normalizeHostname(hostname: string): string {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return bare.toLowerCase().replace(/\.$/, '');
}

function inRange(entry: Extract<EgressAllowEntry, { kind: 'range' }>, address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const list = new BlockList();
  list.addSubnet(entry.address, entry.prefix, entry.family);
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function isExactAddress(entry: Extract<EgressAllowEntry, { kind: 'range' }>, address: string): boolean {
  return entry.prefix === (entry.family === 'ipv4' ? 32 : 128) && inRange(entry, address);
}

function portMatches(entry: EgressAllowEntry, port: number): boolean {
  return entry.port === undefined || entry.port === port;
}

/** Metadata host names are refused unless an entry names the host itself. */
export function refusedHostname(policy: EgressPolicy, hostname: string, port: number): string | undefined {
  const name = normalizeHostname(hostname);
  if (!metadataNames.has(name)) return undefined;
  const listed = policy.allowPrivateHosts.some((entry) => entry.kind === 'name' && entry.name === name && portMatches(entry, port));
  return listed ? undefined : `${name} is a cloud metadata host`;
}

/** Why this connection is refused (`a loopback address`), or undefined when the policy allows it. */
export function egressRefusal(policy: EgressPolicy, target: EgressTarget): string | undefined {
  const category = categoryOf(target.address);
  if (category === undefined) return undefined;
  const name = normalizeHostname(target.hostname);
  const entries = policy.allowPrivateHosts.filter((entry) => portMatches(entry, target.port));
  if (category === 'cloud metadata') {
    const exact = entries.some((entry) => entry.kind === 'range' && isExactAddress(entry, target.address));
    return exact ? undefined : 'a cloud metadata address';
  }
  if (policy.dangerouslyAllowAllPrivate) return undefined;
  const listed = entries.some((entry) => (entry.kind === 'name' ? entry.name === name : inRange(entry, target.address)));
  return listed ? undefined : `a ${category} address`;
}

/** How to allow a refused destination, for messages an operator reads. */
export function allowHint(hostname: string, port: number): string {
  const name = normalizeHostname(hostname);
  const host = isIP(name) === 6 ? `[${name}]` : name;
  return `to allow it, add "${host}:${port}" to ${allowOptionName}`;
}
