// Answers one OpenAI REST call the way OpenAI would, as data: a JSON body with its status, or the
// chunks of a stream. Shared by the in-process mock provider and the fake OpenAI test server.

import type { ChatCompletionRequest, CompletionRequest, EmbeddingRequest, ModelObject } from '../../wire/openai/types.js';
import type { MockAnswerOptions } from './mock-chat.js';
import { mockChatChunks, mockChatCompletion } from './mock-chat.js';
import { mockCompletion, mockCompletionChunks } from './mock-completion.js';
import { mockEmbeddings } from './mock-embeddings.js';
import { mockCreatedS } from './mock-usage.js';

export type MockOpenAIAnswer =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'stream'; readonly chunks: readonly unknown[] };

/** A call as the mock sees it: `route` is the path after `/v1`, e.g. `/chat/completions`. */
export interface MockOpenAICall {
  readonly method: string;
  readonly route: string;
  readonly body: unknown;
}

export const mockModelIds: readonly string[] = ['gpt-4o-mini', 'gpt-4o', 'gpt-3.5-turbo-instruct', 'text-embedding-3-small'];
const maxDimensions = 4096;

/** OpenAI's error body: `{"error":{"message","type","param","code"}}`. */
export function openAIErrorBody(message: string, options: { type?: string; param?: string | null; code?: string | null } = {}): unknown {
  return { error: { message, type: options.type ?? 'invalid_request_error', param: options.param ?? null, code: options.code ?? null } };
}

function invalid(message: string, param: string | null = null): MockOpenAIAnswer {
  return { kind: 'json', status: 400, body: openAIErrorBody(message, { param }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function chat(body: Record<string, unknown>, options: MockAnswerOptions): MockOpenAIAnswer {
  const messages = body['messages'];
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every((m) => isRecord(m) && typeof m['role'] === 'string')) {
    return invalid("Invalid 'messages': expected a non-empty array of messages with a role.", 'messages');
  }
  const request = body as ChatCompletionRequest;
  if (request.stream === true) return { kind: 'stream', chunks: mockChatChunks(request, options) };
  return { kind: 'json', status: 200, body: mockChatCompletion(request, options) };
}

function completions(body: Record<string, unknown>, options: MockAnswerOptions): MockOpenAIAnswer {
  const prompt = body['prompt'];
  if (typeof prompt !== 'string' && !Array.isArray(prompt)) return invalid("Invalid 'prompt': expected a string or an array.", 'prompt');
  const request = body as CompletionRequest;
  if (request.stream === true) return { kind: 'stream', chunks: mockCompletionChunks(request, options) };
  return { kind: 'json', status: 200, body: mockCompletion(request, options) };
}

function embeddings(body: Record<string, unknown>): MockOpenAIAnswer {
  const input = body['input'];
  if ((typeof input !== 'string' && !Array.isArray(input)) || input.length === 0) {
    return invalid("Invalid 'input': expected a non-empty string or array.", 'input');
  }
  const dimensions = body['dimensions'];
  if (dimensions !== undefined && (!Number.isInteger(dimensions) || (dimensions as number) < 1 || (dimensions as number) > maxDimensions)) {
    return invalid(`Invalid 'dimensions': expected an integer from 1 to ${maxDimensions}.`, 'dimensions');
  }
  const format = body['encoding_format'];
  if (format !== undefined && format !== 'float' && format !== 'base64') {
    return invalid("Invalid 'encoding_format': expected 'float' or 'base64'.", 'encoding_format');
  }
  return { kind: 'json', status: 200, body: mockEmbeddings(body as EmbeddingRequest) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function model(id: string): ModelObject {
  return { id, object: 'model', created: mockCreatedS, owned_by: 'system' };
}

function post(call: MockOpenAICall, options: MockAnswerOptions): MockOpenAIAnswer | undefined {
  const route = call.route;
  if (route !== '/chat/completions' && route !== '/completions' && route !== '/embeddings') return undefined;
  const body = call.body;
  if (!isRecord(body)) return invalid('We could not parse the JSON body of your request. The body must be a JSON object.');
  if (typeof body['model'] !== 'string' || body['model'] === '') return invalid('you must provide a model parameter', 'model');
  if (route === '/chat/completions') return chat(body, options);
  return route === '/completions' ? completions(body, options) : embeddings(body);
}

export function answerOpenAICall(call: MockOpenAICall, options: MockAnswerOptions = {}): MockOpenAIAnswer {
  if (call.method === 'POST') {
    const answer = post(call, options);
    if (answer !== undefined) return answer;
  } else if (call.method === 'GET' && call.route === '/models') {
    return { kind: 'json', status: 200, body: { object: 'list', data: mockModelIds.map(model) } };
  } else if (call.method === 'GET' && call.route.startsWith('/models/')) {
    const id = safeDecode(call.route.slice('/models/'.length));
    if (mockModelIds.includes(id)) return { kind: 'json', status: 200, body: model(id) };
    const message = `The model '${id}' does not exist`;
    return { kind: 'json', status: 404, body: openAIErrorBody(message, { param: 'model', code: 'model_not_found' }) };
  }
  return { kind: 'json', status: 404, body: openAIErrorBody(`Invalid URL (${call.method} /v1${call.route})`) };
}
