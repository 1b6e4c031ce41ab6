// Reads a `model_list` entry's `model_info`: id, mode, prices and token limits. LiteLLM's other
// `model_info` keys (base_model, supports_*, ...) are descriptive and ignored without a warning.

import { childPath, type ConfigReader, type YamlMap } from './config-reader.js';
import { optional } from './optional.js';
import type { DeploymentMode, ModelInfo } from './types.js';

const DEPLOYMENT_MODES: readonly DeploymentMode[] = ['chat', 'completion', 'embedding'];
/** LiteLLM modes Gatehouse cannot serve yet: such a deployment is left out with a warning. */
const UNSERVED_LITELLM_MODES = new Set([
  'image_generation', 'image_edit', 'audio_transcription', 'audio_speech', 'rerank', 'moderation',
  'responses', 'batch', 'realtime', 'video_generation', 'ocr', 'search', 'vector_store',
]);
/** Prices LiteLLM also accepts in `litellm_params`; `model_info` wins when both give one. */
export const PRICE_KEYS = ['input_cost_per_token', 'output_cost_per_token', 'cache_read_input_token_cost'] as const;

export interface ParsedModelInfo {
  readonly modelInfo: ModelInfo;
  /** False when the deployment's mode is one Gatehouse does not serve. */
  readonly served: boolean;
}

/** `path` is the entry's path (`model_list[3]`). */
export function parseModelInfo(reader: ConfigReader, info: YamlMap, params: YamlMap, path: string): ParsedModelInfo {
  const infoPath = `${path}.model_info`;
  const price = (key: (typeof PRICE_KEYS)[number]): number | undefined =>
    info[key] !== undefined && info[key] !== null
      ? reader.number(info[key], childPath(infoPath, key), { min: 0 })
      : reader.number(params[key], childPath(`${path}.litellm_params`, key), { min: 0 });
  const tokens = (key: string): number | undefined =>
    reader.number(info[key], childPath(infoPath, key), { min: 0, exclusiveMin: true, integer: true });

  const id = parseId(reader, info.id, `${infoPath}.id`);
  const mode = reader.string(info.mode, `${infoPath}.mode`);
  const maxOutputTokens = tokens('max_output_tokens') ?? tokens('max_tokens');
  const modelInfo: ModelInfo = {
    ...optional('id', id),
    ...optional('mode', mode !== undefined && isDeploymentMode(mode) ? mode : undefined),
    ...optional('inputCostPerToken', price('input_cost_per_token')),
    ...optional('outputCostPerToken', price('output_cost_per_token')),
    ...optional('cacheReadInputTokenCost', price('cache_read_input_token_cost')),
    ...optional('maxInputTokens', tokens('max_input_tokens')),
    ...optional('maxOutputTokens', maxOutputTokens),
  };
  return { modelInfo, served: checkMode(reader, mode, `${infoPath}.mode`) };
}

function parseId(reader: ConfigReader, value: unknown, path: string): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return reader.string(value, path);
}

function isDeploymentMode(mode: string): mode is DeploymentMode {
  return (DEPLOYMENT_MODES as readonly string[]).includes(mode);
}

function checkMode(reader: ConfigReader, mode: string | undefined, path: string): boolean {
  if (mode === undefined || isDeploymentMode(mode)) return true;
  if (UNSERVED_LITELLM_MODES.has(mode)) {
    reader.warn(path, `mode "${mode}" is not supported yet; this deployment is left out`);
  } else {
    reader.problem(path, `must be one of ${DEPLOYMENT_MODES.join(', ')} (got "${mode}")`);
  }
  return false;
}
