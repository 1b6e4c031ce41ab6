// Canonical chat chunks -> Anthropic Messages stream events (`event: <type>\ndata: <json>\n\n`): one
// content block per run of thinking, text or one tool call, indexed in order, then `message_delta`
// with the stop reason and usage, and `message_stop`. https://docs.anthropic.com/en/docs/build-with-claude/streaming

import type { GatewayError } from '../../errors/gateway-error.js';
import type { StreamEncoder } from '../client-dialect.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice, FinishReason, Usage } from '../openai/types.js';
import type { AnthropicContentDelta, AnthropicMessage, AnthropicMessagesRequest, AnthropicResponseBlock, AnthropicStreamEvent } from './types.js';
import { isRecord } from './invalid-param.js';
import { messageIdOf } from './message-id.js';
import { renderAnthropicError } from './render-error.js';
import { anthropicStopOf, matchedStopSequence } from './stop-reason.js';
import { anthropicUsageOf } from './usage.js';

type Delta = ChatCompletionChunkChoice['delta'];

interface EncoderState {
  readonly request: AnthropicMessagesRequest;
  messageId: string;
  started: boolean;
  done: boolean;
  /** The block being streamed: its kind and index; tool blocks also by canonical tool call index. */
  open: { kind: 'thinking' | 'text' | 'tool'; index: number } | undefined;
  blockCount: number;
  /** Thinking text sent in the open thinking block, to skip it when the whole block arrives again. */
  thinkingText: string;
  readonly toolBlocks: Map<number, number>;
  finish: FinishReason | null;
  matchedStop: string | undefined;
  usage: Usage | undefined;
}

function frame(event: AnthropicStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

function messageStart(state: EncoderState, chunk: ChatCompletionChunk | undefined): string {
  state.started = true;
  state.messageId = messageIdOf(chunk?.id ?? '');
  const known = anthropicUsageOf(state.usage);
  // Anthropic's message_start reports the input and an `output_tokens` of 1 before any output.
  const usage = { ...known, output_tokens: 1 };
  const model = typeof chunk?.model === 'string' && chunk.model !== '' ? chunk.model : state.request.model;
  const message: AnthropicMessage = { id: state.messageId, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage };
  return frame({ type: 'message_start', message });
}

function closeBlock(state: EncoderState): string {
  if (state.open === undefined) return '';
  const index = state.open.index;
  state.open = undefined;
  return frame({ type: 'content_block_stop', index });
}

function startBlock(state: EncoderState, kind: 'thinking' | 'text' | 'tool', block: AnthropicResponseBlock): string {
  const out = closeBlock(state);
  const index = state.blockCount++;
  state.open = { kind, index };
  state.thinkingText = '';
  return out + frame({ type: 'content_block_start', index, content_block: block });
}

/** Appends to the open block of `kind`, starting one when another kind (or none) is open. */
function appendTo(state: EncoderState, kind: 'thinking' | 'text', delta: AnthropicContentDelta): string {
  let out = '';
  if (state.open?.kind !== kind) {
    out = startBlock(state, kind, kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' });
  }
  return out + frame({ type: 'content_block_delta', index: state.open?.index ?? 0, delta });
}

function thinkingDelta(state: EncoderState, text: string): string {
  const out = appendTo(state, 'thinking', { type: 'thinking_delta', thinking: text });
  state.thinkingText += text;
  return out;
}

/**
 * One `thinking_blocks` entry. Upstreams send them two ways: LiteLLM beside each `reasoning_content`
 * piece (the same text, then a signature-only entry), Gatehouse's Anthropic adapter once per block,
 * whole, after the pieces. Text already streamed is not sent again; a signature ends the block.
 */
function thinkingBlockFrames(state: EncoderState, block: Record<string, unknown>, streamedBeside: boolean): string {
  if (block['type'] === 'redacted_thinking' && typeof block['data'] === 'string') {
    return startBlock(state, 'thinking', { type: 'redacted_thinking', data: block['data'] }) + closeBlock(state);
  }
  let out = '';
  const text = typeof block['thinking'] === 'string' ? block['thinking'] : '';
  if (!streamedBeside && text !== '') {
    const streamed = state.open?.kind === 'thinking' && text.startsWith(state.thinkingText) ? state.thinkingText.length : 0;
    if (text.length > streamed) out += thinkingDelta(state, text.slice(streamed));
  }
  const signature = block['signature'];
  if (typeof signature === 'string' && signature !== '') {
    out += appendTo(state, 'thinking', { type: 'signature_delta', signature }) + closeBlock(state);
  }
  return out;
}

function thinkingFrames(state: EncoderState, delta: Delta): string {
  const reasoning = delta['reasoning_content'] ?? delta['reasoning'];
  const hasReasoning = typeof reasoning === 'string' && reasoning !== '';
  let out = hasReasoning ? thinkingDelta(state, reasoning) : '';
  const blocks = delta['thinking_blocks'];
  if (!Array.isArray(blocks)) return out;
  for (const block of blocks as unknown[]) {
    if (isRecord(block)) out += thinkingBlockFrames(state, block, hasReasoning);
  }
  return out;
}

function toolFrames(state: EncoderState, delta: Delta): string {
  let out = '';
  for (const call of delta.tool_calls ?? []) {
    let index = state.toolBlocks.get(call.index);
    if (index === undefined) {
      const id = call.id ?? `toolu_${state.messageId.slice(4)}_${call.index}`;
      out += startBlock(state, 'tool', { type: 'tool_use', id, name: call.function?.name ?? '', input: {} });
      index = state.blockCount - 1;
      state.toolBlocks.set(call.index, index);
    }
    const partial = call.function?.arguments;
    // Upstreams stream one call after another; should one interleave, its pieces still go to its own block.
    if (partial !== undefined && partial !== '') out += frame({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } });
  }
  return out;
}

function choiceFrames(state: EncoderState, choice: ChatCompletionChunkChoice): string {
  const delta = isRecord(choice.delta) ? choice.delta : {};
  let out = thinkingFrames(state, delta);
  const text = typeof delta.content === 'string' && delta.content !== '' ? delta.content : delta.refusal;
  if (typeof text === 'string' && text !== '') out += appendTo(state, 'text', { type: 'text_delta', text });
  out += toolFrames(state, delta);
  if (choice.finish_reason !== null && choice.finish_reason !== undefined) {
    state.finish = choice.finish_reason;
    state.matchedStop = matchedStopSequence(choice, state.request);
    out += closeBlock(state);
  }
  return out;
}

function endFrames(state: EncoderState): string {
  let out = state.started ? '' : messageStart(state, undefined);
  out += closeBlock(state);
  const stop = anthropicStopOf(state.finish, state.toolBlocks.size > 0, state.matchedStop);
  const usage = state.usage === undefined ? { output_tokens: 0 } : anthropicUsageOf(state.usage);
  out += frame({ type: 'message_delta', delta: { stop_reason: stop.stop_reason, stop_sequence: stop.stop_sequence }, usage });
  return out + frame({ type: 'message_stop' });
}

export function createAnthropicStreamEncoder(request: AnthropicMessagesRequest): StreamEncoder {
  const state: EncoderState = {
    request, messageId: messageIdOf(''), started: false, done: false, open: undefined, blockCount: 0, thinkingText: '',
    toolBlocks: new Map(), finish: null, matchedStop: undefined, usage: undefined,
  };
  return {
    chunk(chunk: ChatCompletionChunk): string {
      if (state.done) return '';
      if (chunk.usage !== undefined && chunk.usage !== null) state.usage = chunk.usage;
      let out = state.started ? '' : messageStart(state, chunk);
      // Anthropic has no `n`: only the first choice is the answer.
      const choice = chunk.choices.find((item) => item.index === 0);
      if (choice !== undefined) out += choiceFrames(state, choice);
      return out;
    },
    end(): string {
      if (state.done) return '';
      state.done = true;
      return endFrames(state);
    },
    error(error: GatewayError): string {
      if (state.done) return '';
      state.done = true;
      return `event: error\ndata: ${renderAnthropicError(error)}\n\n`;
    },
  };
}
