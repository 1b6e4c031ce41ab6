// Every default of the static configuration, as named numbers. Router defaults follow LiteLLM's
// where it has one; server defaults are the secure choice (loopback only, bounded sizes and waits).

import type { RouterConfig, ServerConfig } from './types.js';

const MIB = 1024 * 1024;

/** Loopback only: exposing the gateway on a network is an explicit choice (`gatehouse.server.host`). */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4000;
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 10 * MIB;
export const DEFAULT_MAX_JSON_DEPTH = 64;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_UPSTREAM_RESPONSE_BYTES = 50 * MIB;
export const DEFAULT_MAX_HEADER_COUNT = 100;
export const DEFAULT_MAX_HEADER_BYTES = 32 * 1024;

/** Days audit rows and per-request usage records are kept (`gatehouse.retention`); 0 = forever. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
export const DEFAULT_USAGE_RETENTION_DAYS = 90;

export const DEFAULT_NUM_RETRIES = 2;
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
export const DEFAULT_RETRY_MAX_DELAY_MS = 30_000;
/** LiteLLM's `request_timeout` default (600 s), which is also the OpenAI SDK's. */
export const DEFAULT_UPSTREAM_REQUEST_TIMEOUT_MS = 600_000;
export const DEFAULT_STREAM_TIMEOUT_MS = 60_000;
export const DEFAULT_ALLOWED_FAILS = 3;
export const DEFAULT_COOLDOWN_TIME_MS = 5_000;
export const DEFAULT_MAX_FALLBACKS = 5;

/** Used when neither `gatehouse.data_dir` nor GATEHOUSE_DATA_DIR is set; relative to the working directory. */
export const DEFAULT_DATA_DIR_NAME = '.gatehouse';
/** Looked up in the working directory when no `--config` file is given. */
export const DEFAULT_CONFIG_FILE_NAME = 'gatehouse.yaml';

export const defaultServerConfig: ServerConfig = Object.freeze({
  host: DEFAULT_HOST,
  port: DEFAULT_PORT,
  maxRequestBodyBytes: DEFAULT_MAX_REQUEST_BODY_BYTES,
  maxJsonDepth: DEFAULT_MAX_JSON_DEPTH,
  headersTimeoutMs: DEFAULT_HEADERS_TIMEOUT_MS,
  requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
  keepAliveTimeoutMs: DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  maxUpstreamResponseBytes: DEFAULT_MAX_UPSTREAM_RESPONSE_BYTES,
  maxHeaderCount: DEFAULT_MAX_HEADER_COUNT,
  maxHeaderBytes: DEFAULT_MAX_HEADER_BYTES,
  // No proxy is trusted and every address may call: both are explicit choices of the operator.
  trustedProxies: Object.freeze([]),
  ipAllowlist: null,
});

export const defaultRouterConfig: RouterConfig = Object.freeze({
  strategy: 'simple-shuffle',
  numRetries: DEFAULT_NUM_RETRIES,
  retryBaseDelayMs: DEFAULT_RETRY_BASE_DELAY_MS,
  retryMaxDelayMs: DEFAULT_RETRY_MAX_DELAY_MS,
  requestTimeoutMs: DEFAULT_UPSTREAM_REQUEST_TIMEOUT_MS,
  streamTimeoutMs: DEFAULT_STREAM_TIMEOUT_MS,
  allowedFails: DEFAULT_ALLOWED_FAILS,
  cooldownTimeMs: DEFAULT_COOLDOWN_TIME_MS,
  fallbacks: Object.freeze({}),
  contextWindowFallbacks: Object.freeze({}),
  contentPolicyFallbacks: Object.freeze({}),
  maxFallbacks: DEFAULT_MAX_FALLBACKS,
});
