// Turns the content of one canonical (OpenAI chat) message into Anthropic content blocks: text and
// image parts, with `cache_control` kept. Roles, turns and tool calls are `chat-messages.ts`'s concern.
// https://docs.anthropic.com/en/api/messages (content blocks), https://docs.anthropic.com/en/docs/build-with-claude/vision

import { GatewayError } from '../../errors/gateway-error.js';
import type {
  AnthropicCacheControl,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicImageSource,
  AnthropicTextBlock,
} from '../../wire/anthropic/types.js';

export type ContentBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock;

const dataUrl = /^data:([^;,]+);base64,(.*)$/s;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function invalidContent(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', { param, message });
}

/** `cache_control` as the client gave it on a part or a message, when it has the documented shape. */
export function cacheControlOf(source: Record<string, unknown>): { cache_control: AnthropicCacheControl } | Record<string, never> {
  const value = source['cache_control'];
  return isRecord(value) && value['type'] === 'ephemeral' ? { cache_control: value as unknown as AnthropicCacheControl } : {};
}

function imageSource(url: string, param: string): AnthropicImageSource {
  const data = dataUrl.exec(url);
  if (data !== null) return { type: 'base64', media_type: data[1] ?? '', data: data[2] ?? '' };
  if (/^https?:\/\//i.test(url)) return { type: 'url', url };
  throw invalidContent(param, `${param}: an image must be a data: URL (base64) or an http(s) URL.`);
}

function blockOfPart(part: unknown, param: string): ContentBlock | undefined {
  if (!isRecord(part)) throw invalidContent(param, `${param} must be an object.`);
  if (part['type'] === 'text') {
    const text = part['text'];
    if (typeof text !== 'string') throw invalidContent(param, `${param}.text must be a string.`);
    // Anthropic refuses empty text blocks; an empty part says nothing anyway.
    return text === '' ? undefined : { type: 'text', text, ...cacheControlOf(part) };
  }
  if (part['type'] === 'image_url') {
    const image = part['image_url'];
    const url = isRecord(image) ? image['url'] : image;
    if (typeof url !== 'string') throw invalidContent(param, `${param}.image_url.url must be a string.`);
    return { type: 'image', source: imageSource(url, param), ...cacheControlOf(part) };
  }
  if (part['type'] === 'file') return documentOf(part, param);
  const type = typeof part['type'] === 'string' ? part['type'] : 'unknown';
  throw new GatewayError('unsupported_parameter', { param, message: `${param}: content parts of type '${type}' are not supported by anthropic.` });
}

/** An inline PDF (`file.file_data` as a data: URL) as a document block; uploaded file ids have no Anthropic meaning. */
function documentOf(part: Record<string, unknown>, param: string): AnthropicDocumentBlock {
  // https://docs.anthropic.com/en/docs/build-with-claude/pdf-support
  const file = part['file'];
  const data = isRecord(file) && typeof file['file_data'] === 'string' ? dataUrl.exec(file['file_data']) : null;
  if (data === null || data[1] !== 'application/pdf') {
    const message = `${param}: anthropic takes files only as file.file_data, a data:application/pdf;base64 URL.`;
    throw new GatewayError('unsupported_parameter', { param, message });
  }
  const filename = isRecord(file) ? file['filename'] : undefined;
  return {
    type: 'document',
    source: { type: 'base64', media_type: 'application/pdf', data: data[2] ?? '' },
    ...(typeof filename === 'string' ? { title: filename } : {}),
    ...cacheControlOf(part),
  };
}

/**
 * The blocks of a message's `content` (a string or parts). A message-level `cache_control` (LiteLLM's
 * convention) marks the last block, as Anthropic caches the prefix up to a marked block.
 */
export function contentBlocks(message: Record<string, unknown>, param: string): ContentBlock[] {
  const content = message['content'];
  let blocks: ContentBlock[];
  if (content === undefined || content === null) blocks = [];
  else if (typeof content === 'string') blocks = content === '' ? [] : [{ type: 'text', text: content }];
  else if (Array.isArray(content)) {
    blocks = content.flatMap((part: unknown, j) => blockOfPart(part, `${param}.content[${j}]`) ?? []);
  } else throw invalidContent(`${param}.content`, `${param}.content must be a string or an array of content parts.`);
  const marker = cacheControlOf(message);
  const last = blocks.at(-1);
  if (last !== undefined && 'cache_control' in marker) blocks[blocks.length - 1] = { ...last, ...marker };
  return blocks;
}

/** Text-only blocks (system prompts). */
export function textBlocks(message: Record<string, unknown>, param: string): AnthropicTextBlock[] {
  return contentBlocks(message, param).map((block, j) => {
    if (block.type !== 'text') throw invalidContent(`${param}.content[${j}]`, `${param} may only hold text.`);
    return block;
  });
}
