// Which address a request comes from. The socket peer, unless that peer is a configured trusted
// proxy: then the right-most hop of `X-Forwarded-For` (else `Forwarded`) that is not a trusted proxy.
// What the address is allowed to do is decided elsewhere (edge-policy.ts, auth/ip-allowlist.ts).

import type { IncomingMessage } from 'node:http';
import { compileIpAllowlist } from '../../auth/ip-allowlist.js';
import { formatIpAddress, parseIpAddress } from '../../config/ip-range.js';

/** Stands for an address that could not be read (a broken or obfuscated hop); no range contains it. */
export const UNKNOWN_CLIENT_IP = 'unknown';

/** Hops read from the right, at most: more than this many proxies is not a real chain. */
const MAX_HOPS = 32;

export type ClientIpResolver = (req: IncomingMessage) => string;

/** Canonical text of an address as a socket or a header gives it, or undefined when it is none. */
export function normalizeIp(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const address = parseIpAddress(text);
  return address === undefined ? undefined : formatIpAddress(address);
}

/** A hop as proxies write it: `203.0.113.7`, `203.0.113.7:4711`, `[2001:db8::1]:443` or `2001:db8::1`. */
function hopAddress(hop: string): string | undefined {
  let text = hop.trim();
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) text = text.slice(1, -1);
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    return end === -1 ? undefined : normalizeIp(text.slice(1, end));
  }
  const colon = text.indexOf(':');
  if (colon !== -1 && colon === text.lastIndexOf(':')) text = text.slice(0, colon);
  return normalizeIp(text);
}

/** The `for=` values of an RFC 7239 `Forwarded` header, left to right. */
function forwardedFor(header: string): string[] {
  const hops: string[] = [];
  for (const element of header.split(',')) {
    for (const pair of element.split(';')) {
      const equals = pair.indexOf('=');
      if (equals !== -1 && pair.slice(0, equals).trim().toLowerCase() === 'for') hops.push(pair.slice(equals + 1));
    }
  }
  return hops;
}

/**
 * The forwarding chain, left (client side) to right (nearest proxy). `X-Forwarded-For` wins when
 * both are sent: nearly every proxy appends to it, while many pass a client's `Forwarded` through.
 */
function forwardingChain(req: IncomingMessage): string[] | undefined {
  const xff = headerText(req.headers['x-forwarded-for']);
  if (xff !== undefined && xff.trim() !== '') return xff.split(',').filter((hop) => hop.trim() !== '');
  const forwarded = headerText(req.headers['forwarded']);
  return forwarded === undefined ? undefined : forwardedFor(forwarded);
}

/** Node joins repeated forwarding headers with `, `; a list form is joined the same way. */
function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function createClientIpResolver(trustedProxies: readonly string[]): ClientIpResolver {
  const peerOf = (req: IncomingMessage): string => normalizeIp(req.socket.remoteAddress) ?? UNKNOWN_CLIENT_IP;
  if (trustedProxies.length === 0) return peerOf;
  const trusted = compileIpAllowlist(trustedProxies);
  return (req) => {
    const peer = peerOf(req);
    if (!trusted.allows(peer)) return peer;
    const chain = forwardingChain(req);
    if (chain === undefined || chain.length === 0) return peer;
    let leftmost = peer;
    for (let i = chain.length - 1; i >= Math.max(0, chain.length - MAX_HOPS); i--) {
      const hop = hopAddress(chain[i] ?? '');
      // A hop that is not an address (`unknown`, an obfuscated name) breaks the chain: fail closed.
      if (hop === undefined) return UNKNOWN_CLIENT_IP;
      if (!trusted.allows(hop)) return hop;
      leftmost = hop;
    }
    return chain.length > MAX_HOPS ? UNKNOWN_CLIENT_IP : leftmost;
  };
}
