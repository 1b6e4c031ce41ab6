// Reads `gatehouse.egress`: the private destinations outbound URLs may reach (host, host:port,
// address, [IPv6]:port or CIDR range) and the all-private switch. Only validates and normalises;
// `upstream/` applies the policy to every connection.

import { childPath, type ConfigReader } from './config-reader.js';
import { formatIpAddress, parseIpRange } from './ip-range.js';
import type { EgressAllowEntry, EgressConfig } from './types.js';

const SECTION = 'gatehouse.egress';
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
const NUMERIC_NAME = /^[0-9.]+$/;
const PORT = /^[1-9][0-9]{0,4}$/;
const MAX_PORT = 65_535;

function parsePort(text: string, entry: string): number | string {
  const port = PORT.test(text) ? Number(text) : Number.NaN;
  return port <= MAX_PORT ? port : `"${entry}" has an invalid port (1 to ${MAX_PORT})`;
}

/** An address or range entry; `text` is without its port. */
function rangeEntry(text: string, entry: string, port: number | undefined): EgressAllowEntry | string {
  const range = parseIpRange(text);
  if (typeof range === 'string') return range;
  if (range.prefix === 0) return `"${entry}" allows every address; set dangerously_allow_all_private instead if that is meant`;
  const family = range.family === 4 ? 'ipv4' : 'ipv6';
  return { kind: 'range', address: formatIpAddress(range), prefix: range.prefix, family, ...(port === undefined ? {} : { port }) };
}

/** Splits `host:port` and `[v6]:port`; a bare IPv6 address has no port. */
function splitPort(entry: string): { host: string; port?: string } | string {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    const rest = entry.slice(close + 1);
    if (close === -1 || (rest !== '' && !rest.startsWith(':'))) return `"${entry}" is not [IPv6 address] or [IPv6 address]:port`;
    return rest === '' ? { host: entry.slice(1, close) } : { host: entry.slice(1, close), port: rest.slice(1) };
  }
  const colons = entry.split(':').length - 1;
  if (colons !== 1) return { host: entry };
  const [host = '', port = ''] = entry.split(':');
  return { host, port };
}

export function parseEgressEntry(raw: string): EgressAllowEntry | string {
  const entry = raw.trim();
  if (entry.includes('://')) return `"${entry}" is a URL; list the host, host:port or CIDR range only`;
  if (entry.includes('/')) return rangeEntry(entry, entry, undefined);
  const split = splitPort(entry);
  if (typeof split === 'string') return split;
  const port = split.port === undefined ? undefined : parsePort(split.port, entry);
  if (typeof port === 'string') return port;
  const host = split.host.toLowerCase().replace(/\.$/, '');
  if (host.includes(':') || NUMERIC_NAME.test(host)) return rangeEntry(host, entry, port);
  if (!HOST_NAME.test(host)) return `"${entry}" is not a host name, host:port, IP address or CIDR range`;
  return { kind: 'name', name: host, ...(port === undefined ? {} : { port }) };
}

export function parseEgressSection(reader: ConfigReader, value: unknown): EgressConfig {
  const section = reader.map(value, SECTION) ?? {};
  reader.checkKeys(section, SECTION, { supported: ['allow_private_hosts', 'dangerously_allow_all_private'] });
  const listPath = `${SECTION}.allow_private_hosts`;
  const entries = (reader.stringList(section.allow_private_hosts, listPath) ?? []).map((text, index) => {
    const entry = parseEgressEntry(text);
    return typeof entry === 'string' ? reader.problem(childPath(listPath, index), entry) : entry;
  });
  const allowAllPath = `${SECTION}.dangerously_allow_all_private`;
  const dangerouslyAllowAllPrivate = reader.boolean(section.dangerously_allow_all_private, allowAllPath) ?? false;
  if (dangerouslyAllowAllPrivate) {
    reader.warn(allowAllPath, 'every private, loopback and link-local address is reachable from configured URLs (cloud metadata stays refused)');
  }
  return { allowPrivateHosts: entries.filter((entry) => entry !== undefined), dangerouslyAllowAllPrivate };
}
