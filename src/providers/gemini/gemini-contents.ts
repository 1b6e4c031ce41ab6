// Turns chat messages into Gemini `contents` and `systemInstruction`: roles user/model, tool calls
// as `functionCall` parts, tool results as `functionResponse` parts named after their call; adjacent
// turns of one role are merged (parallel results share a turn). ai.google.dev/gemini-api/docs/function-calling

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatMessage, ChatToolCall } from '../../wire/openai/types.js';
import { partsOfContent, textOfContent } from './gemini-parts.js';
import { thoughtSignatureOf } from './gemini-tool-call-id.js';
import type { GeminiContent, GeminiPart } from './gemini-types.js';
import { isRecord } from './is-record.js';

export interface GeminiConversation {
  readonly contents: GeminiContent[];
  readonly systemInstruction: GeminiContent | undefined;
}

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_request', { param: 'messages', message });
}

function argsOf(call: ChatToolCall): Record<string, unknown> {
  const text = call.function.arguments;
  if (text === '' || text === undefined) return {};
  let args: unknown;
  try {
    args = JSON.parse(text);
  } catch {
    throw invalid(`The arguments of tool call '${call.id}' are not valid JSON.`);
  }
  if (!isRecord(args)) throw invalid(`The arguments of tool call '${call.id}' must be a JSON object.`);
  return args;
}

/**
 * Gemini wants an object: a JSON object result is sent as it is, anything else under `output`.
 * https://ai.google.dev/api/caching#FunctionResponse
 */
function responseOf(content: ChatMessage['content']): Record<string, unknown> {
  const text = textOfContent(content);
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) return parsed;
  } catch {
    // Plain text results are the common case.
  }
  return { output: text };
}

function toolNames(messages: readonly ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
  }
  return names;
}

function assistantParts(message: ChatMessage): GeminiPart[] {
  const parts = partsOfContent(message.content);
  for (const call of message.tool_calls ?? []) {
    const signature = thoughtSignatureOf(call.id);
    parts.push({ functionCall: { name: call.function.name, args: argsOf(call) }, ...(signature === undefined ? {} : { thoughtSignature: signature }) });
  }
  return parts;
}

function turnOf(message: ChatMessage, names: ReadonlyMap<string, string>): GeminiContent | undefined {
  switch (message.role) {
    case 'user':
      return { role: 'user', parts: partsOfContent(message.content) };
    case 'assistant':
      return { role: 'model', parts: assistantParts(message) };
    case 'tool': {
      const id = message.tool_call_id ?? '';
      const name = names.get(id);
      if (name === undefined) throw invalid(`The tool message answers '${id}', which no assistant message called.`);
      return { role: 'user', parts: [{ functionResponse: { name, response: responseOf(message.content) } }] };
    }
    case 'function':
      return { role: 'user', parts: [{ functionResponse: { name: message.name ?? '', response: responseOf(message.content) } }] };
    default:
      return undefined;
  }
}

export function toGeminiConversation(messages: readonly ChatMessage[]): GeminiConversation {
  const names = toolNames(messages);
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') {
      const text = textOfContent(message.content);
      if (text !== '') system.push({ text });
      continue;
    }
    const turn = turnOf(message, names);
    if (turn === undefined || turn.parts.length === 0) continue;
    const last = contents[contents.length - 1];
    if (last !== undefined && last.role === turn.role) last.parts.push(...turn.parts);
    else contents.push(turn);
  }
  if (contents.length === 0) throw invalid('Gemini needs at least one user or assistant message with content.');
  return { contents, systemInstruction: system.length === 0 ? undefined : { parts: system } };
}
