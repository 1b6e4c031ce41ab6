// A client dialect besides OpenAI's own (Anthropic Messages, OpenAI Responses): validated, turned
// into the canonical chat request, and the canonical answer turned back, as pure functions. The
// server owns transport, routing and accounting; a dialect never sees a socket.

import type { GatewayError } from '../errors/gateway-error.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from './openai/types.js';

/** Stateful per response: canonical chunks in, the client's stream frames (SSE text) out. */
export interface StreamEncoder {
  /** Frames for one canonical chunk (may be empty: a usage-only chunk, say, is held for the end). */
  chunk(chunk: ChatCompletionChunk): string;
  /** Closing frames once the upstream stream is complete (`message_stop`, `response.completed`). */
  end(): string;
  /** A final error event after the stream has started; nothing may follow it. */
  error(error: GatewayError): string;
}

export interface ClientDialect<Req> {
  readonly name: 'anthropic' | 'responses';
  /** Validates a client body; throws `GatewayError('invalid_request', { param, message })` naming the field. */
  parseRequest(body: unknown): Req;
  /** The model the client asked for (public model name). */
  modelOf(request: Req): string;
  /** The client asked for a stream. */
  streamOf(request: Req): boolean;
  /** Upper bound of output tokens the client allows, for budget reservations; undefined when unbounded. */
  maxTokensOf(request: Req): number | undefined;
  /** The canonical request; must not throw for a request `parseRequest` accepted unless a feature has no canonical form (then a 400 naming it). */
  toChatRequest(request: Req): ChatCompletionRequest;
  /** The client's answer body for a canonical completion. */
  fromChatCompletion(completion: ChatCompletion, request: Req): unknown;
  createStreamEncoder(request: Req): StreamEncoder;
  /** The client's error body (JSON text) for any error; status and headers are the server's. */
  renderError(error: GatewayError): string;
}
