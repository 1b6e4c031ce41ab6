// Canonical chat messages -> Converse `system` and `messages`: text and data-URL images, assistant
// tool calls as `toolUse`, tool results as user `toolResult` blocks. Converse wants strictly
// alternating roles, so consecutive messages of one role are merged. Tools and params live elsewhere.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatContentPart, ChatMessage } from '../../wire/openai/types.js';
import type { ConverseContentBlock, ConverseImageFormat, ConverseMessage } from './converse-types.js';

const imageFormats: Readonly<Record<string, ConverseImageFormat>> = {
  'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp',
};
const dataUrl = /^data:([^;,]+);base64,(.*)$/s;

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_request', { param: 'messages', message });
}

function imageBlock(url: string): ConverseContentBlock {
  const match = dataUrl.exec(url);
  if (match === null) {
    // Converse takes image bytes only; fetching a URL for the client is not the gateway's business.
    throw invalid('Bedrock needs images as data: URLs (data:image/png;base64,...); http(s) image URLs are not supported.');
  }
  const format = imageFormats[(match[1] ?? '').toLowerCase()];
  if (format === undefined) throw invalid(`Bedrock does not take images of type ${match[1] ?? ''}; use png, jpeg, gif or webp.`);
  return { image: { format, source: { bytes: match[2] ?? '' } } };
}

function partBlock(part: ChatContentPart): ConverseContentBlock {
  const fields = part as Record<string, unknown>;
  if (part.type === 'text' && typeof fields['text'] === 'string') return { text: fields['text'] };
  const image = fields['image_url'];
  if (part.type === 'image_url' && typeof image === 'object' && image !== null && typeof (image as { url?: unknown }).url === 'string') {
    return imageBlock((image as { url: string }).url);
  }
  throw invalid(`Bedrock does not take message content parts of type '${part.type}'.`);
}

/** Content as blocks; empty text is left out, since Converse refuses blank text blocks. */
function contentBlocks(content: ChatMessage['content']): ConverseContentBlock[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.map(partBlock).filter((block) => !('text' in block) || block.text !== '');
}

function textOf(content: ChatMessage['content']): string {
  return contentBlocks(content).map((block) => ('text' in block ? block.text : '')).join('');
}

function toolUseBlocks(message: ChatMessage): ConverseContentBlock[] {
  return (message.tool_calls ?? []).map((call) => {
    let input: unknown;
    try {
      input = call.function.arguments === '' ? {} : JSON.parse(call.function.arguments);
    } catch {
      throw invalid(`The arguments of tool call ${call.id} are not JSON; Bedrock needs them as an object.`);
    }
    return { toolUse: { toolUseId: call.id, name: call.function.name, input } };
  });
}

function toolResultBlock(message: ChatMessage): ConverseContentBlock {
  if (typeof message.tool_call_id !== 'string') throw invalid('A tool message needs tool_call_id.');
  const text = textOf(message.content);
  // Converse refuses an empty result content list; an empty string says "no output" instead.
  return { toolResult: { toolUseId: message.tool_call_id, content: [{ text }] } };
}

function push(messages: ConverseMessage[], role: ConverseMessage['role'], blocks: ConverseContentBlock[]): void {
  if (blocks.length === 0) return;
  const last = messages[messages.length - 1];
  if (last !== undefined && last.role === role) last.content.push(...blocks);
  else messages.push({ role, content: blocks });
}

export interface ConverseConversation {
  readonly system: { text: string }[];
  readonly messages: ConverseMessage[];
}

export function toConverseMessages(messages: readonly ChatMessage[]): ConverseConversation {
  const system: { text: string }[] = [];
  const out: ConverseMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = textOf(message.content);
        if (text !== '') system.push({ text });
        break;
      }
      case 'user':
        push(out, 'user', contentBlocks(message.content));
        break;
      case 'assistant':
        push(out, 'assistant', [...contentBlocks(message.content), ...toolUseBlocks(message)]);
        break;
      case 'tool':
        push(out, 'user', [toolResultBlock(message)]);
        break;
      default:
        throw invalid(`Bedrock does not take messages of role '${message.role}'; use tools and tool messages.`);
    }
  }
  if (out.length === 0) throw invalid('Bedrock needs at least one user message besides the system prompt.');
  return { system, messages: out };
}
