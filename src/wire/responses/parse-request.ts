// Validates a Responses API request body into a `ResponsesRequest`, refusing with a 400 that names
// the parameter whatever needs state Gatehouse does not keep (stored responses, conversations,
// background runs) or has no canonical form. Translation to chat is `to-chat.ts`.

import type { JsonValue } from '../openai/types.js';
import { invalid, isAbsent, isRecord, optionalBoolean, optionalNumber, optionalString, quoted } from './invalid-request.js';
import { parseInput } from './parse-input.js';
import { parseText, parseToolChoice, parseTools } from './parse-tools.js';
import type { ReasoningEffort, ResponsesRequest } from './types.js';

const stateless = 'Gatehouse does not store responses: send the whole conversation in `input`';

/** Parameters that would need OpenAI-side state, each with why it is refused when set. */
const statefulParams: Record<string, string> = {
  previous_response_id: `${stateless} instead of \`previous_response_id\`.`,
  conversation: `${stateless} instead of a \`conversation\`.`,
  prompt: 'Stored prompt templates live at OpenAI and are not available through Gatehouse: send `instructions` and `input`.',
  context_management: 'Server-side context management needs stored state, which Gatehouse does not keep.',
  moderation: '`moderation` is not supported by Gatehouse.',
  max_tool_calls: '`max_tool_calls` limits built-in tool calls, which Gatehouse does not run.',
};

/** Parameters the canonical chat request takes under the same name and meaning. */
const passthroughParams = ['prompt_cache_key', 'prompt_cache_retention', 'safety_identifier', 'service_tier'] as const;

/** Accepted and without effect: Gatehouse returns no reasoning items, encrypted or not. */
const ignoredIncludes = new Set(['reasoning.encrypted_content']);

/** Accepted and without effect (documented): transport and cache hints with no canonical form. */
const ignoredParams = ['stream_options', 'prompt_cache_options'] as const;

const handledParams = new Set<string>([
  'model', 'input', 'instructions', 'stream', 'store', 'background', 'include', 'tools', 'tool_choice', 'text',
  'max_output_tokens', 'temperature', 'top_p', 'top_logprobs', 'parallel_tool_calls', 'reasoning', 'metadata',
  'user', 'truncation', ...Object.keys(statefulParams), ...passthroughParams, ...ignoredParams,
]);

function refuseStateful(body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    if (!handledParams.has(key)) throw invalid(key.slice(0, 64), `Unknown parameter: ${quoted(key)}.`);
  }
  if (body['store'] === true) throw invalid('store', `${stateless} and set \`store: false\`.`);
  if (body['background'] === true) throw invalid('background', `${stateless}; background responses cannot be polled, so \`background\` must be false.`);
  for (const [param, why] of Object.entries(statefulParams)) {
    const value = body[param];
    if (!isAbsent(value) && !(Array.isArray(value) && value.length === 0)) throw invalid(param, why);
  }
  if (body['truncation'] === 'auto') throw invalid('truncation', '`truncation: "auto"` is not supported: trim `input` yourself.');
  const topLogprobs = optionalNumber(body['top_logprobs'], 'top_logprobs');
  if (topLogprobs !== null && topLogprobs > 0) throw invalid('top_logprobs', 'Log probabilities are not available through /v1/responses.');
}

function checkInclude(include: unknown): void {
  if (isAbsent(include)) return;
  if (!Array.isArray(include)) throw invalid('include', '`include` must be an array.');
  include.forEach((value, index) => {
    if (typeof value !== 'string' || !ignoredIncludes.has(value)) {
      throw invalid(`include[${index}]`, `${quoted(value)} cannot be included: it needs stored state, built-in tools or log probabilities, none of which Gatehouse provides.`);
    }
  });
}

function parseReasoningEffort(reasoning: unknown): ReasoningEffort | null {
  if (isAbsent(reasoning)) return null;
  if (!isRecord(reasoning)) throw invalid('reasoning', '`reasoning` must be an object.');
  const effort = optionalString(reasoning['effort'], 'reasoning.effort');
  return effort as ReasoningEffort | null;
}

function parseMetadata(metadata: unknown): Record<string, string> {
  if (isAbsent(metadata)) return {};
  if (!isRecord(metadata) || !Object.values(metadata).every((value) => typeof value === 'string')) {
    throw invalid('metadata', '`metadata` must be an object of string values.');
  }
  return metadata as Record<string, string>;
}

function parseMaxOutputTokens(value: unknown): number | null {
  const max = optionalNumber(value, 'max_output_tokens');
  if (max !== null && (!Number.isInteger(max) || max < 1)) throw invalid('max_output_tokens', '`max_output_tokens` must be a positive integer.');
  return max;
}

function passthroughOf(body: Record<string, unknown>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const param of passthroughParams) {
    const value = optionalString(body[param], param);
    if (value !== null) out[param] = value;
  }
  return out;
}

export function parseResponsesRequest(body: unknown): ResponsesRequest {
  if (!isRecord(body)) throw invalid('body', 'The request body must be a JSON object.');
  const model = body['model'];
  if (typeof model !== 'string' || model.length === 0) throw invalid('model', 'Missing required parameter: `model` (a non-empty string).');
  refuseStateful(body);
  checkInclude(body['include']);
  const tools = parseTools(body['tools']);
  return {
    model,
    input: parseInput(body['input']),
    instructions: optionalString(body['instructions'], 'instructions'),
    stream: optionalBoolean(body['stream'], 'stream') ?? false,
    tools,
    tool_choice: parseToolChoice(body['tool_choice'], tools),
    text: parseText(body['text']),
    max_output_tokens: parseMaxOutputTokens(body['max_output_tokens']),
    temperature: optionalNumber(body['temperature'], 'temperature'),
    top_p: optionalNumber(body['top_p'], 'top_p'),
    parallel_tool_calls: optionalBoolean(body['parallel_tool_calls'], 'parallel_tool_calls') ?? true,
    reasoning_effort: parseReasoningEffort(body['reasoning']),
    metadata: parseMetadata(body['metadata']),
    user: optionalString(body['user'], 'user'),
    passthrough: passthroughOf(body),
  };
}
