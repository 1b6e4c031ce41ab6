// The router settings LiteLLM spreads over `router_settings` and `litellm_settings`: one table of
// readers both sections draw from, the "router_settings wins" merge, and the final RouterConfig.
// Which keys each section accepts is decided by its own parser.

import { childPath, type ConfigReader, type NumberBounds, type YamlMap } from './config-reader.js';
import { defaultRouterConfig } from './defaults.js';
import { checkFallbackGroups, parseDefaultFallbacks, parseFallbacks, withDefaultFallbacks, type ParsedFallbacks } from './parse-fallbacks.js';
import type { RouterConfig, RoutingStrategy } from './types.js';

interface RouterValues {
  readonly strategy: RoutingStrategy;
  readonly numRetries: number;
  readonly requestTimeoutMs: number;
  readonly streamTimeoutMs: number;
  readonly allowedFails: number;
  readonly cooldownTimeMs: number;
  readonly retryBaseDelayMs: number;
  readonly maxFallbacks: number;
  readonly fallbacks: ParsedFallbacks;
  readonly contextWindowFallbacks: ParsedFallbacks;
  readonly contentPolicyFallbacks: ParsedFallbacks;
  readonly defaultFallbacks: ParsedFallbacks;
}

/** What one section sets, each value with the path it came from. */
export type RouterSettings = { readonly [K in keyof RouterValues]?: { readonly value: RouterValues[K]; readonly path: string } };

type SettingReader = (reader: ConfigReader, value: unknown, path: string) => RouterSettings;

const ROUTING_STRATEGIES: readonly RoutingStrategy[] = [
  'simple-shuffle', 'least-busy', 'latency-based-routing', 'usage-based-routing', 'usage-based-routing-v2',
];
const COUNT: NumberBounds = { min: 0, integer: true };
const SECONDS_OR_ZERO: NumberBounds = { min: 0 };

function setting<K extends keyof RouterValues>(key: K, value: RouterValues[K] | undefined, path: string): RouterSettings {
  return (value === undefined ? {} : { [key]: { value, path } }) as RouterSettings;
}

function parseStrategy(reader: ConfigReader, value: unknown, path: string): RoutingStrategy | undefined {
  const strategy = reader.string(value, path);
  if (strategy === undefined) return undefined;
  const known = ROUTING_STRATEGIES.find((candidate) => candidate === strategy);
  return known ?? reader.problem(path, `unknown routing strategy "${strategy}"; use one of ${ROUTING_STRATEGIES.join(', ')}`);
}

/** LiteLLM key -> how to read it. */
export const routerSettingReaders = {
  routing_strategy: (r, v, p) => setting('strategy', parseStrategy(r, v, p), p),
  num_retries: (r, v, p) => setting('numRetries', r.number(v, p, COUNT), p),
  timeout: (r, v, p) => setting('requestTimeoutMs', r.secondsAsMs(v, p), p),
  request_timeout: (r, v, p) => setting('requestTimeoutMs', r.secondsAsMs(v, p), p),
  stream_timeout: (r, v, p) => setting('streamTimeoutMs', r.secondsAsMs(v, p), p),
  allowed_fails: (r, v, p) => setting('allowedFails', r.number(v, p, COUNT), p),
  cooldown_time: (r, v, p) => setting('cooldownTimeMs', r.secondsAsMs(v, p, SECONDS_OR_ZERO), p),
  disable_cooldowns: (r, v, p) => setting('cooldownTimeMs', r.boolean(v, p) === true ? 0 : undefined, p),
  retry_after: (r, v, p) => setting('retryBaseDelayMs', r.secondsAsMs(v, p, SECONDS_OR_ZERO), p),
  max_fallbacks: (r, v, p) => setting('maxFallbacks', r.number(v, p, COUNT), p),
  fallbacks: (r, v, p) => setting('fallbacks', parseFallbacks(r, v, p), p),
  context_window_fallbacks: (r, v, p) => setting('contextWindowFallbacks', parseFallbacks(r, v, p), p),
  content_policy_fallbacks: (r, v, p) => setting('contentPolicyFallbacks', parseFallbacks(r, v, p), p),
  default_fallbacks: (r, v, p) => setting('defaultFallbacks', parseDefaultFallbacks(r, v, p), p),
  // Accepted for compatibility and checked to be a boolean; it changes nothing in Gatehouse.
  enable_pre_call_checks: (r, v, p) => (r.boolean(v, p), {}),
} satisfies Record<string, SettingReader>;

export type RouterSettingKey = keyof typeof routerSettingReaders;

/** Reads `keys` of a section, in the order given (a later key wins within the section). */
export function readRouterSettings(reader: ConfigReader, section: YamlMap, path: string, keys: readonly RouterSettingKey[]): RouterSettings {
  let settings: RouterSettings = {};
  for (const key of keys) {
    if (!Object.hasOwn(section, key)) continue;
    settings = { ...settings, ...routerSettingReaders[key](reader, section[key], childPath(path, key)) };
  }
  return settings;
}

/** `router_settings` wins over `litellm_settings`, as in LiteLLM; each overridden value earns a warning. */
export function mergeRouterSettings(reader: ConfigReader, lower: RouterSettings, higher: RouterSettings): RouterSettings {
  for (const key of Object.keys(higher) as (keyof RouterValues)[]) {
    const lost = lower[key];
    const won = higher[key];
    if (lost !== undefined && won !== undefined) reader.warn(lost.path, `overridden by ${won.path}`);
  }
  return { ...lower, ...higher };
}

export function buildRouterConfig(reader: ConfigReader, settings: RouterSettings, isModelGroup: (name: string) => boolean): RouterConfig {
  const fallbacks = withDefaultFallbacks(reader, settings.fallbacks?.value, settings.defaultFallbacks?.value);
  const contextWindow = settings.contextWindowFallbacks?.value;
  const contentPolicy = settings.contentPolicyFallbacks?.value;
  for (const list of [fallbacks, contextWindow, contentPolicy]) {
    if (list !== undefined) checkFallbackGroups(reader, list, isModelGroup);
  }
  const defaults = defaultRouterConfig;
  const requestTimeoutMs = settings.requestTimeoutMs?.value ?? defaults.requestTimeoutMs;
  const retryBaseDelayMs = settings.retryBaseDelayMs?.value ?? defaults.retryBaseDelayMs;
  return {
    strategy: settings.strategy?.value ?? defaults.strategy,
    numRetries: settings.numRetries?.value ?? defaults.numRetries,
    retryBaseDelayMs,
    // A configured minimum wait (`retry_after`) above the usual cap raises the cap with it.
    retryMaxDelayMs: Math.max(defaults.retryMaxDelayMs, retryBaseDelayMs),
    requestTimeoutMs,
    // Unless configured, waiting for the first chunk never outlasts the whole-request timeout.
    streamTimeoutMs: settings.streamTimeoutMs?.value ?? Math.min(defaults.streamTimeoutMs, requestTimeoutMs),
    allowedFails: settings.allowedFails?.value ?? defaults.allowedFails,
    cooldownTimeMs: settings.cooldownTimeMs?.value ?? defaults.cooldownTimeMs,
    fallbacks: fallbacks?.map ?? {},
    contextWindowFallbacks: contextWindow?.map ?? {},
    contentPolicyFallbacks: contentPolicy?.map ?? {},
    maxFallbacks: settings.maxFallbacks?.value ?? defaults.maxFallbacks,
  };
}
