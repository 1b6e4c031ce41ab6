// Anthropic Messages request -> canonical chat request: sampling, limits, tools and tool choice,
// thinking, streaming. Messages are `to-chat-messages.ts`'s. Fields without a canonical form are
// refused by name (400), never dropped, except the two hints listed in `hintFields`.

import type { ChatCompletionRequest, ChatTool } from '../openai/types.js';
import type { AnthropicMessagesRequest, AnthropicTool, AnthropicToolChoice } from './types.js';
import { isCustomTool } from './parse-tools.js';
import { systemMessage, toChatMessages } from './to-chat-messages.js';
import { untranslatable } from './untranslatable.js';

const translatedFields = new Set([
  'model', 'messages', 'max_tokens', 'system', 'metadata', 'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k',
  'tools', 'tool_choice', 'thinking',
]);
/** Scheduling and caching hints that only an Anthropic upstream can act on; OpenAI-dialect ones cache on their own. */
const hintFields = new Set(['service_tier', 'cache_control']);

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
  if (request.tools !== undefined && request.tools !== null) chat.tools = toChatTools(request.tools);
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
  if (request.stream === true) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  return chat;
}
