// Reads the network-edge settings: trusted proxies, the IP allowlist (`gatehouse.server.ip_allowlist`
// or LiteLLM's `general_settings.allowed_ips`), TLS files, CORS origins and `gatehouse.upstream`.
// Only validates and normalises; the server compiles and applies them.

import { childPath, type ConfigReader, type YamlMap } from './config-reader.js';
import { formatIpRange, parseIpRange } from './ip-range.js';
import { optional } from './optional.js';
import type { CorsConfig, ServerConfig, TlsFiles, UpstreamSettings } from './types.js';

export const EDGE_SERVER_KEYS = ['trusted_proxies', 'ip_allowlist', 'tls', 'cors'];

export type EdgeServerSettings = Partial<Pick<ServerConfig, 'trustedProxies' | 'ipAllowlist' | 'tls' | 'cors'>>;

/** A list of addresses and CIDR ranges in canonical form; every bad entry is a problem. */
export function parseIpRangeList(reader: ConfigReader, value: unknown, path: string, options: { nonEmpty: boolean }): string[] | undefined {
  const entries = reader.stringList(value, path);
  if (entries === undefined) return undefined;
  if (options.nonEmpty && entries.length === 0) return reader.problem(path, 'must list at least one address or range; remove it to allow every address');
  const ranges = entries.map((entry, index) => {
    const range = parseIpRange(entry.trim());
    return typeof range === 'string' ? reader.problem(childPath(path, index), range) : formatIpRange(range);
  });
  return ranges.every((range) => range !== undefined) ? (ranges as string[]) : undefined;
}

function parseTls(reader: ConfigReader, value: unknown, path: string): TlsFiles | undefined {
  const section = reader.map(value, path);
  if (section === undefined) return undefined;
  reader.checkKeys(section, path, { supported: ['cert_file', 'key_file'] });
  const certFile = reader.requiredString(section.cert_file, `${path}.cert_file`);
  const keyFile = reader.requiredString(section.key_file, `${path}.key_file`);
  return certFile === undefined || keyFile === undefined ? undefined : { certFile, keyFile };
}

/** Browsers send `Origin` as `scheme://host[:port]`, lower case, default port omitted; match only that. */
function originProblem(origin: string): string | undefined {
  if (origin === '*' || origin === 'null') return `"${origin}" is not allowed: list each exact origin`;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `"${origin}" is not an origin such as https://app.example.com`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${origin}" must be an http or https origin`;
  if (url.origin !== origin) return `"${origin}" must be an exact origin (scheme, host and port only), such as "${url.origin}"`;
  return undefined;
}

function parseCors(reader: ConfigReader, value: unknown, path: string): CorsConfig | undefined {
  const section = reader.map(value, path);
  if (section === undefined) return undefined;
  reader.checkKeys(section, path, { supported: ['allowed_origins', 'allow_credentials'] });
  const allowCredentials = reader.boolean(section.allow_credentials, `${path}.allow_credentials`) ?? false;
  const originsPath = `${path}.allowed_origins`;
  const origins = section.allowed_origins === undefined ? reader.problem(originsPath, 'required') : reader.stringList(section.allowed_origins, originsPath);
  if (origins === undefined) return undefined;
  if (origins.length === 0) return reader.problem(originsPath, 'must list at least one origin; remove cors to turn it off');
  const problems = origins.flatMap((origin, index) => {
    const problem = originProblem(origin);
    return problem === undefined ? [] : [reader.problem(childPath(originsPath, index), problem)];
  });
  return problems.length > 0 ? undefined : { allowedOrigins: origins, allowCredentials };
}

/** The edge keys of `gatehouse.server` (the section's other keys are parsed by its own parser). */
export function parseEdgeServerKeys(reader: ConfigReader, server: YamlMap, path: string): EdgeServerSettings {
  const trustedProxies = parseIpRangeList(reader, server.trusted_proxies, `${path}.trusted_proxies`, { nonEmpty: false });
  const ipAllowlist = parseIpRangeList(reader, server.ip_allowlist, `${path}.ip_allowlist`, { nonEmpty: true });
  const tls = parseTls(reader, server.tls, `${path}.tls`);
  const cors = parseCors(reader, server.cors, `${path}.cors`);
  return { ...optional('trustedProxies', trustedProxies), ...optional('ipAllowlist', ipAllowlist), ...optional('tls', tls), ...optional('cors', cors) };
}

/** `gatehouse.upstream`: how providers are called. */
export function parseUpstreamSection(reader: ConfigReader, value: unknown, path: string): UpstreamSettings {
  const section = reader.map(value, path) ?? {};
  reader.checkKeys(section, path, { supported: ['ca_file'] });
  return optional('caFile', reader.string(section.ca_file, `${path}.ca_file`));
}
