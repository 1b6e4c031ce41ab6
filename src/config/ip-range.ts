// IP addresses and CIDR ranges as configuration and stored scopes write them: strict parsing of
// IPv4 and IPv6 (IPv4-mapped IPv6 folded to IPv4), canonical text, and range membership.
// Deciding which ranges apply to a request is the caller's concern (auth/ip-allowlist.ts).

/** An address as 32-bit words: one for IPv4, four for IPv6. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly words: readonly number[];
}

export interface IpRange extends IpAddress {
  readonly prefix: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;

function parseIpv4Word(text: string): number | undefined {
  const match = IPV4.exec(text);
  if (match === null) return undefined;
  return ((Number(match[1]) << 24) | (Number(match[2]) << 16) | (Number(match[3]) << 8) | Number(match[4])) >>> 0;
}

/** Hex groups (and a dotted IPv4 tail) as 16-bit numbers; undefined when any part is malformed. */
function groupsOf(parts: readonly string[], allowIpv4Tail: boolean): number[] | undefined {
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (allowIpv4Tail && index === parts.length - 1 && part.includes('.')) {
      const word = parseIpv4Word(part);
      if (word === undefined) return undefined;
      groups.push(word >>> 16, word & 0xffff);
    } else if (HEX_GROUP.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const tailText = halves[1];
  if (tailText === undefined) {
    const groups = groupsOf(head, true);
    return groups?.length === 8 ? groups : undefined;
  }
  const tail = tailText === '' ? [] : tailText.split(':');
  const left = groupsOf(head, false);
  const right = groupsOf(tail, true);
  if (left === undefined || right === undefined || left.length + right.length > 7) return undefined;
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function isIpv4Mapped(words: readonly number[]): boolean {
  return words[0] === 0 && words[1] === 0 && words[2] === 0xffff;
}

/**
 * Parses `203.0.113.7`, `2001:db8::1` or `::ffff:203.0.113.7` (returned as IPv4); an IPv6 zone
 * (`fe80::1%eth0`) is dropped. Leading zeros in IPv4 octets are refused (octal ambiguity).
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (!text.includes(':')) {
    const word = parseIpv4Word(text);
    return word === undefined ? undefined : { family: 4, words: [word] };
  }
  const zone = text.indexOf('%');
  const groups = parseIpv6Groups(zone === -1 ? text : text.slice(0, zone));
  if (groups === undefined) return undefined;
  const words = [0, 2, 4, 6].map((i) => (((groups[i] ?? 0) << 16) | (groups[i + 1] ?? 0)) >>> 0);
  return isIpv4Mapped(words) ? { family: 4, words: [words[3] ?? 0] } : { family: 6, words };
}

/** RFC 5952 text for IPv6 (lowercase, longest zero run compressed), dotted quad for IPv4. */
export function formatIpAddress(address: IpAddress): string {
  if (address.family === 4) {
    const word = address.words[0] ?? 0;
    return `${word >>> 24}.${(word >>> 16) & 0xff}.${(word >>> 8) & 0xff}.${word & 0xff}`;
  }
  const groups = address.words.flatMap((word) => [word >>> 16, word & 0xffff]);
  let best = { start: -1, length: 0 };
  for (let i = 0; i < groups.length; ) {
    let end = i;
    while (end < groups.length && groups[end] === 0) end += 1;
    if (end - i > best.length && end - i >= 2) best = { start: i, length: end - i };
    i = end === i ? i + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start === -1) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** The mask of the `index`th 32-bit word under a prefix length. */
export function wordMask(prefix: number, index: number): number {
  const bits = Math.min(32, Math.max(0, prefix - index * 32));
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

function hostBitsSet(range: IpRange): boolean {
  return range.words.some((word, index) => ((word & ~wordMask(range.prefix, index)) >>> 0) !== 0);
}

function withoutHostBits(range: IpRange): IpRange {
  return { ...range, words: range.words.map((word, index) => (word & wordMask(range.prefix, index)) >>> 0) };
}

/**
 * Parses `10.0.0.0/8`, `2001:db8::/32` or a single address (a /32 or /128). IPv4-mapped ranges
 * (`::ffff:10.0.0.0/104`) become IPv4 ranges. Returns a problem, worded for users, when invalid.
 */
export function parseIpRange(text: string): IpRange | string {
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  if (addressText.includes('%')) return `"${text}" must not carry an IPv6 zone`;
  const groups = addressText.includes(':') ? parseIpv6Groups(addressText) : undefined;
  const address = parseIpAddress(addressText);
  if (address === undefined) return `"${text}" is not an IPv4 or IPv6 address or CIDR range`;
  const mapped = address.family === 4 && groups !== undefined;
  const bits = address.family === 4 && !mapped ? 32 : 128;
  const prefixText = slash === -1 ? String(bits) : text.slice(slash + 1);
  const prefix = PREFIX.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefix >= 0 && prefix <= bits)) return `"${text}" has an invalid prefix length (0 to ${bits})`;
  if (mapped && prefix < 96) return `"${text}" is an IPv4-mapped range shorter than /96`;
  const range: IpRange = { ...address, prefix: mapped ? prefix - 96 : prefix };
  if (hostBitsSet(range)) {
    const suggestion = `${formatIpAddress(withoutHostBits(range))}/${range.prefix}`;
    return `"${text}" has bits set past its /${prefixText} prefix; did you mean ${suggestion}?`;
  }
  return range;
}

/** The range as canonical text (`10.0.0.0/8`, `2001:db8::/32`). */
export function formatIpRange(range: IpRange): string {
  return `${formatIpAddress(range)}/${range.prefix}`;
}
