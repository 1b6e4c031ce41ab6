// Validates `messages` of a `/v1/messages` body: roles and content blocks with their required fields,
// named by path (`messages.1.content.0.source`). Whether a block can be translated is `to-chat.ts`'s call.
// https://docs.anthropic.com/en/api/messages (messages, content block types)

import type { AnthropicMessageParam } from './types.js';
import { checkOptionalBoolean, invalidParam, requireRecord, requireString } from './invalid-param.js';

/** Blocks Anthropic's servers produce or execute; checked for shape only and passed on to native upstreams. */
export const serverBlockTypes: ReadonlySet<string> = new Set([
  'search_result', 'server_tool_use', 'web_search_tool_result', 'web_fetch_tool_result', 'code_execution_tool_result',
  'bash_code_execution_tool_result', 'text_editor_code_execution_tool_result', 'tool_search_tool_result',
  'container_upload', 'mcp_tool_use', 'mcp_tool_result', 'tool_reference',
]);

const imageMediaTypes = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function checkText(block: Record<string, unknown>, param: string): void {
  const text = requireString(block, 'text', param);
  // Anthropic refuses empty text blocks ("text content blocks must be non-empty").
  if (text === '') throw invalidParam(`${param}.text`, 'Text content blocks must be non-empty.');
}

function checkImageSource(source: Record<string, unknown>, param: string): void {
  const type = source['type'];
  if (type === 'base64') {
    const mediaType = requireString(source, 'media_type', param);
    if (!imageMediaTypes.has(mediaType)) {
      throw invalidParam(`${param}.media_type`, `Input should be one of: ${[...imageMediaTypes].join(', ')}.`);
    }
    requireString(source, 'data', param);
  } else if (type === 'url') requireString(source, 'url', param);
  else if (type === 'file') requireString(source, 'file_id', param);
  else throw invalidParam(`${param}.type`, "Input should be 'base64', 'url' or 'file'.");
}

function checkDocumentSource(source: Record<string, unknown>, param: string): void {
  const type = source['type'];
  if (type === 'base64' || type === 'text') {
    requireString(source, 'media_type', param);
    requireString(source, 'data', param);
  } else if (type === 'url') requireString(source, 'url', param);
  else if (type === 'file') requireString(source, 'file_id', param);
  else if (type === 'content') {
    const content = source['content'];
    if (typeof content !== 'string') checkBlockList(content, `${param}.content`, checkSourceBlock);
  } else throw invalidParam(`${param}.type`, "Input should be 'base64', 'text', 'content', 'url' or 'file'.");
}

function checkSourceBlock(block: Record<string, unknown>, param: string): void {
  if (block['type'] === 'text') checkText(block, param);
  else if (block['type'] === 'image') checkImageSource(requireRecord(block['source'], `${param}.source`), `${param}.source`);
  else throw invalidParam(`${param}.type`, "Input should be 'text' or 'image'.");
}

function checkToolResultContent(block: Record<string, unknown>, param: string): void {
  if (block['type'] === 'text' || block['type'] === 'image') checkSourceBlock(block, param);
  else if (block['type'] === 'document') checkDocumentSource(requireRecord(block['source'], `${param}.source`), `${param}.source`);
  else if (typeof block['type'] !== 'string' || !serverBlockTypes.has(block['type'])) {
    throw invalidParam(`${param}.type`, "Input should be 'text', 'image', 'document', 'search_result' or 'tool_reference'.");
  }
}

function checkBlockList(value: unknown, param: string, check: (block: Record<string, unknown>, param: string) => void): void {
  if (!Array.isArray(value)) throw invalidParam(param, 'Input should be a string or a list of content blocks.');
  value.forEach((block: unknown, i) => check(requireRecord(block, `${param}.${i}`), `${param}.${i}`));
}

/** One block of `messages[].content`. */
export function checkContentBlock(block: Record<string, unknown>, param: string): void {
  const type = block['type'];
  switch (type) {
    case 'text': return checkText(block, param);
    case 'image': return checkImageSource(requireRecord(block['source'], `${param}.source`), `${param}.source`);
    case 'document': return checkDocumentSource(requireRecord(block['source'], `${param}.source`), `${param}.source`);
    case 'tool_use':
      requireString(block, 'id', param);
      requireString(block, 'name', param);
      requireRecord(block['input'], `${param}.input`);
      return;
    case 'tool_result': {
      requireString(block, 'tool_use_id', param);
      checkOptionalBoolean(block, 'is_error', param);
      const content = block['content'];
      if (content !== undefined && typeof content !== 'string') checkBlockList(content, `${param}.content`, checkToolResultContent);
      return;
    }
    case 'thinking':
      requireString(block, 'thinking', param);
      requireString(block, 'signature', param);
      return;
    case 'redacted_thinking':
      requireString(block, 'data', param);
      return;
    default:
      if (typeof type === 'string' && serverBlockTypes.has(type)) return;
      if (type === undefined) throw invalidParam(`${param}.type`, 'Field required.');
      throw invalidParam(`${param}.type`, `Unknown content block type ${JSON.stringify(type)}.`);
  }
}

export function parseMessages(value: unknown): AnthropicMessageParam[] {
  if (value === undefined) throw invalidParam('messages', 'Field required.');
  if (!Array.isArray(value)) throw invalidParam('messages', 'Input should be a list.');
  if (value.length === 0) throw invalidParam('messages', 'At least one message is required.');
  value.forEach((item: unknown, i) => {
    const message = requireRecord(item, `messages.${i}`);
    const role = message['role'];
    if (role === undefined) throw invalidParam(`messages.${i}.role`, 'Field required.');
    if (role !== 'user' && role !== 'assistant') throw invalidParam(`messages.${i}.role`, "Input should be 'user' or 'assistant'.");
    const content = message['content'];
    if (content === undefined) throw invalidParam(`messages.${i}.content`, 'Field required.');
    if (typeof content !== 'string') checkBlockList(content, `messages.${i}.content`, checkContentBlock);
    const prefill = role === 'assistant' && i === value.length - 1;
    if (!prefill && (content as string | unknown[]).length === 0) {
      throw invalidParam(`messages.${i}.content`, 'All messages must have non-empty content except for the optional final assistant message.');
    }
  });
  return value as AnthropicMessageParam[];
}
