// `/v1/messages/count_tokens`: its request validation and a deterministic estimate of the input
// tokens (about 4 characters per token; images and binary documents a fixed cost). It is an estimate
// made without calling any provider, not a tokenizer's exact count.

import type { AnthropicCountTokensRequest, AnthropicMessageParam, AnthropicTool } from './types.js';
import { isRecord } from './invalid-param.js';
import { checkPromptFields, requireBody } from './parse-request.js';

const charsPerToken = 4;
/** Anthropic's cap for an image is about 1,600 tokens (images above ~1.15 megapixels are scaled down). */
const imageTokens = 1600;
/** A binary (PDF) document: its page count is unknown without decoding it, so one image's worth. */
const binaryDocumentTokens = 1600;
/** Role markers and separators per message. */
const messageOverheadTokens = 3;
/** The system prompt Anthropic adds when tools are present: https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/overview#pricing */
const toolUseSystemPromptTokens = 346;

export function parseCountTokensRequest(input: unknown): AnthropicCountTokensRequest {
  const body = requireBody(input);
  checkPromptFields(body);
  return body as unknown as AnthropicCountTokensRequest;
}

interface Tally {
  chars: number;
  tokens: number;
}

function tallyBlock(block: unknown, tally: Tally): void {
  if (!isRecord(block)) return;
  const source = isRecord(block['source']) ? block['source'] : {};
  switch (block['type']) {
    case 'text': tally.chars += String(block['text']).length; return;
    case 'image': tally.tokens += imageTokens; return;
    case 'document':
      if (source['type'] === 'text') tally.chars += String(source['data']).length;
      else if (source['type'] === 'content' && typeof source['content'] === 'string') tally.chars += source['content'].length;
      else if (source['type'] === 'content' && Array.isArray(source['content'])) source['content'].forEach((item: unknown) => tallyBlock(item, tally));
      else tally.tokens += binaryDocumentTokens;
      return;
    case 'tool_use': tally.chars += String(block['name']).length + JSON.stringify(block['input'] ?? {}).length; return;
    case 'tool_result': {
      const content = block['content'];
      if (typeof content === 'string') tally.chars += content.length;
      else if (Array.isArray(content)) content.forEach((item: unknown) => tallyBlock(item, tally));
      return;
    }
    case 'thinking': tally.chars += String(block['thinking']).length; return;
    default: tally.chars += JSON.stringify(block).length;
  }
}

function tallyMessages(messages: readonly AnthropicMessageParam[], tally: Tally): void {
  for (const message of messages) {
    tally.tokens += messageOverheadTokens;
    if (typeof message.content === 'string') tally.chars += message.content.length;
    else message.content.forEach((block) => tallyBlock(block, tally));
  }
}

function tallyTools(tools: readonly AnthropicTool[], tally: Tally): void {
  if (tools.length === 0) return;
  tally.tokens += toolUseSystemPromptTokens;
  for (const tool of tools) tally.chars += JSON.stringify(tool).length;
}

/** The estimated input tokens of a count_tokens body (or of a messages body: the same fields count). */
export function countTokens(request: AnthropicCountTokensRequest): number {
  const tally: Tally = { chars: 0, tokens: 0 };
  const system = request.system;
  if (typeof system === 'string') tally.chars += system.length;
  else if (Array.isArray(system)) system.forEach((block) => tallyBlock(block, tally));
  tallyMessages(request.messages, tally);
  tallyTools(request.tools ?? [], tally);
  return tally.tokens + Math.ceil(tally.chars / charsPerToken);
}
