// Reads LiteLLM's `general_settings` section: master key, database URL, LiteLLM's request and
// response size limits and its IP allowlist. The proxy features Gatehouse lacks earn warnings, or
// errors where ignoring them would lift a restriction.

import type { ConfigReader } from './config-reader.js';
import { parseIpRangeList } from './parse-edge-settings.js';
import { generalSettingsIgnored, generalSettingsRefused } from './unsupported-litellm-keys.js';

const SECTION = 'general_settings';
const SUPPORTED = ['master_key', 'database_url', 'max_request_size_mb', 'max_response_size_mb', 'allowed_ips'];
const BYTES_PER_MB = 1024 * 1024;

export interface GeneralSettings {
  readonly masterKey: string | undefined;
  readonly databaseUrl: string | undefined;
  readonly maxRequestBodyBytes: number | undefined;
  readonly maxUpstreamResponseBytes: number | undefined;
  /** LiteLLM's `allowed_ips`: the same allowlist as `gatehouse.server.ip_allowlist`. */
  readonly allowedIps: readonly string[] | undefined;
}

export function parseGeneralSettings(reader: ConfigReader, value: unknown): GeneralSettings {
  const section = reader.map(value, SECTION) ?? {};
  reader.checkKeys(section, SECTION, { supported: SUPPORTED, ignored: generalSettingsIgnored, refused: generalSettingsRefused });
  const megabytes = (key: string): number | undefined => {
    const size = reader.number(section[key], `${SECTION}.${key}`, { min: 0, exclusiveMin: true });
    return size === undefined ? undefined : Math.round(size * BYTES_PER_MB);
  };
  return {
    masterKey: reader.string(section.master_key, `${SECTION}.master_key`),
    databaseUrl: reader.string(section.database_url, `${SECTION}.database_url`),
    maxRequestBodyBytes: megabytes('max_request_size_mb'),
    maxUpstreamResponseBytes: megabytes('max_response_size_mb'),
    allowedIps: parseIpRangeList(reader, section.allowed_ips, `${SECTION}.allowed_ips`, { nonEmpty: true }),
  };
}
