// Maps decoded Anthropic Messages stream events to canonical chat chunks: the role first, text,
// tool calls and thinking as deltas, then the finish reason and a usage chunk. An `error` event
// becomes a typed error; a stream without `message_stop` is reported cut by `end()`.
// https://docs.anthropic.com/en/docs/build-with-claude/streaming

import { GatewayError } from '../../errors/gateway-error.js';
import type { AnthropicContentDelta, AnthropicResponseBlock, AnthropicStreamEvent, AnthropicUsage } from '../../wire/anthropic/types.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice } from '../../wire/openai/types.js';
import type { ResolvedDeployment, StreamEvent, StreamMapper } from '../types.js';
import { jsonToolName } from './chat-params.js';
import { anthropicErrorStatus, classifyAnthropicError } from './errors.js';
import { anthropicCreatedS, chatUsageOf, finishReasonOf } from './response.js';

type Delta = ChatCompletionChunkChoice['delta'];

/** What one open content block becomes in the canonical stream. */
type BlockState =
  | { kind: 'text' | 'json' | 'other' }
  | { kind: 'tool'; toolIndex: number }
  | { kind: 'thinking'; thinking: string; signature: string };

/** Parses one event's data; Anthropic puts the event's name in `type` too. */
export function parseAnthropicEvent(event: StreamEvent): AnthropicStreamEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch {
    throw new GatewayError('upstream_malformed', { detail: 'A stream event of the upstream is not JSON.' });
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { type?: unknown }).type !== 'string') {
    throw new GatewayError('upstream_malformed', { detail: 'A stream event of the upstream has no type.' });
  }
  return parsed as AnthropicStreamEvent;
}

/** An in-stream `error` event as the classified error of its documented status. */
export function streamErrorOf(event: StreamEvent, type: string, deployment: ResolvedDeployment): GatewayError {
  return classifyAnthropicError({ status: anthropicErrorStatus[type] ?? 500, headers: {}, bodyText: event.data }, deployment);
}

export function cutStreamError(): GatewayError {
  return new GatewayError('upstream_error', { message: 'The upstream stream ended before it was complete.' });
}

/** What the mapper remembers across events of one stream. */
interface MapperState {
  id: string;
  model: string;
  startUsage: Partial<AnthropicUsage>;
  /** Client tool calls so far: each `tool_use` block's index among them. */
  toolCount: number;
  finished: boolean;
  readonly blocks: Map<number, BlockState>;
}

function chunkOf(state: MapperState, delta: Delta, finishReason: ChatCompletionChunkChoice['finish_reason'] = null): ChatCompletionChunk {
  return { id: state.id, object: 'chat.completion.chunk', created: anthropicCreatedS, model: state.model, choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

function blockStart(state: MapperState, index: number, block: AnthropicResponseBlock): ChatCompletionChunk[] {
  if (block.type === 'tool_use' && block.name === jsonToolName) {
    state.blocks.set(index, { kind: 'json' });
  } else if (block.type === 'tool_use') {
    const toolIndex = state.toolCount++;
    state.blocks.set(index, { kind: 'tool', toolIndex });
    return [chunkOf(state, { tool_calls: [{ index: toolIndex, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] })];
  } else if (block.type === 'thinking') {
    state.blocks.set(index, { kind: 'thinking', thinking: '', signature: '' });
  } else if (block.type === 'redacted_thinking') {
    state.blocks.set(index, { kind: 'other' });
    return [chunkOf(state, { thinking_blocks: [{ type: 'redacted_thinking', data: block.data }] })];
  } else {
    state.blocks.set(index, { kind: block.type === 'text' ? 'text' : 'other' });
    if (block.type === 'text' && block.text !== '') return [chunkOf(state, { content: block.text })];
  }
  return [];
}

function blockDelta(state: MapperState, index: number, d: AnthropicContentDelta): ChatCompletionChunk[] {
  const block = state.blocks.get(index);
  if (d.type === 'text_delta') return d.text === '' ? [] : [chunkOf(state, { content: d.text })];
  if (d.type === 'input_json_delta' && d.partial_json !== '') {
    if (block?.kind === 'json') return [chunkOf(state, { content: d.partial_json })];
    if (block?.kind === 'tool') return [chunkOf(state, { tool_calls: [{ index: block.toolIndex, function: { arguments: d.partial_json } }] })];
  }
  if (block?.kind === 'thinking' && d.type === 'thinking_delta') {
    block.thinking += d.thinking;
    return [chunkOf(state, { reasoning_content: d.thinking })];
  }
  if (block?.kind === 'thinking' && d.type === 'signature_delta') block.signature += d.signature;
  return [];
}

/** A finished thinking block, whole, so a client can send it back with its signature (LiteLLM's `thinking_blocks`). */
function blockStop(state: MapperState, index: number): ChatCompletionChunk[] {
  const block = state.blocks.get(index);
  if (block?.kind !== 'thinking') return [];
  return [chunkOf(state, { thinking_blocks: [{ type: 'thinking', thinking: block.thinking, signature: block.signature }] })];
}

/** The finish reason, then the usage-only chunk; input counts from message_start unless the delta repeats them. */
function messageDelta(state: MapperState, event: Extract<AnthropicStreamEvent, { type: 'message_delta' }>): ChatCompletionChunk[] {
  const usage = chatUsageOf({ ...state.startUsage, ...event.usage });
  const finish = finishReasonOf(event.delta.stop_reason, state.toolCount === 0);
  return [chunkOf(state, {}, finish), { ...chunkOf(state, {}), choices: [], usage }];
}

function mapEvent(state: MapperState, raw: StreamEvent, deployment: ResolvedDeployment): ChatCompletionChunk[] {
  const event = parseAnthropicEvent(raw);
  switch (event.type) {
    case 'message_start':
      state.id = event.message.id;
      state.model = event.message.model;
      state.startUsage = event.message.usage;
      return [chunkOf(state, { role: 'assistant', content: '' })];
    case 'content_block_start':
      return blockStart(state, event.index, event.content_block);
    case 'content_block_delta':
      return blockDelta(state, event.index, event.delta);
    case 'content_block_stop':
      return blockStop(state, event.index);
    case 'message_delta':
      return messageDelta(state, event);
    case 'message_stop':
      state.finished = true;
      return [];
    case 'error':
      throw streamErrorOf(raw, event.error.type, deployment);
    default:
      // `ping` and event types added later: https://docs.anthropic.com/en/api/versioning
      return [];
  }
}

export function createAnthropicStreamMapper(deployment: ResolvedDeployment): StreamMapper<ChatCompletionChunk> {
  const state: MapperState = { id: '', model: deployment.model, startUsage: {}, toolCount: 0, finished: false, blocks: new Map() };
  return {
    map: (event) => mapEvent(state, event, deployment),
    end(): ChatCompletionChunk[] {
      if (!state.finished) throw cutStreamError();
      return [];
    },
  };
}
