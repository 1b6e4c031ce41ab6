// The validated, frozen configuration every other module receives. Produced once at start by
// `loadConfig` from a LiteLLM-style YAML file plus the environment; nothing else reads process.env.

export type RoutingStrategy =
  | 'simple-shuffle'
  | 'least-busy'
  | 'latency-based-routing'
  | 'usage-based-routing'
  | 'usage-based-routing-v2';

export type DeploymentMode = 'chat' | 'completion' | 'embedding';

export interface ModelInfo {
  readonly id?: string;
  readonly mode?: DeploymentMode;
  readonly inputCostPerToken?: number;
  readonly outputCostPerToken?: number;
  readonly cacheReadInputTokenCost?: number;
  readonly maxInputTokens?: number;
  readonly maxOutputTokens?: number;
}

/** One upstream deployment: a `model_list` entry. Deployments sharing `modelName` form a group. */
export interface DeploymentConfig {
  /** `model_info.id`, or a stable id derived from the entry's position and model. */
  readonly id: string;
  /** The public name clients send as `model` (`model_name`). */
  readonly modelName: string;
  /** Provider family, LiteLLM's name: `openai`, `mock`, `hosted_vllm`, ... */
  readonly provider: string;
  /** The provider's own model name: `litellm_params.model` after `provider/`. */
  readonly model: string;
  readonly apiBase?: string;
  /** Resolved secret; never logged. */
  readonly apiKey?: string;
  readonly apiVersion?: string;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly maxParallelRequests?: number;
  /** Whole-request timeout for non-streaming calls. */
  readonly timeoutMs?: number;
  /** Time allowed until the first streamed chunk. */
  readonly streamTimeoutMs?: number;
  /** Relative share under simple-shuffle; default 1. */
  readonly weight: number;
  /** Priority: lower is tried first; deployments without one come after all with one. */
  readonly order?: number;
  readonly region?: string;
  /** Extra headers sent upstream (`litellm_params.extra_headers`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Remaining `litellm_params` the provider may use as request defaults (e.g. `temperature`). */
  readonly extraParams: Readonly<Record<string, unknown>>;
  readonly modelInfo: ModelInfo;
}

export interface RouterConfig {
  readonly strategy: RoutingStrategy;
  /** Extra attempts after the first, across the group (`num_retries`). */
  readonly numRetries: number;
  /** Base delay of exponential backoff between retries. */
  readonly retryBaseDelayMs: number;
  /** Upper bound on any single wait, including an upstream `retry-after`. */
  readonly retryMaxDelayMs: number;
  /** Default whole-request timeout (`request_timeout`). */
  readonly requestTimeoutMs: number;
  /** Default time allowed until the first streamed chunk. */
  readonly streamTimeoutMs: number;
  /** Failures within a minute before a deployment cools down (`allowed_fails`). */
  readonly allowedFails: number;
  readonly cooldownTimeMs: number;
  /** model group -> ordered fallback groups, for any retryable failure. */
  readonly fallbacks: Readonly<Record<string, readonly string[]>>;
  readonly contextWindowFallbacks: Readonly<Record<string, readonly string[]>>;
  readonly contentPolicyFallbacks: Readonly<Record<string, readonly string[]>>;
  readonly maxFallbacks: number;
}

/** Certificate chain and private key (PEM files) for terminating TLS. */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** Browser origins allowed to call the API (exact `scheme://host[:port]`); CORS is off without it. */
export interface CorsConfig {
  readonly allowedOrigins: readonly string[];
  readonly allowCredentials: boolean;
}

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly maxRequestBodyBytes: number;
  readonly maxJsonDepth: number;
  /** Time allowed for a client to send all request headers. */
  readonly headersTimeoutMs: number;
  /** Time allowed for a client to send the whole request body. */
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** Cap on an upstream response body Gatehouse buffers (non-streaming). */
  readonly maxUpstreamResponseBytes: number;
  /** Most request headers accepted; more is answered 431. */
  readonly maxHeaderCount: number;
  /** Largest request head (request line and headers) accepted; more is answered 431. */
  readonly maxHeaderBytes: number;
  /** CIDR ranges of reverse proxies whose `X-Forwarded-For` / `Forwarded` are believed; empty = none. */
  readonly trustedProxies: readonly string[];
  /** Addresses and CIDR ranges that may call anything but the health probes; null = every address. */
  readonly ipAllowlist: readonly string[] | null;
  /** Serve HTTPS with these files; absent = plain HTTP. Paths are absolute. */
  readonly tls?: TlsFiles;
  readonly cors?: CorsConfig;
}

/** How Gatehouse calls providers. */
export interface UpstreamSettings {
  /** A PEM file of extra CAs trusted for upstream TLS, on top of the public roots. Absolute. */
  readonly caFile?: string;
}

/**
 * One `gatehouse.egress.allow_private_hosts` entry: a host name, or an address range (a single
 * address is a /32 or /128), each optionally limited to one port (absent = any port).
 */
export type EgressAllowEntry =
  | { readonly kind: 'name'; readonly name: string; readonly port?: number }
  | { readonly kind: 'range'; readonly address: string; readonly prefix: number; readonly family: 'ipv4' | 'ipv6'; readonly port?: number };

/** Where outbound URLs an admin configures may lead; by default nowhere private. */
export interface EgressConfig {
  /** Private destinations allowed anyway (local model servers). */
  readonly allowPrivateHosts: readonly EgressAllowEntry[];
  /** Every private destination is allowed; cloud metadata still needs an exact entry. */
  readonly dangerouslyAllowAllPrivate: boolean;
}

/** How long old rows are kept, in whole days; 0 keeps them forever. */
export interface RetentionConfig {
  readonly auditDays: number;
  /** Per-request usage records; the daily aggregates are kept regardless. */
  readonly usageDays: number;
}

/** Where the state shared by several instances lives (LiteLLM's `router_settings.redis_*`). */
export interface RedisConfig {
  /** `redis://` or `rediss://` with host, port, password and database: a secret, never logged. */
  readonly url: string;
  /** `gatehouse.shared_state.key_prefix`: starts every key and the bus channel (default `gatehouse:`). */
  readonly keyPrefix?: string;
}

export interface GatehouseConfig {
  /** Path of the file it came from, or undefined when started without one. */
  readonly source: string | undefined;
  readonly deployments: readonly DeploymentConfig[];
  readonly router: RouterConfig;
  /** Drop request parameters a provider does not support instead of answering 400. */
  readonly dropParams: boolean;
  /** Explicit master key (env or config); undefined means "use or create the stored one". */
  readonly masterKey: string | undefined;
  /**
   * The master key being rotated away from (`GATEHOUSE_PREVIOUS_MASTER_KEY`): secrets sealed under it
   * can still be opened until `gatehouse rotate-master-key` has re-sealed them.
   */
  readonly previousMasterKey: string | undefined;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly server: ServerConfig;
  /** The egress (SSRF) policy for model `api_base` URLs and every other configured outbound URL. */
  readonly egress: EgressConfig;
  readonly upstream: UpstreamSettings;
  /** `gatehouse.retention`: the purge job's periods. */
  readonly retention: RetentionConfig;
  /** Redis for counters, limits and cache invalidation shared by instances; absent: in-process. */
  readonly redis?: RedisConfig;
  /** Problems that were safe to ignore, each naming its path. Printed at start. */
  readonly warnings: readonly string[];
}
