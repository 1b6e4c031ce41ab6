// Turns one LiteLLM `model_list` entry into a DeploymentConfig. Provider names are not checked
// here (the server knows its providers); ids and duplicates are the model list's concern.

import { createHash } from 'node:crypto';
import { childPath, isYamlMap, type ConfigReader, type NumberBounds, type SectionKeys, type YamlMap } from './config-reader.js';
import { optional } from './optional.js';
import { parseModelInfo, PRICE_KEYS } from './parse-model-info.js';
import type { DeploymentConfig } from './types.js';

const ENTRY_KEYS: SectionKeys = { supported: ['model_name', 'litellm_params', 'model_info', 'rpm', 'tpm'] };
/** `litellm_params` keys with a field of their own; every other key goes to `extraParams`. */
const MAPPED_PARAMS = new Set<string>([
  'model', 'custom_llm_provider', 'api_key', 'api_base', 'api_version', 'rpm', 'tpm', 'timeout',
  'stream_timeout', 'weight', 'order', 'max_parallel_requests', 'region_name', 'extra_headers', ...PRICE_KEYS,
]);
const DEFAULT_PROVIDER = 'openai';
const DEFAULT_WEIGHT = 1;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Undefined when the entry is invalid (problems recorded) or left out (warning recorded). */
export function parseDeployment(reader: ConfigReader, entry: unknown, index: number): DeploymentConfig | undefined {
  const path = `model_list[${index}]`;
  if (!isYamlMap(entry)) return reader.problem(path, 'must be a map with model_name and litellm_params');
  reader.checkKeys(entry, path, ENTRY_KEYS);
  const modelName = reader.requiredString(entry.model_name, `${path}.model_name`);
  const params = entry.litellm_params === undefined || entry.litellm_params === null
    ? reader.problem(`${path}.litellm_params`, 'required')
    : reader.map(entry.litellm_params, `${path}.litellm_params`);
  const info = reader.map(entry.model_info, `${path}.model_info`) ?? {};
  if (params === undefined) return undefined;

  const paramsPath = `${path}.litellm_params`;
  const target = parseTarget(reader, params, paramsPath);
  const { modelInfo, served } = parseModelInfo(reader, info, params, path);
  const num = (key: string, bounds: NumberBounds): number | undefined =>
    reader.number(params[key], childPath(paramsPath, key), bounds);
  const text = (key: string): string | undefined => reader.string(params[key], childPath(paramsPath, key));
  const deployment = {
    ...optional('apiBase', parseApiBase(reader, params.api_base, `${paramsPath}.api_base`)),
    ...optional('apiKey', text('api_key')),
    ...optional('apiVersion', text('api_version')),
    ...optional('rpm', num('rpm', { min: 0, integer: true }) ?? reader.number(entry.rpm, `${path}.rpm`, { min: 0, integer: true })),
    ...optional('tpm', num('tpm', { min: 0, integer: true }) ?? reader.number(entry.tpm, `${path}.tpm`, { min: 0, integer: true })),
    ...optional('maxParallelRequests', num('max_parallel_requests', { min: 1, integer: true })),
    ...optional('timeoutMs', reader.secondsAsMs(params.timeout, `${paramsPath}.timeout`)),
    ...optional('streamTimeoutMs', reader.secondsAsMs(params.stream_timeout, `${paramsPath}.stream_timeout`)),
    weight: num('weight', { min: 0, exclusiveMin: true }) ?? DEFAULT_WEIGHT,
    ...optional('order', num('order', { min: 0, integer: true })),
    ...optional('region', text('region_name')),
    headers: parseHeaders(reader, params.extra_headers, `${paramsPath}.extra_headers`),
    extraParams: parseExtraParams(reader, params, paramsPath),
    modelInfo,
  };
  if (modelName === undefined || target === undefined || !served) return undefined;
  const id = modelInfo.id ?? derivedId(index, modelName, target.raw);
  return { id, modelName, provider: target.provider, model: target.model, ...deployment };
}

/** A short, stable id for an entry without `model_info.id`: the same file gives the same ids. */
export function derivedId(index: number, modelName: string, model: string): string {
  return createHash('sha256').update(`${index}\n${modelName}\n${model}`).digest('hex').slice(0, 16);
}

/** `provider/name` splits on the first `/`; a bare name is an OpenAI model, as in LiteLLM. */
function parseTarget(reader: ConfigReader, params: YamlMap, path: string): { provider: string; model: string; raw: string } | undefined {
  const raw = reader.requiredString(params.model, `${path}.model`);
  const custom = reader.string(params.custom_llm_provider, `${path}.custom_llm_provider`);
  if (raw === undefined) return undefined;
  if (custom !== undefined) {
    return { provider: custom, model: raw.startsWith(`${custom}/`) ? raw.slice(custom.length + 1) : raw, raw };
  }
  const slash = raw.indexOf('/');
  if (slash === -1) return { provider: DEFAULT_PROVIDER, model: raw, raw };
  const provider = raw.slice(0, slash);
  const model = raw.slice(slash + 1);
  if (provider === '' || model === '') return reader.problem(`${path}.model`, 'must be "provider/model-name" or a model name');
  return { provider, model, raw };
}

function parseApiBase(reader: ConfigReader, value: unknown, path: string): string | undefined {
  const apiBase = reader.string(value, path);
  if (apiBase === undefined) return undefined;
  const url = URL.canParse(apiBase) ? new URL(apiBase) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return reader.problem(path, 'must be an http:// or https:// URL');
  }
  return apiBase;
}

function parseHeaders(reader: ConfigReader, value: unknown, path: string): Readonly<Record<string, string>> {
  const headers = reader.map(value, path) ?? {};
  const entries: [string, string][] = [];
  for (const [name, raw] of Object.entries(headers)) {
    const headerPath = childPath(path, name);
    const resolved = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : reader.string(raw, headerPath);
    if (!HEADER_NAME.test(name)) reader.problem(headerPath, 'is not a valid HTTP header name');
    else if (resolved !== undefined && !HEADER_VALUE.test(resolved)) reader.problem(headerPath, 'must not contain control characters');
    else if (resolved !== undefined) entries.push([name, resolved]);
  }
  return Object.fromEntries(entries);
}

function parseExtraParams(reader: ConfigReader, params: YamlMap, path: string): Readonly<Record<string, unknown>> {
  const extra = Object.entries(params).filter(([key]) => !MAPPED_PARAMS.has(key));
  return Object.fromEntries(extra.map(([key, value]) => [key, reader.resolve(value, childPath(path, key))]));
}
