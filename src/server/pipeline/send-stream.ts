// Delivers an upstream stream to the client chunk by chunk through a framer (which decides what the
// client's frames are). A failure after the first byte becomes a final error event; a client that
// leaves cancels the upstream.

import { GatewayError, isGatewayError } from '../../errors/gateway-error.js';
import type { StreamEvent } from '../../providers/types.js';
import type { Routed } from '../../router/types.js';
import { createStreamDecoder } from '../../upstream/stream-decoder.js';
import type { Exchange } from '../exchange.js';
import { securityHeaders } from '../respond.js';
import { writeOrWait as write } from '../write-or-wait.js';
import type { StreamResult } from './call-deployment.js';
import type { StreamUsage } from './observe-usage.js';
import type { CreateStreamFramer } from './stream-framer.js';

export interface StreamOptions {
  readonly createFramer: CreateStreamFramer;
  /** Added to the response head (rate-limit headers). */
  readonly headers: Readonly<Record<string, string>>;
}

export async function sendStream(ex: Exchange, routed: Routed<StreamResult>, options: StreamOptions): Promise<StreamUsage> {
  const { res } = ex;
  const result = routed.value;
  const usage: StreamUsage = { last: undefined, complete: false, chunks: 0, firstChunkAtMs: undefined, failure: undefined };
  const framer = options.createFramer(result, usage);
  const decoder = createStreamDecoder(result.operation.streamFraming);
  const frames = (events: StreamEvent[]): string => {
    let out = '';
    for (const event of events) out += framer.frame(event);
    return out;
  };
  res.writeHead(200, {
    ...securityHeaders,
    ...options.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    connection: 'keep-alive',
    'x-request-id': ex.requestId,
  });
  try {
    if (result.first !== undefined) await write(res, frames(decoder.push(result.first)));
    usage.firstChunkAtMs = Date.now();
    for (;;) {
      const step = await result.rest.next();
      if (step.done) break;
      await write(res, frames(decoder.push(step.value)));
      if (ex.signal.aborted) break;
    }
    if (!ex.signal.aborted) await write(res, frames(decoder.end()) + framer.finish());
    usage.complete = !ex.signal.aborted;
  } catch (error) {
    if (!ex.signal.aborted) {
      const failure = isGatewayError(error) ? error : new GatewayError('upstream_error', { message: 'The upstream stream failed.', detail: String(error) });
      usage.failure = failure;
      res.write(framer.error(failure));
    }
  } finally {
    await result.rest.return?.();
    res.end();
  }
  return usage;
}
