// Names the special-purpose range an IP address falls in (loopback, private, metadata, ...), or
// none for a public address. IPv4 ranges also match inside IPv4-mapped, IPv4-compatible, NAT64
// and 6to4 IPv6 forms. Deciding what to allow is egress-policy.ts's job.

import { BlockList, isIP } from 'node:net';

export type AddressCategory =
  | 'cloud metadata'
  | 'unspecified'
  | 'loopback'
  | 'link-local'
  | 'private'
  | 'unique-local'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'reserved';

type Range = readonly [address: string, prefix: number];

interface RangeSet {
  readonly category: AddressCategory;
  readonly ipv4: readonly Range[];
  readonly ipv6: readonly Range[];
}

/** Checked in this order: metadata wins over the link-local range holding it, loopback over `::/96`. */
const rangeSets: readonly RangeSet[] = [
  // AWS, GCP and Azure (169.254.169.254), AWS ECS task metadata, Oracle Cloud, Alibaba Cloud; AWS over IPv6.
  {
    category: 'cloud metadata',
    ipv4: [['169.254.169.254', 32], ['169.254.170.2', 32], ['192.0.0.192', 32], ['100.100.100.200', 32]],
    ipv6: [['fd00:ec2::254', 128]],
  },
  { category: 'loopback', ipv4: [['127.0.0.0', 8]], ipv6: [['::1', 128]] },
  // 0.0.0.0/8 is "this network"; Linux connects 0.0.0.0 to the local host.
  { category: 'unspecified', ipv4: [['0.0.0.0', 8]], ipv6: [['::', 128]] },
  { category: 'link-local', ipv4: [['169.254.0.0', 16]], ipv6: [['fe80::', 10]] },
  // fec0::/10 is the deprecated site-local range, private in all but name.
  { category: 'private', ipv4: [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]], ipv6: [['fec0::', 10]] },
  { category: 'unique-local', ipv4: [], ipv6: [['fc00::', 7]] },
  { category: 'carrier-grade NAT', ipv4: [['100.64.0.0', 10]], ipv6: [] },
  { category: 'multicast', ipv4: [['224.0.0.0', 4]], ipv6: [['ff00::', 8]] },
  // IETF protocol assignments, benchmarking, 240/4 (future use, with broadcast); IPv6 discard-only.
  { category: 'reserved', ipv4: [['192.0.0.0', 24], ['198.18.0.0', 15], ['240.0.0.0', 4]], ipv6: [['100::', 64]] },
];

/** IPv6 prefixes that carry an IPv4 address in their low bits (RFC 4291 compatible, RFC 6052 NAT64). */
const embeddingPrefixes: readonly [prefix: string, bits: number][] = [['::', 96], ['64:ff9b::', 96]];

function ipv4Hex(address: string): [string, string] {
  const bytes = address.split('.').map(Number);
  const hex = (high: number | undefined, low: number | undefined): string => (((high ?? 0) << 8) | (low ?? 0)).toString(16);
  return [hex(bytes[0], bytes[1]), hex(bytes[2], bytes[3])];
}

function buildList(set: RangeSet): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of set.ipv4) {
    list.addSubnet(address, prefix, 'ipv4');
    const [high, low] = ipv4Hex(address);
    for (const [base, bits] of embeddingPrefixes) list.addSubnet(`${base}${high}:${low}`, bits + prefix, 'ipv6');
    // 6to4 (RFC 3056): 2002:AABB:CCDD::/48 routes to the IPv4 address AA.BB.CC.DD.
    list.addSubnet(`2002:${high}:${low}::`, 16 + prefix, 'ipv6');
  }
  for (const [address, prefix] of set.ipv6) list.addSubnet(address, prefix, 'ipv6');
  return list;
}

// BlockList matches IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) against its IPv4 rules by itself.
const lists: readonly (readonly [AddressCategory, BlockList])[] = rangeSets.map((set) => [set.category, buildList(set)]);

/** The special-purpose range `address` is in; undefined for a public address (or not an IP). */
export function categoryOf(address: string): AddressCategory | undefined {
  const family = isIP(address);
  if (family === 0) return undefined;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return lists.find(([, list]) => list.check(address, type))?.[0];
}
