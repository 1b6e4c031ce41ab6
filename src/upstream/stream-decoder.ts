// Chooses the decoder of an upstream stream body by its framing: server-sent events or AWS
// event-stream. The names match `StreamFraming` of `providers/types.ts`, declared here structurally
// because this folder does not import providers.

import { createAwsEventStreamDecoder } from './aws-event-stream-decoder.js';
import type { AwsEventStreamDecoder, AwsStreamEvent } from './aws-event-stream-decoder.js';
import { createSseDecoder } from './sse-decoder.js';

export type StreamFramingName = 'sse' | 'aws-event-stream';

/** Structurally a `StreamEvent` of `providers/types.ts`; SSE events carry `id` and `retry` too. */
export type DecodedStreamEvent = AwsStreamEvent;

/** `push` decodes the next bytes; `end` may throw when the body stopped inside a whole-only frame. */
export type StreamDecoder = AwsEventStreamDecoder;

export function createStreamDecoder(framing: StreamFramingName): StreamDecoder {
  return framing === 'aws-event-stream' ? createAwsEventStreamDecoder() : createSseDecoder();
}
