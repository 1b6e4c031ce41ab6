// Loads the one static configuration: a LiteLLM-compatible YAML file plus the environment, every
// problem reported at once, the result deep-frozen. The steps below read top to bottom; each
// section has its own parser. Validating the master key's strength is auth's concern.

import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { ConfigReader, isYamlMap, type Env, type YamlMap } from './config-reader.js';
import { deepFreeze } from './deep-freeze.js';
import { DEFAULT_DATA_DIR_NAME, defaultServerConfig } from './defaults.js';
import { settleEdgeSources, settleUpstreamSettings, type TlsOverrides } from './edge-sources.js';
import { optional } from './optional.js';
import { modelGroupMatcher } from './parse-fallbacks.js';
import { parseEnvironmentVariables } from './parse-environment-variables.js';
import { parseGatehouseSection, type GatehouseSection } from './parse-gatehouse-section.js';
import { parseGeneralSettings, type GeneralSettings } from './parse-general-settings.js';
import { parseLitellmSettings } from './parse-litellm-settings.js';
import { parseModelList } from './parse-model-list.js';
import { parseRedisSettings } from './parse-redis-settings.js';
import { parseRouterSettings } from './parse-router-settings.js';
import { readConfigFile } from './read-config-file.js';
import { buildRouterConfig, mergeRouterSettings } from './router-settings.js';
import type { GatehouseConfig, ServerConfig } from './types.js';
import { topLevelIgnored, topLevelRefused } from './unsupported-litellm-keys.js';

export interface ConfigOverrides extends TlsOverrides {
  readonly host?: string;
  readonly port?: number;
}

export interface LoadConfigOptions {
  /** An explicit `--config` path (relative to `cwd`); it must exist. */
  readonly file?: string;
  readonly cwd: string;
  readonly env: Env;
  /** Command-line values; they win over the file. */
  readonly overrides?: ConfigOverrides;
}

const TOP_LEVEL_KEYS = ['model_list', 'router_settings', 'litellm_settings', 'general_settings', 'environment_variables', 'gatehouse'];
const MAX_PORT = 65_535;

/** Throws ConfigError listing every problem; returns a deep-frozen configuration otherwise. */
export function loadConfig(options: LoadConfigOptions): GatehouseConfig {
  const reader = new ConfigReader(options.env);
  const file = readConfigFile(reader, options);
  const root = rootMap(reader, file.root, file.path);
  throwIfProblems(reader);

  reader.checkKeys(root, '', { supported: TOP_LEVEL_KEYS, ignored: topLevelIgnored, refused: topLevelRefused });
  const env: Env = { ...options.env, ...parseEnvironmentVariables(reader, root.environment_variables) };
  const resolving = reader.withEnv(env);
  const deployments = parseModelList(resolving, root.model_list);
  const litellm = parseLitellmSettings(resolving, root.litellm_settings);
  const routerSettings = mergeRouterSettings(resolving, litellm.router, parseRouterSettings(resolving, root.router_settings));
  const router = buildRouterConfig(resolving, routerSettings, modelGroupMatcher(deployments.map((deployment) => deployment.modelName)));
  const general = parseGeneralSettings(resolving, root.general_settings);
  const gatehouse = parseGatehouseSection(resolving, root.gatehouse);
  const config: GatehouseConfig = {
    source: file.path,
    deployments,
    router,
    dropParams: litellm.dropParams ?? false,
    masterKey: pickMasterKey(resolving, general.masterKey, nonEmpty(env.GATEHOUSE_MASTER_KEY)),
    previousMasterKey: nonEmpty(env.GATEHOUSE_PREVIOUS_MASTER_KEY),
    databaseUrl: general.databaseUrl ?? nonEmpty(env.DATABASE_URL),
    dataDir: resolve(options.cwd, gatehouse.dataDir ?? nonEmpty(env.GATEHOUSE_DATA_DIR) ?? DEFAULT_DATA_DIR_NAME),
    server: buildServerConfig(resolving, general, gatehouse, { ...options.overrides, cwd: options.cwd }),
    upstream: settleUpstreamSettings(gatehouse.upstream, options.cwd),
    egress: gatehouse.egress,
    retention: gatehouse.retention,
    ...optional('redis', parseRedisSettings(resolving, mapOrUndefined(root.router_settings), mapOrUndefined(root.gatehouse))),
    warnings: reader.warnings,
  };
  throwIfProblems(reader);
  return deepFreeze(config);
}

function rootMap(reader: ConfigReader, root: unknown, path: string | undefined): YamlMap {
  if (root === undefined) return {};
  if (isYamlMap(root)) return root;
  reader.problem(path ?? 'configuration', 'must be a YAML map of sections (model_list, router_settings, ...)');
  return {};
}

function throwIfProblems(reader: ConfigReader): void {
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
}

/** A section already checked (and reported) by its own parser, when it is a map. */
function mapOrUndefined(value: unknown): YamlMap | undefined {
  return isYamlMap(value) ? value : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function pickMasterKey(reader: ConfigReader, configured: string | undefined, fromEnv: string | undefined): string | undefined {
  if (configured !== undefined && fromEnv !== undefined && configured !== fromEnv) {
    return reader.problem('general_settings.master_key', 'differs from the GATEHOUSE_MASTER_KEY environment variable; set the master key in one place');
  }
  return configured ?? fromEnv;
}

/** Defaults, then LiteLLM's `general_settings` size limits, then `gatehouse.server`, then overrides. */
function buildServerConfig(reader: ConfigReader, general: GeneralSettings, gatehouse: GatehouseSection, overrides: ConfigOverrides & { cwd: string }): ServerConfig {
  if (overrides.host !== undefined && overrides.host.trim() === '') reader.problem('--host', 'must not be empty');
  const port = overrides.port;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= MAX_PORT)) {
    reader.problem('--port', `must be a whole number from 0 to ${MAX_PORT}`);
  }
  return {
    ...defaultServerConfig,
    ...optional('maxRequestBodyBytes', general.maxRequestBodyBytes),
    ...optional('maxUpstreamResponseBytes', general.maxUpstreamResponseBytes),
    ...gatehouse.server,
    ...settleEdgeSources(reader, { fromFile: gatehouse.server, allowedIps: general.allowedIps, overrides, cwd: overrides.cwd }),
    ...optional('host', overrides.host),
    ...optional('port', port),
  };
}
