// Validation of OpenAI-dialect request bodies at the edge: shape checks that produce a clear 400
// naming the parameter. Deliberately shallow: unknown fields pass through to same-dialect upstreams.

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletionRequest, CompletionRequest, EmbeddingRequest } from './types.js';

const chatRoles = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', { param, message });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw invalid('body', 'The request body must be a JSON object.');
  return body;
}

function requireModel(body: Record<string, unknown>): string {
  const model = body['model'];
  if (model === undefined) throw invalid('model', 'Missing required parameter: `model`.');
  if (typeof model !== 'string' || model.length === 0) throw invalid('model', '`model` must be a non-empty string.');
  return model;
}

function checkStreamFlags(body: Record<string, unknown>): void {
  const stream = body['stream'];
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    throw invalid('stream', '`stream` must be a boolean.');
  }
  const options = body['stream_options'];
  if (options !== undefined && options !== null) {
    if (!isRecord(options)) throw invalid('stream_options', '`stream_options` must be an object.');
    if (stream !== true) throw invalid('stream_options', '`stream_options` is only allowed when `stream` is true.');
    const include = options['include_usage'];
    if (include !== undefined && typeof include !== 'boolean') {
      throw invalid('stream_options.include_usage', '`stream_options.include_usage` must be a boolean.');
    }
  }
}

function checkMessages(messages: unknown): void {
  if (messages === undefined) throw invalid('messages', 'Missing required parameter: `messages`.');
  if (!Array.isArray(messages)) throw invalid('messages', '`messages` must be an array.');
  if (messages.length === 0) throw invalid('messages', '`messages` must contain at least one message.');
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    if (!isRecord(message)) throw invalid(`messages[${i}]`, `messages[${i}] must be an object.`);
    const role = message['role'];
    if (typeof role !== 'string' || !chatRoles.has(role)) {
      throw invalid(`messages[${i}].role`, `messages[${i}].role must be one of: ${[...chatRoles].join(', ')}.`);
    }
    const content = message['content'];
    if (content !== undefined && content !== null && typeof content !== 'string' && !Array.isArray(content)) {
      throw invalid(`messages[${i}].content`, `messages[${i}].content must be a string or an array of content parts.`);
    }
  }
}

function checkTools(tools: unknown): void {
  if (tools === undefined || tools === null) return;
  if (!Array.isArray(tools)) throw invalid('tools', '`tools` must be an array.');
  for (let i = 0; i < tools.length; i++) {
    const tool: unknown = tools[i];
    const fn = isRecord(tool) ? tool['function'] : undefined;
    if (!isRecord(tool) || !isRecord(fn) || typeof fn['name'] !== 'string' || fn['name'].length === 0) {
      throw invalid(`tools[${i}]`, `tools[${i}] must be {"type":"function","function":{"name":...}}.`);
    }
  }
}

export function parseChatRequest(body: unknown): ChatCompletionRequest {
  const record = requireBody(body);
  requireModel(record);
  checkMessages(record['messages']);
  checkStreamFlags(record);
  checkTools(record['tools']);
  return record as ChatCompletionRequest;
}

export function parseCompletionRequest(body: unknown): CompletionRequest {
  const record = requireBody(body);
  requireModel(record);
  const prompt = record['prompt'];
  if (prompt === undefined) throw invalid('prompt', 'Missing required parameter: `prompt`.');
  if (typeof prompt !== 'string' && !Array.isArray(prompt)) {
    throw invalid('prompt', '`prompt` must be a string or an array.');
  }
  checkStreamFlags(record);
  return record as CompletionRequest;
}

export function parseEmbeddingRequest(body: unknown): EmbeddingRequest {
  const record = requireBody(body);
  requireModel(record);
  const input = record['input'];
  if (input === undefined) throw invalid('input', 'Missing required parameter: `input`.');
  const valid = typeof input === 'string' || (Array.isArray(input) && input.length > 0);
  if (!valid) throw invalid('input', '`input` must be a non-empty string or array.');
  if (record['stream'] === true) throw invalid('stream', 'Embeddings cannot be streamed.');
  const format = record['encoding_format'];
  if (format !== undefined && format !== 'float' && format !== 'base64') {
    throw invalid('encoding_format', '`encoding_format` must be "float" or "base64".');
  }
  return record as EmbeddingRequest;
}
