// Turns the content parts of a canonical message (text, images, audio, files) into Gemini parts:
// data: URLs become `inlineData`, http(s) and gs:// URLs `fileData` with a MIME type. Fetching a
// URL to inline it is I/O and so not done here. https://ai.google.dev/api/caching#Part

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatContentPart, ChatMessage } from '../../wire/openai/types.js';
import type { GeminiPart } from './gemini-types.js';
import { isRecord } from './is-record.js';

const dataUrl = /^data:([^;,]+)(?:;[^;,]+)*;base64,(.*)$/s;
const remoteUrl = /^(?:https?|gs):\/\//i;

/** By file extension; Gemini needs a MIME type on every `fileData`. */
const mimeByExtension: Readonly<Record<string, string>> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  heic: 'image/heic', heif: 'image/heif', pdf: 'application/pdf', txt: 'text/plain',
  mp3: 'audio/mp3', wav: 'audio/wav', ogg: 'audio/ogg', flac: 'audio/flac', aac: 'audio/aac',
  mp4: 'video/mp4', mov: 'video/mov', webm: 'video/webm', mpeg: 'video/mpeg',
};

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_request', { param: 'messages', message });
}

function mimeOfUrl(url: string, fallback: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension === undefined ? undefined : mimeByExtension[extension]) ?? fallback;
}

/** A URL as a Gemini part; `fallbackMime` is used when neither the URL nor the client names one. */
export function partOfUrl(url: string, fallbackMime: string, mimeType?: string): GeminiPart {
  const inline = dataUrl.exec(url);
  if (inline !== null) return { inlineData: { mimeType: inline[1] ?? fallbackMime, data: inline[2] ?? '' } };
  if (remoteUrl.test(url)) return { fileData: { mimeType: mimeType ?? mimeOfUrl(url, fallbackMime), fileUri: url } };
  throw invalid('An image or file URL must be a data: URL (base64), an http(s):// URL or a gs:// URI.');
}

function fileOf(part: Record<string, unknown>): GeminiPart {
  const file = isRecord(part['file']) ? part['file'] : {};
  const format = typeof file['format'] === 'string' ? file['format'] : undefined;
  if (typeof file['file_data'] === 'string') return partOfUrl(file['file_data'], format ?? 'application/pdf', format);
  if (typeof file['file_id'] === 'string') return partOfUrl(file['file_id'], format ?? 'application/pdf', format);
  throw invalid('A file part needs file.file_data (a data: URL) or file.file_id (a URI).');
}

function partOf(part: ChatContentPart): GeminiPart {
  const record = part as Record<string, unknown>;
  switch (part.type) {
    case 'text':
      return { text: typeof record['text'] === 'string' ? record['text'] : '' };
    case 'refusal':
      return { text: typeof record['refusal'] === 'string' ? record['refusal'] : '' };
    case 'image_url': {
      const image = record['image_url'];
      const url = typeof image === 'string' ? image : isRecord(image) ? image['url'] : undefined;
      if (typeof url !== 'string') throw invalid('An image_url part needs image_url.url.');
      const format = isRecord(image) && typeof image['format'] === 'string' ? image['format'] : undefined;
      return partOfUrl(url, 'image/jpeg', format);
    }
    case 'input_audio': {
      const audio = isRecord(record['input_audio']) ? record['input_audio'] : {};
      const format = typeof audio['format'] === 'string' ? audio['format'] : 'wav';
      return { inlineData: { mimeType: `audio/${format}`, data: typeof audio['data'] === 'string' ? audio['data'] : '' } };
    }
    case 'file':
      return fileOf(record);
    default:
      throw invalid(`Content parts of type '${part.type}' cannot be sent to Gemini.`);
  }
}

/** A message's content as Gemini parts; empty for null or empty content. */
export function partsOfContent(content: ChatMessage['content']): GeminiPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.map(partOf);
}

/** Only the text of a content (system and tool messages), parts joined. */
export function textOfContent(content: ChatMessage['content']): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' && typeof part['text'] === 'string' ? part['text'] : '')).join('');
}
