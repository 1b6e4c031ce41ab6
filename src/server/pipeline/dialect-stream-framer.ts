// Streams for clients of another dialect (Anthropic Messages, Responses): upstream events become
// canonical chunks (parsed as they are from an OpenAI-wire upstream, or through the adapter's
// mapper), and the client dialect's encoder turns those into its own events.

import { GatewayError } from '../../errors/gateway-error.js';
import type { StreamEvent, StreamMapper } from '../../providers/types.js';
import type { StreamEncoder } from '../../wire/client-dialect.js';
import type { ChatCompletionChunk } from '../../wire/openai/types.js';
import type { StreamResult } from './call-deployment.js';
import type { StreamUsage } from './observe-usage.js';
import { scrubbedErrorEvent } from './openai-stream-framer.js';
import type { Stamp } from './stamp-canonical.js';
import { cutStreamError, type StreamFramer } from './stream-framer.js';

/** Parses one OpenAI-wire event: a chunk, the end marker, or an upstream error event (thrown). */
function openAIChunkOf(event: StreamEvent, apiKey: string | undefined): ChatCompletionChunk | 'done' {
  if (event.data === '[DONE]') return 'done';
  const error = scrubbedErrorEvent(event.data, apiKey);
  if (error !== undefined) {
    const { message } = (JSON.parse(error) as { error: { message: string } }).error;
    throw new GatewayError('upstream_error', { message });
  }
  try {
    return JSON.parse(event.data) as ChatCompletionChunk;
  } catch {
    throw new GatewayError('upstream_malformed', { message: 'The upstream provider sent a malformed stream event.' });
  }
}

export function createDialectStreamFramer(encoder: StreamEncoder, stamp: Stamp): (result: StreamResult, usage: StreamUsage) => StreamFramer {
  return (result, usage) => {
    // Dialect clients are served by chat operations, whose mappers yield canonical chat chunks.
    const mapper = result.operation.wire === 'openai' ? undefined : result.operation.createStreamMapper(result.resolved) as StreamMapper<ChatCompletionChunk>;
    let sawDone = false;
    const encode = (chunk: ChatCompletionChunk): string => {
      stamp(chunk);
      if (chunk.usage) usage.last = chunk.usage;
      if (chunk.choices.length > 0) usage.chunks += 1;
      return encoder.chunk(chunk);
    };
    return {
      frame(event) {
        if (mapper !== undefined) {
          let out = '';
          for (const chunk of mapper.map(event)) out += encode(chunk);
          return out;
        }
        const chunk = openAIChunkOf(event, result.resolved.apiKey);
        if (chunk === 'done') { sawDone = true; return ''; }
        return encode(chunk);
      },
      finish() {
        let out = '';
        if (mapper !== undefined) for (const chunk of mapper.end()) out += encode(chunk);
        else if (!sawDone) throw cutStreamError();
        return out + encoder.end();
      },
      error: (error) => encoder.error(error),
    };
  };
}
