// Anthropic `system` and `messages` -> canonical chat messages: content parts, assistant tool calls,
// `tool` messages and LiteLLM's `thinking_blocks`. Refuses blocks without a canonical form by name.
// `cache_control` is dropped: OpenAI-dialect upstreams refuse it and cache prefixes on their own.

import type { ChatContentPart, ChatMessage, ChatToolCall } from '../openai/types.js';
import type { AnthropicMessageParam, AnthropicRequestBlock, AnthropicTextBlock, AnthropicToolResultBlock } from './types.js';
import { invalidParam } from './invalid-param.js';
import { untranslatable } from './untranslatable.js';

type Block = Record<string, unknown> & { type: string };

function imagePart(block: Block, param: string): ChatContentPart {
  const source = block['source'] as Record<string, unknown>;
  if (source['type'] === 'base64') {
    return { type: 'image_url', image_url: { url: `data:${String(source['media_type'])};base64,${String(source['data'])}` } };
  }
  if (source['type'] === 'url') return { type: 'image_url', image_url: { url: String(source['url']) } };
  throw untranslatable(`${param}.source`, `an image with a '${String(source['type'])}' source (Files API)`);
}

/** Text of a `content` source: a string, or text blocks (images in it have no place in a document's text). */
function contentSourceText(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  return (content as Block[]).map((block, i) => {
    if (block['type'] !== 'text') throw untranslatable(`${param}.${i}`, 'an image inside a document');
    return String(block['text']);
  }).join('\n');
}

/** Documents with text sources become text (titled when a title is given); binary ones are refused. */
function documentText(block: Block, param: string): string {
  const source = block['source'] as Record<string, unknown>;
  let text: string;
  if (source['type'] === 'text') text = String(source['data']);
  else if (source['type'] === 'content') text = contentSourceText(source['content'], `${param}.source.content`);
  else throw untranslatable(`${param}.source`, `a document with a '${String(source['type'])}' source`);
  const title = block['title'];
  const context = block['context'];
  const heading = [typeof title === 'string' ? title : undefined, typeof context === 'string' ? context : undefined];
  return [...heading.filter((line) => line !== undefined), text].join('\n\n');
}

function userPart(block: Block, param: string): ChatContentPart {
  if (block.type === 'text') return { type: 'text', text: String(block['text']) };
  if (block.type === 'image') return imagePart(block, param);
  if (block.type === 'document') return { type: 'text', text: documentText(block, param) };
  if (block.type === 'tool_use' || block.type === 'thinking' || block.type === 'redacted_thinking') {
    throw invalidParam(`${param}.type`, `'${block.type}' blocks are only allowed in assistant messages.`);
  }
  throw untranslatable(param, `a '${block.type}' block`);
}

/**
 * A tool result becomes a `tool` message of text; `is_error` is stated in the text since the canonical
 * form has no flag for it. Images in a result cannot be in a `tool` message, so they move to the user
 * message that follows the results.
 */
function toolResult(block: AnthropicToolResultBlock, param: string, images: ChatContentPart[]): ChatMessage {
  const texts: string[] = [];
  const content = block.content;
  if (typeof content === 'string') texts.push(content);
  else if (content !== undefined) {
    (content as unknown as Block[]).forEach((item, i) => {
      const part = userPart(item, `${param}.content.${i}`);
      if (part.type === 'text') texts.push(String(part['text']));
      else images.push(part);
    });
  }
  const text = texts.join('\n');
  const body = block.is_error === true ? (text === '' ? 'Error' : `Error: ${text}`) : text;
  return { role: 'tool', tool_call_id: block.tool_use_id, content: body };
}

function userMessages(blocks: readonly AnthropicRequestBlock[], param: string): ChatMessage[] {
  const results: ChatMessage[] = [];
  const parts: ChatContentPart[] = [];
  blocks.forEach((block, i) => {
    if (block.type === 'tool_result') results.push(toolResult(block, `${param}.${i}`, parts));
    else parts.push(userPart(block as unknown as Block, `${param}.${i}`));
  });
  // Tool messages must directly follow the assistant's tool calls in the canonical form.
  return parts.length === 0 ? results : [...results, { role: 'user', content: parts }];
}

function assistantMessage(blocks: readonly AnthropicRequestBlock[], param: string): ChatMessage {
  const texts: string[] = [];
  const toolCalls: ChatToolCall[] = [];
  const thinking: Record<string, unknown>[] = [];
  blocks.forEach((block, i) => {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use') {
      toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } });
    } else if (block.type === 'thinking') thinking.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    else if (block.type === 'redacted_thinking') thinking.push({ type: 'redacted_thinking', data: block.data });
    else if (block.type === 'tool_result') throw invalidParam(`${param}.${i}.type`, "'tool_result' blocks are only allowed in user messages.");
    else throw untranslatable(`${param}.${i}`, `a '${block.type}' block in an assistant message`);
  });
  // Text blocks of one answer are consecutive pieces of one text (split at citations), so they join with nothing.
  const message: ChatMessage = { role: 'assistant', content: texts.length === 0 && toolCalls.length > 0 ? null : texts.join('') };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (thinking.length > 0) message['thinking_blocks'] = thinking;
  return message;
}

export function systemMessage(system: string | readonly AnthropicTextBlock[] | undefined): ChatMessage[] {
  if (system === undefined || system.length === 0) return [];
  if (typeof system === 'string') return [{ role: 'system', content: system }];
  return [{ role: 'system', content: system.map((block) => ({ type: 'text', text: block.text })) }];
}

export function toChatMessages(messages: readonly AnthropicMessageParam[]): ChatMessage[] {
  return messages.flatMap((message, i): ChatMessage[] => {
    if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
    const param = `messages.${i}.content`;
    return message.role === 'user' ? userMessages(message.content, param) : [assistantMessage(message.content, param)];
  });
}
