// Anthropic Messages request -> canonical chat request: sampling, limits, tools and tool choice,
// thinking, streaming. Messages are `to-chat-messages.ts`'s. Fields without a canonical form are
// refused by name (400), never dropped, except the two hints listed in `hintFields`.

import type { ChatCompletionRequest, ChatTool } from '../openai/types.js';
import type { AnthropicMessagesRequest, AnthropicTool, AnthropicToolChoice } from './types.js';
import { invalidParam, requireRecord } from './invalid-param.js';
import { isCustomTool } from './parse-tools.js';
import { systemMessage, toChatMessages } from './to-chat-messages.js';
import { untranslatable } from './untranslatable.js';

const translatedFields = new Set([
  'model', 'messages', 'max_tokens', 'system', 'metadata', 'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k',
  'tools', 'tool_choice', 'thinking', 'output_config',
]);
/**
 * Hints only an Anthropic upstream can act on: a scheduling tier, cache breakpoints (OpenAI-dialect
 * upstreams cache prefixes on their own) and server-side context editing (without it the model sees
 * the whole conversation the client sent, as it asked).
 */
const hintFields = new Set(['service_tier', 'cache_control', 'context_management']);

/** LiteLLM's budget -> effort steps (the inverse of its effort -> budget table). */
export function reasoningEffortOf(budgetTokens: number): 'low' | 'medium' | 'high' {
  if (budgetTokens <= 1024) return 'low';
  if (budgetTokens <= 2048) return 'medium';
  return 'high';
}

function toChatTools(tools: readonly AnthropicTool[]): ChatTool[] {
  return tools.map((tool, i) => {
    if (!isCustomTool(tool)) throw untranslatable(`tools.${i}`, `the '${String(tool.type)}' tool`);
    const fn: ChatTool['function'] = { name: tool.name, parameters: tool.input_schema };
    if (typeof tool.description === 'string') fn.description = tool.description;
    if (typeof tool['strict'] === 'boolean') fn.strict = tool['strict'];
    return { type: 'function', function: fn };
  });
}

function toChatToolChoice(choice: AnthropicToolChoice): unknown {
  switch (choice.type) {
    case 'auto': return 'auto';
    case 'any': return 'required';
    case 'none': return 'none';
    case 'tool': return { type: 'function', function: { name: choice.name } };
  }
}

function applyTools(request: AnthropicMessagesRequest, chat: ChatCompletionRequest): void {
  if (request.tools === undefined || request.tools === null || request.tools.length === 0) return;
  chat.tools = toChatTools(request.tools);
  // OpenAI refuses a tool choice without tools, so both travel together.
  const choice = request.tool_choice;
  if (choice === undefined || choice === null) return;
  chat.tool_choice = toChatToolChoice(choice);
  if (choice.type !== 'none' && choice.disable_parallel_tool_use === true) chat['parallel_tool_calls'] = false;
}

function applyThinking(request: AnthropicMessagesRequest, chat: ChatCompletionRequest): void {
  const thinking = request.thinking;
  if (thinking === undefined || thinking === null || thinking.type === 'disabled') return;
  // `thinking` stays for Anthropic-family upstreams; others read the effort derived from the budget.
  chat['thinking'] = { ...thinking };
  if (thinking.type === 'enabled') chat['reasoning_effort'] = reasoningEffortOf(thinking.budget_tokens);
}

/** `output_config`: `effort` (the highest Anthropic levels become OpenAI's `high`) and a JSON schema `format`. */
function applyOutputConfig(request: AnthropicMessagesRequest, chat: ChatCompletionRequest): void {
  const config = request['output_config'];
  if (config === undefined || config === null) return;
  const { effort, format, ...rest } = requireRecord(config, 'output_config');
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw untranslatable(`output_config.${extra}`, `the '${extra}' output setting`);
  if (effort !== undefined && effort !== null) {
    if (effort !== 'low' && effort !== 'medium' && effort !== 'high' && effort !== 'xhigh' && effort !== 'max') {
      throw invalidParam('output_config.effort', "Input should be 'low', 'medium', 'high', 'xhigh' or 'max'.");
    }
    chat['reasoning_effort'] = effort === 'xhigh' || effort === 'max' ? 'high' : effort;
  }
  if (format === undefined || format === null) return;
  const spec = requireRecord(format, 'output_config.format');
  if (spec['type'] !== 'json_schema') throw invalidParam('output_config.format.type', "Input should be 'json_schema'.");
  const schema = requireRecord(spec['schema'], 'output_config.format.schema');
  // Anthropic's structured outputs always hold to the schema; OpenAI's do so in strict mode.
  chat.response_format = { type: 'json_schema', json_schema: { name: 'output', schema, strict: true } };
}

function refuseUnknownFields(request: AnthropicMessagesRequest): void {
  for (const key of Object.keys(request)) {
    if (translatedFields.has(key) || hintFields.has(key) || request[key] === undefined || request[key] === null) continue;
    throw untranslatable(key, `the '${key}' parameter`);
  }
}

export function toChatRequest(request: AnthropicMessagesRequest): ChatCompletionRequest {
  refuseUnknownFields(request);
  const chat: ChatCompletionRequest = {
    model: request.model,
    messages: [...systemMessage(request.system ?? undefined), ...toChatMessages(request.messages)],
    max_tokens: request.max_tokens,
  };
  if (request.stop_sequences !== undefined && request.stop_sequences !== null && request.stop_sequences.length > 0) {
    chat.stop = [...request.stop_sequences];
  }
  if (typeof request.temperature === 'number') chat.temperature = request.temperature;
  if (typeof request.top_p === 'number') chat.top_p = request.top_p;
  if (typeof request.top_k === 'number') chat['top_k'] = request.top_k;
  const userId = request.metadata?.user_id;
  if (typeof userId === 'string' && userId !== '') chat.user = userId;
  applyTools(request, chat);
  applyThinking(request, chat);
  applyOutputConfig(request, chat);
  if (request.stream === true) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  return chat;
}
