// Gemini's function calls carry no id, OpenAI's tool calls need one. Ids are derived from the
// answer and the call (no randomness, no clock), so the same answer always gets the same ids.

import { createHash } from 'node:crypto';
import type { GeminiFunctionCall } from './gemini-types.js';

export interface ToolCallSeed {
  /** The answer's `responseId`, or another stable text of it. */
  readonly answer: string;
  readonly candidate: number;
  readonly index: number;
}

/**
 * Gemini 3 models sign their function calls and refuse a follow-up turn without the signature, which
 * OpenAI clients have no field for: it rides in the tool call id, with LiteLLM's separator.
 * https://ai.google.dev/gemini-api/docs/thought-signatures
 */
const signatureSeparator = '__thought__';

export function toolCallIdOf(call: GeminiFunctionCall, seed: ToolCallSeed, thoughtSignature?: string): string {
  const id = baseIdOf(call, seed);
  return thoughtSignature === undefined || thoughtSignature === '' ? id : `${id}${signatureSeparator}${thoughtSignature}`;
}

/** The signature a tool call id carries, if any. */
export function thoughtSignatureOf(toolCallId: string): string | undefined {
  const at = toolCallId.indexOf(signatureSeparator);
  return at === -1 ? undefined : toolCallId.slice(at + signatureSeparator.length);
}

function baseIdOf(call: GeminiFunctionCall, seed: ToolCallSeed): string {
  if (typeof call.id === 'string' && call.id !== '') return call.id;
  const hash = createHash('sha256')
    .update(`${seed.answer}\n${seed.candidate}\n${seed.index}\n${call.name}\n${JSON.stringify(call.args ?? {})}`)
    .digest('hex')
    .slice(0, 20);
  return `call_${seed.index}_${hash}`;
}
