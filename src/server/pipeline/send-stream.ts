// Delivers an upstream stream to the client chunk by chunk. Same-dialect streams are forwarded frame
// by frame and only observed (usage); other dialects go through the adapter's stream mapper. A
// failure after the first byte becomes a final error event; a client that leaves cancels upstream.

import type { ServerResponse } from 'node:http';
import { GatewayError, isGatewayError } from '../../errors/gateway-error.js';
import { scrubSecrets } from '../../providers/scrub-secrets.js';
import type { Operation, StreamEvent } from '../../providers/types.js';
import type { Routed } from '../../router/types.js';
import { createSseDecoder } from '../../upstream/sse-decoder.js';
import { renderOpenAiError } from '../../wire/openai/render-error.js';
import type { Exchange } from '../exchange.js';
import { securityHeaders } from '../respond.js';
import type { OperationName, StreamResult } from './call-deployment.js';
import { usageOfChunk, type StreamUsage } from './observe-usage.js';

export interface StreamOptions {
  readonly operation: Exclude<OperationName, 'embeddings'>;
  /** The client asked for the usage chunk (`stream_options.include_usage`). */
  readonly clientWantsUsage: boolean;
  /** Added to the response head (rate-limit headers). */
  readonly headers: Readonly<Record<string, string>>;
}

const done = 'data: [DONE]\n\n';

function write(res: ServerResponse, text: string): Promise<void> | undefined {
  if (text.length === 0 || res.write(text)) return undefined;
  return new Promise((resolve) => {
    const finish = (): void => { res.off('drain', finish); res.off('close', finish); resolve(); };
    res.on('drain', finish);
    res.on('close', finish);
  });
}

/**
 * An upstream error event (`{"error":{...}}`) re-written with its fields scrubbed of credentials
 * (the deployment key among them); undefined for any other event. The cheap check keeps the
 * common chunk from being parsed twice.
 */
function scrubbedErrorEvent(data: string, apiKey: string | undefined): string | undefined {
  if (!data.includes('"error"')) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    return undefined;
  }
  const error = typeof event === 'object' && event !== null ? (event as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return undefined;
  const field = (value: unknown, maxChars: number): string | null =>
    typeof value === 'string' ? scrubSecrets(value, { secrets: [apiKey], maxChars }) : null;
  const { message, type, code, param } = error as Record<string, unknown>;
  return JSON.stringify({ error: { message: field(message, 500) ?? 'The upstream stream failed.', type: field(type, 100), code: field(code, 100), param: field(param, 100) } });
}

/** Turns decoded upstream events into client frames, observing usage on the way. */
function createFramer(result: StreamResult, options: StreamOptions, usage: StreamUsage) {
  const op = result.adapter[options.operation] as Operation<unknown, unknown, unknown>;
  const mapper = op.wire === 'openai' ? undefined : op.createStreamMapper(result.resolved);
  const state = { sawDone: false };
  const emitData = (data: string): string => {
    const chunkUsage = usageOfChunk(data);
    if (chunkUsage !== undefined) {
      usage.last = chunkUsage.usage;
      if (chunkUsage.usageOnly) return options.clientWantsUsage ? `data: ${data}\n\n` : '';
    }
    // Providers stream about one token per chunk: the count stands in for usage if the stream is cut.
    usage.chunks += 1;
    return `data: ${data}\n\n`;
  };
  const frame = (event: StreamEvent): string => {
    if (mapper === undefined) {
      if (event.data === '[DONE]') { state.sawDone = true; return done; }
      const error = scrubbedErrorEvent(event.data, result.resolved.apiKey);
      return error === undefined ? emitData(event.data) : `data: ${error}\n\n`;
    }
    return mapper.map(event).map((chunk) => emitData(JSON.stringify(chunk))).join('');
  };
  const finish = (): string => {
    if (mapper === undefined) return '';
    state.sawDone = true;
    return mapper.end().map((chunk) => emitData(JSON.stringify(chunk))).join('') + done;
  };
  return { frame, finish, state };
}

export async function sendStream(ex: Exchange, routed: Routed<StreamResult>, options: StreamOptions): Promise<StreamUsage> {
  const { res } = ex;
  const result = routed.value;
  const usage: StreamUsage = { last: undefined, complete: false, chunks: 0, firstChunkAtMs: undefined, failure: undefined };
  const framer = createFramer(result, options, usage);
  const decoder = createSseDecoder();
  const frames = (events: StreamEvent[]): string => events.map(framer.frame).join('');
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
    await write(res, frames(decoder.end()) + framer.finish());
    if (!framer.state.sawDone && !ex.signal.aborted) {
      throw new GatewayError('upstream_error', { message: 'The upstream stream ended before it was complete.' });
    }
    usage.complete = !ex.signal.aborted;
  } catch (error) {
    if (!ex.signal.aborted) {
      const failure = isGatewayError(error) ? error : new GatewayError('upstream_error', { message: 'The upstream stream failed.', detail: String(error) });
      usage.failure = failure;
      res.write(`data: ${renderOpenAiError(failure)}\n\n`);
    }
  } finally {
    await result.rest.return?.();
    res.end();
  }
  return usage;
}
