// Builds an Anthropic Messages body (without `model`) from a canonical chat request and the
// deployment's defaults. Shared with Claude on other platforms (Vertex AI adds its own fields);
// the URL and headers are `request.ts`'s. https://docs.anthropic.com/en/api/messages

import type { AnthropicMessagesRequest, AnthropicTool } from '../../wire/anthropic/types.js';
import type { ChatCompletionRequest } from '../../wire/openai/types.js';
import type { BuildContext, ResolvedDeployment } from '../types.js';
import { toAnthropicConversation } from './chat-messages.js';
import {
  jsonModeTool,
  jsonToolName,
  stopSequencesOf,
  thinkingBudgetOf,
  toAnthropicToolChoice,
  toAnthropicTools,
  unsupportedParameter,
} from './chat-params.js';

/** The body's fields this translation sets (every field but `model`). */
export type AnthropicBody = Pick<
  AnthropicMessagesRequest,
  'max_tokens' | 'system' | 'messages' | 'temperature' | 'top_p' | 'top_k' | 'stop_sequences' | 'tools' | 'tool_choice' | 'thinking' | 'metadata' | 'stream'
>;

/** Anthropic requires `max_tokens`; LiteLLM's users expect a default when they give none. */
export const defaultMaxTokens = 4096;

/** Request parameters a deployment's `litellm_params` may set as defaults; other extra params (credentials, settings) are never sent. */
const defaultable = ['max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'top_k', 'stop', 'reasoning_effort', 'thinking', 'parallel_tool_calls'];
/** Canonical parameters with an Anthropic meaning. */
const known = new Set([...defaultable, 'model', 'messages', 'stream', 'tools', 'tool_choice', 'user', 'response_format', 'n']);
/**
 * Accepted without effect, as LiteLLM does: Anthropic always reports stream usage, and OpenAI's
 * storage, metadata and service tiers have no Anthropic counterpart a client would miss.
 */
const ignored = new Set(['stream_options', 'store', 'metadata', 'service_tier']);

type Params = Readonly<Record<string, unknown>>;

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The request's parameters over the deployment's defaults; `null` counts as not given. */
function paramsOf(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): Params {
  const params: Record<string, unknown> = {};
  for (const name of defaultable) {
    const value = deployment.extraParams[name];
    if (value !== undefined && value !== null) params[name] = value;
  }
  for (const [name, value] of Object.entries(request)) {
    if (value === undefined || value === null || ignored.has(name)) continue;
    const unsupported = !known.has(name) || (name === 'n' && value !== 1);
    if (unsupported && !ctx.dropParams) throw unsupportedParameter(name);
    if (!unsupported) params[name] = value;
  }
  return params;
}

function maxTokensOf(request: ChatCompletionRequest, params: Params, budget: number | undefined): number {
  const asked = numberOf(request.max_completion_tokens) ?? numberOf(request.max_tokens);
  const fallback = numberOf(params['max_completion_tokens']) ?? numberOf(params['max_tokens']) ?? defaultMaxTokens;
  if (asked !== undefined) return asked;
  // Anthropic wants max_tokens above the thinking budget: the default leaves room for the answer too.
  return budget !== undefined && budget >= fallback ? budget + fallback : fallback;
}

function thinkingOf(params: Params, budget: number | undefined): Pick<AnthropicBody, 'thinking'> {
  if (budget !== undefined) return { thinking: { type: 'enabled', budget_tokens: budget } };
  const given = params['thinking'];
  return typeof given === 'object' && given !== null ? { thinking: given as NonNullable<AnthropicBody['thinking']> } : {};
}

function toolsOf(params: Params): Pick<AnthropicBody, 'tools' | 'tool_choice'> {
  const tools: AnthropicTool[] = params['tools'] === undefined ? [] : toAnthropicTools(params['tools']);
  const jsonTool = jsonModeTool(params['response_format']);
  if (jsonTool !== undefined) {
    // JSON mode, as LiteLLM does it: a forced tool whose input is the answer (see response.ts).
    return { tools: [...tools, jsonTool], tool_choice: { type: 'tool', name: jsonToolName } };
  }
  const choice = toAnthropicToolChoice(params['tool_choice'], params['parallel_tool_calls']);
  return { ...(tools.length > 0 ? { tools } : {}), ...(choice === undefined || tools.length === 0 ? {} : { tool_choice: choice }) };
}

export function chatToAnthropicBody(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): AnthropicBody {
  const params = paramsOf(request, deployment, ctx);
  const { system, messages } = toAnthropicConversation(request.messages);
  const budget = thinkingBudgetOf(params['reasoning_effort']);
  const stop = stopSequencesOf(params['stop']);
  const user = params['user'];
  const sampling = Object.fromEntries(['temperature', 'top_p', 'top_k'].flatMap((name) => (params[name] === undefined ? [] : [[name, params[name]]]))) as Pick<AnthropicBody, 'temperature' | 'top_p' | 'top_k'>;
  return {
    max_tokens: maxTokensOf(request, params, budget),
    ...(system.length > 0 ? { system } : {}),
    messages,
    ...sampling,
    ...(stop === undefined ? {} : { stop_sequences: stop }),
    ...toolsOf(params),
    ...thinkingOf(params, budget),
    ...(typeof user === 'string' ? { metadata: { user_id: user } } : {}),
    ...(ctx.stream ? { stream: true } : {}),
  };
}
