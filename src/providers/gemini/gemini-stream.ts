// Maps a Gemini `streamGenerateContent?alt=sse` stream to canonical chunks: each event is a whole
// GenerateContentResponse, function calls arrive whole, the last event carries the finish reason;
// usage is sent once at the end as OpenAI's usage-only chunk. Gemini streams have no `[DONE]`.

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice, Usage } from '../../wire/openai/types.js';
import type { ResolvedDeployment, StreamEvent, StreamMapper } from '../types.js';
import { answerKeyOf, readCandidateParts } from './gemini-candidate.js';
import { classifyGeminiError } from './gemini-errors.js';
import { toFinishReason } from './gemini-finish-reason.js';
import { headOf, isBlockedPrompt } from './gemini-response.js';
import type { CompletionHead } from './gemini-response.js';
import type { GeminiCandidate, GeminiGenerateContentResponse } from './gemini-types.js';
import { toOpenAIUsage } from './gemini-usage.js';
import { isRecord } from './is-record.js';

interface CandidateState {
  started: boolean;
  toolCalls: number;
  finished: boolean;
}

function parseEvent(event: StreamEvent, deployment: ResolvedDeployment): GeminiGenerateContentResponse & Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(event.data);
  } catch {
    throw new GatewayError('upstream_malformed', { detail: 'A Gemini stream event is not JSON.' });
  }
  // Vertex AI may wrap an in-stream error in a one-element list, as it does its error bodies.
  const first: unknown = Array.isArray(body) ? body[0] : body;
  if (isRecord(first) && isRecord(first['error'])) {
    const code = first['error']['code'];
    const status = typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
    throw classifyGeminiError({ status, headers: {}, bodyText: event.data }, deployment);
  }
  if (!isRecord(body)) throw new GatewayError('upstream_malformed', { detail: 'A Gemini stream event is not an object.' });
  return body;
}

export function createGeminiStreamMapper(deployment: ResolvedDeployment): StreamMapper<ChatCompletionChunk> {
  let head: CompletionHead | undefined;
  let answerKey = '';
  let usage: Usage | undefined;
  const candidates = new Map<number, CandidateState>();

  const chunkOf = (choice: ChatCompletionChunkChoice, current: CompletionHead): ChatCompletionChunk =>
    ({ ...current, object: 'chat.completion.chunk', choices: [choice] });

  function choiceOf(candidate: GeminiCandidate, position: number): ChatCompletionChunkChoice | undefined {
    const index = typeof candidate.index === 'number' ? candidate.index : position;
    const state = candidates.get(index) ?? { started: false, toolCalls: 0, finished: false };
    candidates.set(index, state);
    const { text, reasoning, toolCalls } = readCandidateParts(candidate.content?.parts, { answer: answerKey, candidate: index, index: state.toolCalls });
    const delta: ChatCompletionChunkChoice['delta'] = {};
    if (!state.started) delta.role = 'assistant';
    if (text !== '') delta.content = text;
    if (reasoning !== '') delta['reasoning_content'] = reasoning;
    if (toolCalls.length > 0) delta.tool_calls = toolCalls.map((call, i) => ({ index: state.toolCalls + i, ...call }));
    state.toolCalls += toolCalls.length;
    const finish = toFinishReason(candidate.finishReason, state.toolCalls > 0);
    if (finish !== null) state.finished = true;
    if (Object.keys(delta).length === 0 && finish === null) return undefined;
    state.started = true;
    return { index, delta, finish_reason: finish };
  }

  return {
    map(event) {
      const body = parseEvent(event, deployment);
      if (head === undefined) {
        answerKey = answerKeyOf(body);
        head = headOf(body, deployment, answerKey);
      }
      if (isRecord(body.usageMetadata)) usage = toOpenAIUsage(body.usageMetadata);
      if (isBlockedPrompt(body)) {
        candidates.set(0, { started: true, toolCalls: 0, finished: true });
        return [chunkOf({ index: 0, delta: { role: 'assistant', content: null }, finish_reason: 'content_filter' }, head)];
      }
      const current = head;
      return (body.candidates ?? []).flatMap((candidate, position) => {
        const choice = choiceOf(candidate, position);
        return choice === undefined ? [] : [chunkOf(choice, current)];
      });
    },
    end() {
      const states = [...candidates.values()];
      if (head === undefined || states.length === 0 || !states.every((state) => state.finished)) {
        throw new GatewayError('upstream_error', { message: 'The upstream stream ended before it was complete.' });
      }
      return usage === undefined ? [] : [{ ...head, object: 'chat.completion.chunk', choices: [], usage }];
    },
  };
}
