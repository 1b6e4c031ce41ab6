// Maps Gemini's `finishReason` to OpenAI's. A candidate that called functions finishes with
// `tool_calls`, as OpenAI clients loop on it. https://ai.google.dev/api/generate-content#FinishReason

import type { FinishReason } from '../../wire/openai/types.js';

const filtered = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

export function toFinishReason(reason: string | undefined, calledTools: boolean): FinishReason | null {
  if (reason === undefined || reason === 'FINISH_REASON_UNSPECIFIED') return null;
  if (filtered.has(reason)) return 'content_filter';
  if (reason === 'MAX_TOKENS') return 'length';
  return calledTools ? 'tool_calls' : 'stop';
}
