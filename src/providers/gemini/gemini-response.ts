// Turns a Gemini `GenerateContentResponse` into a canonical chat completion. A prompt blocked by
// Google's filters (no candidates, `promptFeedback.blockReason`) becomes an empty answer finishing
// with `content_filter`, as LiteLLM returns it. https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse

import { createHash } from 'node:crypto';
import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletion, ChatCompletionChoice } from '../../wire/openai/types.js';
import type { ResolvedDeployment } from '../types.js';
import { answerKeyOf, readCandidateParts } from './gemini-candidate.js';
import { toFinishReason } from './gemini-finish-reason.js';
import type { GeminiCandidate, GeminiGenerateContentResponse } from './gemini-types.js';
import { toOpenAIUsage } from './gemini-usage.js';
import { isRecord } from './is-record.js';

/** The parts of a completion that do not depend on its choices. */
export interface CompletionHead {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

/**
 * Gemini sends no creation time (Vertex AI sends `createTime`); without one `created` is 0 rather
 * than a clock reading, which adapters may not take.
 */
export function headOf(body: GeminiGenerateContentResponse, deployment: ResolvedDeployment, answerKey: string): CompletionHead {
  const createdMs = typeof body.createTime === 'string' ? Date.parse(body.createTime) : Number.NaN;
  const id = typeof body.responseId === 'string' ? body.responseId : createHash('sha256').update(answerKey).digest('hex').slice(0, 24);
  return {
    id: `chatcmpl-${id}`,
    created: Number.isNaN(createdMs) ? 0 : Math.floor(createdMs / 1000),
    model: typeof body.modelVersion === 'string' ? body.modelVersion : deployment.model,
  };
}

function choiceOf(candidate: GeminiCandidate, position: number, answerKey: string): ChatCompletionChoice {
  const index = typeof candidate.index === 'number' ? candidate.index : position;
  const { text, reasoning, toolCalls } = readCandidateParts(candidate.content?.parts, { answer: answerKey, candidate: index, index: 0 });
  const message: ChatCompletionChoice['message'] = { role: 'assistant', content: text === '' ? null : text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '') message['reasoning_content'] = reasoning;
  return { index, message, finish_reason: toFinishReason(candidate.finishReason, toolCalls.length > 0) ?? 'stop' };
}

export function isBlockedPrompt(body: GeminiGenerateContentResponse): boolean {
  return (body.candidates === undefined || body.candidates.length === 0) && typeof body.promptFeedback?.blockReason === 'string';
}

export function parseGeminiResponse(raw: unknown, deployment: ResolvedDeployment): ChatCompletion {
  if (!isRecord(raw)) throw new GatewayError('upstream_malformed', { detail: 'The Gemini answer is not a JSON object.' });
  const body = raw as GeminiGenerateContentResponse;
  const answerKey = answerKeyOf(raw);
  let choices: ChatCompletionChoice[];
  if (isBlockedPrompt(body)) {
    choices = [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' }];
  } else if (Array.isArray(body.candidates) && body.candidates.length > 0) {
    choices = body.candidates.map((candidate, position) => choiceOf(candidate, position, answerKey));
  } else {
    throw new GatewayError('upstream_malformed', { detail: 'The Gemini answer has neither candidates nor a block reason.' });
  }
  const completion: ChatCompletion = { ...headOf(body, deployment, answerKey), object: 'chat.completion', choices };
  if (isRecord(body.usageMetadata)) completion.usage = toOpenAIUsage(body.usageMetadata);
  return completion;
}
