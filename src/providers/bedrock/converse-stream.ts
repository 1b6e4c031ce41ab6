// Maps decoded ConverseStream events to canonical chunks: text, tool-use starts and input deltas,
// reasoning, the stop reason, then usage. Bedrock sends no `[DONE]`: `messageStop` completes the
// stream (`metadata` with usage follows it). Exception messages become typed errors.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice, Usage } from '../../wire/openai/types.js';
import type { ResolvedDeployment, StreamEvent, StreamMapper } from '../types.js';
import { jsonToolName } from './converse-types.js';
import { modelIdOf } from './endpoint.js';
import { streamExceptionError } from './errors.js';
import { bedrockCompletionId, bedrockCreatedS, finishReasonOf, usageOf } from './finish.js';

type Delta = ChatCompletionChunkChoice['delta'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function payloadOf(event: StreamEvent): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(event.data);
  } catch {
    throw new GatewayError('upstream_malformed', { detail: `A Bedrock ${event.event ?? 'stream'} event is not JSON.` });
  }
  if (!isRecord(payload)) throw new GatewayError('upstream_malformed', { detail: `A Bedrock ${event.event ?? 'stream'} event is not an object.` });
  return payload;
}

export function createConverseStreamMapper(deployment: ResolvedDeployment): StreamMapper<ChatCompletionChunk> {
  const model = modelIdOf(deployment);
  /** Content block index -> tool call index; the forced JSON tool maps to -1 (its input is content). */
  const toolIndexOfBlock = new Map<number, number>();
  let toolCalls = 0;
  let answeredJson = false;
  let stopped = false;

  const chunk = (delta: Delta, finishReason: ChatCompletionChunkChoice['finish_reason'] = null): ChatCompletionChunk => ({
    id: bedrockCompletionId, object: 'chat.completion.chunk', created: bedrockCreatedS, model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const usageChunk = (usage: Usage): ChatCompletionChunk => ({
    id: bedrockCompletionId, object: 'chat.completion.chunk', created: bedrockCreatedS, model, choices: [], usage,
  });

  function blockStart(payload: Record<string, unknown>): ChatCompletionChunk[] {
    const start = payload['start'];
    const toolUse = isRecord(start) ? start['toolUse'] : undefined;
    if (!isRecord(toolUse) || typeof toolUse['name'] !== 'string') return [];
    const block = Number(payload['contentBlockIndex']);
    if (toolUse['name'] === jsonToolName) {
      answeredJson = true;
      toolIndexOfBlock.set(block, -1);
      return [];
    }
    const index = toolCalls++;
    toolIndexOfBlock.set(block, index);
    const call = { index, id: String(toolUse['toolUseId']), type: 'function' as const, function: { name: toolUse['name'], arguments: '' } };
    return [chunk({ tool_calls: [call] })];
  }

  function blockDelta(payload: Record<string, unknown>): ChatCompletionChunk[] {
    const delta = payload['delta'];
    if (!isRecord(delta)) return [];
    if (typeof delta['text'] === 'string') return [chunk({ content: delta['text'] })];
    const toolUse = delta['toolUse'];
    if (isRecord(toolUse) && typeof toolUse['input'] === 'string') {
      const index = toolIndexOfBlock.get(Number(payload['contentBlockIndex']));
      if (index === undefined) throw new GatewayError('upstream_malformed', { detail: 'A Bedrock tool input delta has no tool-use start.' });
      if (index === -1) return [chunk({ content: toolUse['input'] })];
      return [chunk({ tool_calls: [{ index, function: { arguments: toolUse['input'] } }] })];
    }
    const reasoning = delta['reasoningContent'];
    if (isRecord(reasoning) && typeof reasoning['text'] === 'string') return [chunk({ reasoning_content: reasoning['text'] })];
    return [];
  }

  return {
    map(event) {
      const name = event.event ?? '';
      if (name.startsWith('exception:')) throw streamExceptionError(name.slice('exception:'.length), event.data, deployment);
      if (name.startsWith('error:')) throw new GatewayError('upstream_error', { detail: `Bedrock stream error ${name.slice('error:'.length)}` });
      switch (name) {
        case 'messageStart': return [chunk({ role: 'assistant', content: '' })];
        case 'contentBlockStart': return blockStart(payloadOf(event));
        case 'contentBlockDelta': return blockDelta(payloadOf(event));
        case 'messageStop':
          stopped = true;
          return [chunk({}, finishReasonOf(payloadOf(event)['stopReason'], answeredJson))];
        case 'metadata': {
          const usage = usageOf(payloadOf(event)['usage']);
          return usage === undefined ? [] : [usageChunk(usage)];
        }
        default: return [];
      }
    },
    end() {
      if (!stopped) throw new GatewayError('upstream_error', { message: 'The upstream stream ended before it was complete.' });
      return [];
    },
  };
}
