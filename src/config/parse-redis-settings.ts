// Reads where the shared state lives from LiteLLM's `router_settings`: `redis_url`, or `redis_host`
// with `redis_port`, `redis_password` and `redis_db`, into one connection URL, plus Gatehouse's
// `gatehouse.shared_state.key_prefix`. No Redis configured means in-process state. Connecting is not here.

import { childPath, type ConfigReader, type YamlMap } from './config-reader.js';
import { optional } from './optional.js';
import type { RedisConfig } from './types.js';

const SECTION = 'router_settings';
const SHARED_STATE = 'gatehouse.shared_state';
const MAX_PREFIX_CHARS = 100;
export const redisSettingKeys = ['redis_url', 'redis_host', 'redis_port', 'redis_password', 'redis_db'] as const;
const DEFAULT_PORT = 6379;
const MAX_PORT = 65_535;

/**
 * Undefined when `router_settings` names no Redis; problems are reported on the reader. `gatehouse`
 * is the raw `gatehouse:` section, whose other keys parse-gatehouse-section.ts reads.
 */
export function parseRedisSettings(reader: ConfigReader, router: YamlMap | undefined, gatehouse: YamlMap | undefined): RedisConfig | undefined {
  const keyPrefix = parseKeyPrefix(reader, gatehouse?.shared_state);
  const redis = parseConnection(reader, router ?? {});
  if (redis === undefined && keyPrefix !== undefined) reader.warn(`${SHARED_STATE}.key_prefix`, 'has no effect without router_settings.redis_url or redis_host');
  return redis === undefined ? undefined : { ...redis, ...optional('keyPrefix', keyPrefix) };
}

function parseKeyPrefix(reader: ConfigReader, value: unknown): string | undefined {
  const section = reader.map(value, SHARED_STATE);
  if (section === undefined) return undefined;
  reader.checkKeys(section, SHARED_STATE, { supported: ['key_prefix'] });
  const path = `${SHARED_STATE}.key_prefix`;
  const prefix = reader.string(section.key_prefix, path);
  if (prefix !== undefined && (prefix.length > MAX_PREFIX_CHARS || /\s/.test(prefix))) {
    return reader.problem(path, `must be at most ${MAX_PREFIX_CHARS} characters without spaces`);
  }
  return prefix;
}

function parseConnection(reader: ConfigReader, section: YamlMap): { url: string } | undefined {
  const path = (key: string): string => childPath(SECTION, key);
  const url = reader.string(section.redis_url, path('redis_url'));
  const host = reader.string(section.redis_host, path('redis_host'));
  const port = reader.number(section.redis_port, path('redis_port'), { min: 1, max: MAX_PORT, integer: true });
  const password = reader.string(section.redis_password, path('redis_password'));
  const db = reader.number(section.redis_db, path('redis_db'), { min: 0, integer: true });
  if (url !== undefined && (host !== undefined || port !== undefined)) {
    return reader.problem(path('redis_url'), 'set either redis_url or redis_host and redis_port, not both');
  }
  if (url === undefined && host === undefined) {
    const stray = redisSettingKeys.find((key) => section[key] !== undefined && section[key] !== null);
    return stray === undefined ? undefined : reader.problem(path(stray), 'needs redis_host (or redis_url) to say where Redis is');
  }
  const parsed = url === undefined ? fromHost(host ?? '', port ?? DEFAULT_PORT) : fromUrl(reader, url, path('redis_url'));
  if (parsed === undefined) return undefined;
  // As in LiteLLM, an explicit password or database wins over the URL's.
  if (password !== undefined) parsed.password = password;
  if (db !== undefined) parsed.pathname = `/${db}`;
  return { url: parsed.toString() };
}

function fromHost(host: string, port: number): URL {
  return new URL(`redis://${host.includes(':') ? `[${host}]` : host}:${port}`);
}

function fromUrl(reader: ConfigReader, text: string, path: string): URL | undefined {
  // The URL may hold a password: problems name the path, never the value.
  if (!URL.canParse(text)) return reader.problem(path, 'must be a URL such as redis://host:6379/0');
  const url = new URL(text);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return reader.problem(path, 'must start with redis:// or rediss:// (TLS)');
  if (url.hostname === '') return reader.problem(path, 'must name a host');
  return url;
}
