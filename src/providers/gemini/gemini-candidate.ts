// Reads one candidate's parts into what an OpenAI message holds: answer text, thought text
// (`reasoning_content`) and function calls as tool calls with derived ids. Shared by the
// response parser and the stream mapper.

import type { ChatToolCall } from '../../wire/openai/types.js';
import { toolCallIdOf } from './gemini-tool-call-id.js';
import type { ToolCallSeed } from './gemini-tool-call-id.js';
import type { GeminiPart } from './gemini-types.js';
import { isRecord } from './is-record.js';

export interface CandidateParts {
  readonly text: string;
  readonly reasoning: string;
  readonly toolCalls: ChatToolCall[];
}

/** `seed.index` is the index of the first function call here (streams number calls across chunks). */
export function readCandidateParts(parts: unknown, seed: ToolCallSeed): CandidateParts {
  let text = '';
  let reasoning = '';
  const toolCalls: ChatToolCall[] = [];
  for (const part of Array.isArray(parts) ? (parts as unknown[]) : []) {
    if (!isRecord(part)) continue;
    const { text: partText, thought, functionCall, thoughtSignature } = part as GeminiPart;
    if (typeof partText === 'string') {
      if (thought === true) reasoning += partText;
      else text += partText;
    }
    if (isRecord(functionCall) && typeof functionCall.name === 'string') {
      const id = toolCallIdOf(functionCall, { ...seed, index: seed.index + toolCalls.length }, thoughtSignature);
      toolCalls.push({ id, type: 'function', function: { name: functionCall.name, arguments: JSON.stringify(functionCall.args ?? {}) } });
    }
  }
  return { text, reasoning, toolCalls };
}

/** The answer's stable text for tool call ids and the completion id. */
export function answerKeyOf(body: Record<string, unknown>): string {
  return typeof body['responseId'] === 'string' ? body['responseId'] : JSON.stringify(body['candidates'] ?? null);
}
