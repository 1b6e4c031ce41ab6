// Turns the canonical sampling parameters into Gemini's `generationConfig`: temperature, top_p,
// top_k, max tokens, stop, n, seed, penalties, JSON mode and schemas, reasoning effort.
// https://ai.google.dev/api/generate-content#generationconfig

import { GatewayError } from '../../errors/gateway-error.js';
import { toGeminiSchema } from './gemini-schema.js';
import type { GeminiGenerationConfig } from './gemini-types.js';
import { isRecord } from './is-record.js';

type Params = Readonly<Record<string, unknown>>;

/** Thinking budgets per OpenAI `reasoning_effort`, the values LiteLLM uses. */
const thinkingBudgets: Readonly<Record<string, number>> = { none: 0, minimal: 512, low: 1024, medium: 2048, high: 4096 };

const numeric: readonly (readonly [string, keyof GeminiGenerationConfig])[] = [
  ['temperature', 'temperature'], ['top_p', 'topP'], ['top_k', 'topK'], ['n', 'candidateCount'], ['seed', 'seed'],
  ['presence_penalty', 'presencePenalty'], ['frequency_penalty', 'frequencyPenalty'],
];

function responseFormatOf(format: unknown): GeminiGenerationConfig {
  if (!isRecord(format) || format['type'] === 'text') return {};
  if (format['type'] === 'json_object') return { responseMimeType: 'application/json' };
  const spec = format['json_schema'];
  if (format['type'] === 'json_schema' && isRecord(spec) && isRecord(spec['schema'])) {
    return { responseMimeType: 'application/json', responseSchema: toGeminiSchema(spec['schema']) };
  }
  throw new GatewayError('invalid_request', { param: 'response_format', message: "response_format must be text, json_object or json_schema with a schema." });
}

function stopOf(stop: unknown): string[] | undefined {
  if (typeof stop === 'string') return [stop];
  return Array.isArray(stop) && stop.length > 0 ? stop.filter((s): s is string => typeof s === 'string') : undefined;
}

/** The config, or undefined when the request sets nothing. */
export function toGenerationConfig(params: Params): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  const target = config as Record<string, unknown>;
  for (const [from, to] of numeric) if (typeof params[from] === 'number') target[to] = params[from];
  const maxTokens = params['max_completion_tokens'] ?? params['max_tokens'];
  if (typeof maxTokens === 'number') config.maxOutputTokens = maxTokens;
  const stop = stopOf(params['stop']);
  if (stop !== undefined) config.stopSequences = stop;
  Object.assign(config, responseFormatOf(params['response_format']));
  const effort = params['reasoning_effort'];
  if (typeof effort === 'string') {
    const budget = thinkingBudgets[effort];
    if (budget === undefined) throw new GatewayError('invalid_request', { param: 'reasoning_effort', message: `Unknown reasoning_effort '${effort}'.` });
    config.thinkingConfig = budget === 0 ? { thinkingBudget: 0 } : { thinkingBudget: budget, includeThoughts: true };
  }
  return Object.keys(config).length === 0 ? undefined : config;
}
