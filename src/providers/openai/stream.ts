// Maps decoded OpenAI-wire stream events to canonical chunks: JSON chunks pass through, `[DONE]`
// ends the stream, an in-stream `{"error":...}` becomes a typed error. The bytes are not touched.

import { GatewayError } from '../../errors/gateway-error.js';
import type { ResolvedDeployment, StreamEvent, StreamMapper } from '../types.js';
import { classifyOpenAIError } from './errors.js';
import { isChunkShaped } from './response.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasFinishReason(chunk: Record<string, unknown>): boolean {
  const choices = chunk['choices'] as unknown[];
  return choices.some((choice) => isRecord(choice) && typeof choice['finish_reason'] === 'string');
}

/** The status an in-stream error carries (vLLM puts it in `code`), 500 when it says none. */
function inStreamStatus(error: unknown): number {
  const code = isRecord(error) ? error['code'] : undefined;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
}

export function createOpenAIStreamMapper<Chunk>(deployment: ResolvedDeployment): StreamMapper<Chunk> {
  let finished = false;
  return {
    map(event: StreamEvent): Chunk[] {
      if (event.data === '[DONE]') {
        finished = true;
        return [];
      }
      let chunk: unknown;
      try {
        chunk = JSON.parse(event.data);
      } catch {
        throw new GatewayError('upstream_malformed', { detail: 'A stream event of the upstream is not JSON.' });
      }
      if (isRecord(chunk) && 'error' in chunk) {
        const status = inStreamStatus(chunk['error']);
        throw classifyOpenAIError({ status, headers: {}, bodyText: event.data }, deployment);
      }
      if (!isChunkShaped(chunk)) throw new GatewayError('upstream_malformed', { detail: 'A stream chunk of the upstream has no choices.' });
      if (hasFinishReason(chunk)) finished = true;
      return [chunk as Chunk];
    },
    end(): Chunk[] {
      if (!finished) throw new GatewayError('upstream_error', { message: 'The upstream stream ended before it was complete.' });
      return [];
    },
  };
}
