// Reads Gatehouse's own top-level `gatehouse:` section (snake_case): the HTTP server's limits, its
// edge settings (parse-edge-settings.ts), upstream settings and the data directory. Defaults live
// in defaults.ts; precedence over other sources in load-config.ts. `shared_state` is read with the
// Redis settings (parse-redis-settings.ts).

import { childPath, type ConfigReader, type NumberBounds } from './config-reader.js';
import { parseEgressSection } from './parse-egress-section.js';
import { EDGE_SERVER_KEYS, parseEdgeServerKeys, parseUpstreamSection } from './parse-edge-settings.js';
import { parseRetentionSection } from './parse-retention-section.js';
import type { EgressConfig, RetentionConfig, ServerConfig, UpstreamSettings } from './types.js';

const SECTION = 'gatehouse';
const SERVER_PATH = `${SECTION}.server`;
const MAX_PORT = 65_535;
const POSITIVE_WHOLE: NumberBounds = { min: 1, integer: true };

/** `gatehouse.server` key -> ServerConfig field and its bounds (every number here is whole). */
const SERVER_NUMBERS = {
  port: ['port', { min: 0, max: MAX_PORT, integer: true }],
  max_request_body_bytes: ['maxRequestBodyBytes', POSITIVE_WHOLE],
  max_json_depth: ['maxJsonDepth', POSITIVE_WHOLE],
  headers_timeout_ms: ['headersTimeoutMs', POSITIVE_WHOLE],
  request_timeout_ms: ['requestTimeoutMs', POSITIVE_WHOLE],
  keep_alive_timeout_ms: ['keepAliveTimeoutMs', POSITIVE_WHOLE],
  max_upstream_response_bytes: ['maxUpstreamResponseBytes', POSITIVE_WHOLE],
  max_header_count: ['maxHeaderCount', { min: 1, max: 1_000, integer: true }],
  max_header_bytes: ['maxHeaderBytes', { min: 1_024, max: 1_048_576, integer: true }],
} as const satisfies Record<string, readonly [Exclude<keyof ServerConfig, 'host'>, NumberBounds]>;

export interface GatehouseSection {
  /** Only the fields the file sets. */
  readonly server: Partial<ServerConfig>;
  readonly dataDir: string | undefined;
  readonly upstream: UpstreamSettings;
  readonly egress: EgressConfig;
  /** Defaults filled in. */
  readonly retention: RetentionConfig;
}

export function parseGatehouseSection(reader: ConfigReader, value: unknown): GatehouseSection {
  const section = reader.map(value, SECTION) ?? {};
  reader.checkKeys(section, SECTION, { supported: ['server', 'data_dir', 'upstream', 'egress', 'retention', 'shared_state'] });
  return {
    server: parseServer(reader, section.server),
    dataDir: reader.string(section.data_dir, `${SECTION}.data_dir`),
    upstream: parseUpstreamSection(reader, section.upstream, `${SECTION}.upstream`),
    egress: parseEgressSection(reader, section.egress),
    retention: parseRetentionSection(reader, section.retention, `${SECTION}.retention`),
  };
}

function parseServer(reader: ConfigReader, value: unknown): Partial<ServerConfig> {
  const server = reader.map(value, SERVER_PATH) ?? {};
  reader.checkKeys(server, SERVER_PATH, { supported: ['host', ...Object.keys(SERVER_NUMBERS), ...EDGE_SERVER_KEYS] });
  const fields: [string, string | number][] = [];
  const host = reader.string(server.host, `${SERVER_PATH}.host`);
  if (host !== undefined) fields.push(['host', host]);
  for (const [key, [field, bounds]] of Object.entries(SERVER_NUMBERS)) {
    const number = reader.number(server[key], childPath(SERVER_PATH, key), bounds);
    if (number !== undefined) fields.push([field, number]);
  }
  return { ...(Object.fromEntries(fields) as Partial<ServerConfig>), ...parseEdgeServerKeys(reader, server, SERVER_PATH) };
}
