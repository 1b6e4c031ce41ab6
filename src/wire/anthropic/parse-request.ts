// Validates a `/v1/messages` body as Anthropic's API does, failing with a 400 that names the field
// (`max_tokens`, `messages.1.content.0.source`). Unknown top-level fields pass here, for native
// upstreams; `to-chat.ts` refuses those it cannot translate. https://docs.anthropic.com/en/api/messages

import type { AnthropicMessagesRequest, AnthropicTextBlock } from './types.js';
import { checkOptionalBoolean, invalidParam, requireRecord } from './invalid-param.js';
import { checkContentBlock, parseMessages } from './parse-content.js';
import { parseThinking, parseToolChoice, parseTools } from './parse-tools.js';

export function requireBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidParam('body', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

function requireModel(body: Record<string, unknown>): string {
  const model = body['model'];
  if (model === undefined) throw invalidParam('model', 'Field required.');
  if (typeof model !== 'string' || model === '') throw invalidParam('model', 'Input should be a non-empty string.');
  return model;
}

function parseSystem(value: unknown): string | AnthropicTextBlock[] | undefined {
  if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
  if (!Array.isArray(value)) throw invalidParam('system', 'Input should be a string or a list of text blocks.');
  value.forEach((item: unknown, i) => {
    const block = requireRecord(item, `system.${i}`);
    if (block['type'] !== 'text') throw invalidParam(`system.${i}.type`, "Input should be 'text'.");
    checkContentBlock(block, `system.${i}`);
  });
  return value as AnthropicTextBlock[];
}

function checkMaxTokens(value: unknown): void {
  if (value === undefined) throw invalidParam('max_tokens', 'Field required.');
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidParam('max_tokens', 'Input should be an integer.');
  if (value < 1) throw invalidParam('max_tokens', 'Input should be greater than or equal to 1.');
}

function checkNumber(body: Record<string, unknown>, key: string, range: { min: number; max: number; integer?: true }): void {
  const value = body[key];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || (range.integer === true && !Number.isInteger(value))) {
    throw invalidParam(key, range.integer === true ? 'Input should be an integer.' : 'Input should be a number.');
  }
  if (value < range.min || value > range.max) {
    throw invalidParam(key, range.max === Infinity ? `Input should be greater than or equal to ${range.min}.` : `Input should be between ${range.min} and ${range.max}.`);
  }
}

function checkStopSequences(value: unknown): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw invalidParam('stop_sequences', 'Input should be a list of strings.');
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string') throw invalidParam(`stop_sequences.${i}`, 'Input should be a string.');
  });
}

function checkMetadata(value: unknown): void {
  if (value === undefined || value === null) return;
  const metadata = requireRecord(value, 'metadata');
  const userId = metadata['user_id'];
  if (userId !== undefined && userId !== null && typeof userId !== 'string') {
    throw invalidParam('metadata.user_id', 'Input should be a string.');
  }
}

/** The fields a messages body shares with a count_tokens body: what the model reads. */
export function checkPromptFields(body: Record<string, unknown>): void {
  requireModel(body);
  parseMessages(body['messages']);
  parseSystem(body['system']);
  parseTools(body['tools']);
  parseToolChoice(body['tool_choice']);
  parseThinking(body['thinking']);
}

export function parseMessagesRequest(input: unknown): AnthropicMessagesRequest {
  const body = requireBody(input);
  checkPromptFields(body);
  checkMaxTokens(body['max_tokens']);
  checkMetadata(body['metadata']);
  checkStopSequences(body['stop_sequences']);
  checkOptionalBoolean(body, 'stream', '');
  checkNumber(body, 'temperature', { min: 0, max: 1 });
  checkNumber(body, 'top_p', { min: 0, max: 1 });
  checkNumber(body, 'top_k', { min: 0, max: Infinity, integer: true });
  return body as AnthropicMessagesRequest;
}
