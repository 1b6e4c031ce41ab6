// Maps decoded Anthropic Messages stream events to canonical chat chunks: the role first, text,
// tool calls and thinking as deltas, then the finish reason and a usage chunk. An `error` event
// becomes a typed error; a stream without `message_stop` is reported cut by `end()`.
// https://docs.anthropic.com/en/docs/build-with-claude/streaming

import { GatewayError } from '../../errors/gateway-error.js';
import type { AnthropicResponseBlock, AnthropicStreamEvent, AnthropicUsage } from '../../wire/anthropic/types.js';
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

export function createAnthropicStreamMapper(deployment: ResolvedDeployment): StreamMapper<ChatCompletionChunk> {
  let id = '';
  let model = deployment.model;
  let startUsage: Partial<AnthropicUsage> = {};
  let toolCount = 0;
  let finished = false;
  const blocks = new Map<number, BlockState>();

  const chunk = (delta: Delta, finishReason: ChatCompletionChunkChoice['finish_reason'] = null): ChatCompletionChunk => ({
    id, object: 'chat.completion.chunk', created: anthropicCreatedS, model, choices: [{ index: 0, delta, finish_reason: finishReason }],
  });

  const start = (index: number, block: AnthropicResponseBlock): ChatCompletionChunk[] => {
    if (block.type === 'tool_use' && block.name === jsonToolName) blocks.set(index, { kind: 'json' });
    else if (block.type === 'tool_use') {
      const toolIndex = toolCount++;
      blocks.set(index, { kind: 'tool', toolIndex });
      return [chunk({ tool_calls: [{ index: toolIndex, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] })];
    } else if (block.type === 'thinking') blocks.set(index, { kind: 'thinking', thinking: '', signature: '' });
    else if (block.type === 'redacted_thinking') {
      blocks.set(index, { kind: 'other' });
      return [chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: block.data }] })];
    } else {
      blocks.set(index, { kind: block.type === 'text' ? 'text' : 'other' });
      if (block.type === 'text' && block.text !== '') return [chunk({ content: block.text })];
    }
    return [];
  };

  const delta = (event: Extract<AnthropicStreamEvent, { type: 'content_block_delta' }>): ChatCompletionChunk[] => {
    const state = blocks.get(event.index);
    const d = event.delta;
    if (d.type === 'text_delta') return d.text === '' ? [] : [chunk({ content: d.text })];
    if (d.type === 'input_json_delta' && d.partial_json !== '') {
      if (state?.kind === 'json') return [chunk({ content: d.partial_json })];
      if (state?.kind === 'tool') return [chunk({ tool_calls: [{ index: state.toolIndex, function: { arguments: d.partial_json } }] })];
    }
    if (state?.kind === 'thinking' && d.type === 'thinking_delta') {
      state.thinking += d.thinking;
      return [chunk({ reasoning_content: d.thinking })];
    }
    if (state?.kind === 'thinking' && d.type === 'signature_delta') state.signature += d.signature;
    return [];
  };

  /** A finished thinking block, whole, so a client can send it back with its signature (LiteLLM's `thinking_blocks`). */
  const stop = (index: number): ChatCompletionChunk[] => {
    const state = blocks.get(index);
    if (state?.kind !== 'thinking') return [];
    return [chunk({ thinking_blocks: [{ type: 'thinking', thinking: state.thinking, signature: state.signature }] })];
  };

  const messageDelta = (event: Extract<AnthropicStreamEvent, { type: 'message_delta' }>): ChatCompletionChunk[] => {
    const usage = chatUsageOf({ ...startUsage, ...event.usage });
    const finish = finishReasonOf(event.delta.stop_reason, toolCount === 0);
    return [chunk({}, finish), { ...chunk({}), choices: [], usage }];
  };

  return {
    map(raw: StreamEvent): ChatCompletionChunk[] {
      const event = parseAnthropicEvent(raw);
      switch (event.type) {
        case 'message_start':
          id = event.message.id;
          model = event.message.model;
          startUsage = event.message.usage;
          return [chunk({ role: 'assistant', content: '' })];
        case 'content_block_start':
          return start(event.index, event.content_block);
        case 'content_block_delta':
          return delta(event);
        case 'content_block_stop':
          return stop(event.index);
        case 'message_delta':
          return messageDelta(event);
        case 'message_stop':
          finished = true;
          return [];
        case 'error':
          throw streamErrorOf(raw, event.error.type, deployment);
        default:
          // `ping` and event types added later: https://docs.anthropic.com/en/api/versioning
          return [];
      }
    },
    end(): ChatCompletionChunk[] {
      if (!finished) throw cutStreamError();
      return [];
    },
  };
}
