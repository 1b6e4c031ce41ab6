// Validates the Responses `input` (a string or a list of items) into typed items. Owns which item
// and content types Gatehouse accepts; turning them into chat messages is `to-chat.ts`'s job.

import { invalid, isRecord, quoted, requireString } from './invalid-request.js';
import type { ImageDetail, InputContentPart, InputItem, MessageRole } from './types.js';

const roles = new Set<string>(['user', 'assistant', 'system', 'developer']);
const imageDetails = new Set<string>(['auto', 'low', 'high']);

function parseImage(part: Record<string, unknown>, param: string): InputContentPart {
  if (part['file_id'] !== undefined && part['file_id'] !== null) {
    throw invalid(`${param}.file_id`, 'Images by `file_id` need OpenAI file storage, which Gatehouse does not proxy: send `image_url` (a URL or a data: URL).');
  }
  const url = requireString(part['image_url'], `${param}.image_url`);
  const detail = part['detail'];
  if (detail === undefined || detail === null) return { type: 'input_image', image_url: url };
  if (typeof detail !== 'string' || !imageDetails.has(detail)) throw invalid(`${param}.detail`, '`detail` must be "auto", "low" or "high".');
  return { type: 'input_image', image_url: url, detail: detail as ImageDetail };
}

function parseFile(part: Record<string, unknown>, param: string): InputContentPart {
  if (typeof part['file_data'] !== 'string') {
    throw invalid(param, 'Only inline files (`file_data`) are supported: `file_id` needs OpenAI file storage and `file_url` is not fetched by Gatehouse.');
  }
  const filename = part['filename'];
  return typeof filename === 'string'
    ? { type: 'input_file', file_data: part['file_data'], filename }
    : { type: 'input_file', file_data: part['file_data'] };
}

function parsePart(part: unknown, param: string): InputContentPart {
  if (!isRecord(part)) throw invalid(param, `\`${param}\` must be an object.`);
  switch (part['type']) {
    case 'input_text':
      return { type: 'input_text', text: requireString(part['text'], `${param}.text`) };
    case 'output_text':
      return { type: 'output_text', text: requireString(part['text'], `${param}.text`) };
    case 'refusal':
      return { type: 'refusal', refusal: requireString(part['refusal'], `${param}.refusal`) };
    case 'input_image':
      return parseImage(part, param);
    case 'input_file':
      return parseFile(part, param);
    default:
      throw invalid(`${param}.type`, `Content type ${quoted(part['type'])} is not supported.`);
  }
}

export function parseContent(content: unknown, param: string): string | InputContentPart[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalid(param, `\`${param}\` must be a string or an array of content parts.`);
  return content.map((part, index) => parsePart(part, `${param}[${index}]`));
}

/** Chat Completions takes images and files in user messages only, and text alone in tool results. */
function checkTextOnly(content: string | InputContentPart[], param: string, where: string): void {
  if (typeof content === 'string') return;
  const index = content.findIndex((part) => part.type === 'input_image' || part.type === 'input_file');
  if (index >= 0) throw invalid(`${param}[${index}]`, `Images and files are only supported in user messages, not in ${where}.`);
}

function parseMessage(item: Record<string, unknown>, param: string): InputItem {
  const role = item['role'];
  if (typeof role !== 'string' || !roles.has(role)) throw invalid(`${param}.role`, '`role` must be one of: user, assistant, system, developer.');
  const content = parseContent(item['content'], `${param}.content`);
  if (role !== 'user') checkTextOnly(content, `${param}.content`, `${role} messages`);
  return { type: 'message', role: role as MessageRole, content };
}

function parseCallOutput(item: Record<string, unknown>, param: string): InputItem {
  const output = parseContent(item['output'], `${param}.output`);
  checkTextOnly(output, `${param}.output`, 'function call outputs');
  return { type: 'function_call_output', call_id: requireString(item['call_id'], `${param}.call_id`), output };
}

/** Undefined for items Gatehouse drops on purpose (see `reasoning` in the docs). */
function parseItem(item: unknown, param: string): InputItem | undefined {
  if (!isRecord(item)) throw invalid(param, `\`${param}\` must be an object.`);
  const type = item['type'] ?? 'message';
  switch (type) {
    case 'message':
      return parseMessage(item, param);
    case 'function_call':
      return {
        type: 'function_call',
        call_id: requireString(item['call_id'], `${param}.call_id`),
        name: requireString(item['name'], `${param}.name`),
        arguments: requireString(item['arguments'], `${param}.arguments`),
      };
    case 'function_call_output':
      return parseCallOutput(item, param);
    // Reasoning items are the provider's opaque (encrypted) chain of thought: no other model can
    // read them, and the canonical chat form has no place for them.
    case 'reasoning':
      return undefined;
    // The Vercel AI SDK sends references for earlier output unless told `store: false`.
    case 'item_reference':
      throw invalid(`${param}.type`, 'Gatehouse does not store responses, so an `item_reference` cannot be resolved: send the item itself (Vercel AI SDK: providerOptions.openai.store = false).');
    default:
      throw invalid(`${param}.type`, `Input items of type ${quoted(type)} are not supported: Gatehouse accepts message, function_call, function_call_output and reasoning items (built-in tools are not available).`);
  }
}

export function parseInput(input: unknown): InputItem[] {
  if (input === undefined || input === null) throw invalid('input', 'Missing required parameter: `input`.');
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  if (!Array.isArray(input)) throw invalid('input', '`input` must be a string or an array of items.');
  const items: InputItem[] = [];
  input.forEach((item, index) => {
    const parsed = parseItem(item, `input[${index}]`);
    if (parsed !== undefined) items.push(parsed);
  });
  if (items.length === 0) throw invalid('input', '`input` must contain at least one message or function call item.');
  return items;
}
