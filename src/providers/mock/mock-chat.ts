// The mock provider's chat answers as OpenAI wire objects: a `chat.completion`, or the list of
// `chat.completion.chunk`s of a stream. Deterministic: the same request gives the same bytes.

import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionRequest,
  ChatMessage,
  ChatTool,
  ChatToolCall,
} from '../../wire/openai/types.js';
import { estimateTokens, splitChars, splitWords, stableHex } from './mock-text.js';
import { mockArgumentsForSchema } from './mock-tool-arguments.js';
import { mockCreatedS, mockUsage } from './mock-usage.js';

export interface MockAnswerOptions {
  /** Fixes the reply text (`mock_response`); otherwise a phrase echoing the last user message. */
  readonly replyText?: string | undefined;
  /** Number of content (or tool-argument) deltas in a stream; one per word by default. */
  readonly chunks?: number | undefined;
}

const echoChars = 40;
const defaultArgumentChunks = 3;

function messageText(message: ChatMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) if (part.type === 'text' && typeof part['text'] === 'string') text += part['text'];
  return text;
}

function defaultReply(request: ChatCompletionRequest): string {
  const lastUser = request.messages.findLast((message) => message.role === 'user');
  if (lastUser === undefined) return `This is a mock reply from ${request.model}.`;
  const text = messageText(lastUser).replace(/\s+/g, ' ').trim();
  const start = text.length > echoChars ? `${text.slice(0, echoChars)}...` : text;
  return `This is a mock reply from ${request.model}. You said: "${start}"`;
}

function chosenTool(request: ChatCompletionRequest, options: MockAnswerOptions): ChatTool | undefined {
  const tools = request.tools;
  if (options.replyText !== undefined || tools === undefined || tools.length === 0) return undefined;
  const last = request.messages.at(-1);
  if (last === undefined || last.role === 'tool' || last.role === 'function') return undefined;
  const choice = request.tool_choice as { function?: { name?: unknown } } | string | undefined | null;
  if (choice === 'none') return undefined;
  const named = typeof choice === 'object' && choice !== null ? choice.function?.name : undefined;
  return tools.find((tool) => tool.function.name === named) ?? tools[0];
}

function toolCallOf(request: ChatCompletionRequest, tool: ChatTool): ChatToolCall {
  const args = JSON.stringify(mockArgumentsForSchema(tool.function.parameters));
  const id = `call_mock${stableHex(`${request.model}|${tool.function.name}|${args}`)}`;
  return { id, type: 'function', function: { name: tool.function.name, arguments: args } };
}

function promptTokens(request: ChatCompletionRequest): number {
  let chars = 0;
  for (const message of request.messages) chars += messageText(message).length;
  return Math.max(1, estimateTokens(chars));
}

function completionId(request: ChatCompletionRequest): string {
  const last = request.messages.at(-1);
  return `chatcmpl-mock${stableHex(`${request.model}|${last === undefined ? '' : messageText(last)}`)}`;
}

export function mockChatCompletion(request: ChatCompletionRequest, options: MockAnswerOptions = {}): ChatCompletion {
  const tool = chosenTool(request, options);
  const call = tool === undefined ? undefined : toolCallOf(request, tool);
  const text = options.replyText ?? defaultReply(request);
  const message: ChatCompletion['choices'][number]['message'] =
    call === undefined
      ? { role: 'assistant', content: text, refusal: null, annotations: [] }
      : { role: 'assistant', content: null, tool_calls: [call], refusal: null, annotations: [] };
  const outputChars = call === undefined ? text.length : call.function.name.length + call.function.arguments.length;
  return {
    id: completionId(request),
    object: 'chat.completion',
    created: mockCreatedS,
    model: request.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: call === undefined ? 'stop' : 'tool_calls' }],
    usage: mockUsage(promptTokens(request), Math.max(1, estimateTokens(outputChars))),
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  };
}

/** The chunks of a streamed answer; the usage-only chunk only when `stream_options.include_usage`. */
export function mockChatChunks(request: ChatCompletionRequest, options: MockAnswerOptions = {}): ChatCompletionChunk[] {
  const includeUsage = request.stream_options?.include_usage === true;
  const id = completionId(request);
  const chunk = (choices: ChatCompletionChunkChoice[]): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created: mockCreatedS,
    model: request.model,
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
    choices,
    ...(includeUsage ? { usage: null } : {}),
  });
  const delta = (value: ChatCompletionChunkChoice['delta']): ChatCompletionChunk =>
    chunk([{ index: 0, delta: value, logprobs: null, finish_reason: null }]);

  const tool = chosenTool(request, options);
  const chunks: ChatCompletionChunk[] = [];
  let outputChars = 0;
  if (tool === undefined) {
    chunks.push(delta({ role: 'assistant', content: '', refusal: null }));
    for (const piece of splitWords(options.replyText ?? defaultReply(request), options.chunks)) {
      outputChars += piece.length;
      chunks.push(delta({ content: piece }));
    }
  } else {
    const call = toolCallOf(request, tool);
    const head = { index: 0, id: call.id, type: 'function' as const, function: { name: call.function.name, arguments: '' } };
    chunks.push(delta({ role: 'assistant', content: null, tool_calls: [head], refusal: null }));
    for (const piece of splitChars(call.function.arguments, options.chunks ?? defaultArgumentChunks)) {
      chunks.push(delta({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
    }
    outputChars = call.function.name.length + call.function.arguments.length;
  }
  chunks.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: tool === undefined ? 'stop' : 'tool_calls' }]));
  if (includeUsage) {
    chunks.push({ ...chunk([]), usage: mockUsage(promptTokens(request), Math.max(1, estimateTokens(outputChars))) });
  }
  return chunks;
}
