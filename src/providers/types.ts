// The provider seam: an adapter is data-to-data functions per operation. Adapters do no I/O, read
// no clock and log nothing; `upstream/` sends, `router/` decides what to do with failures.

import type { GatewayError } from '../errors/gateway-error.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  Completion,
  CompletionRequest,
  EmbeddingRequest,
  EmbeddingResponse,
} from '../wire/openai/types.js';
import type { AnthropicMessage, AnthropicMessagesRequest, AnthropicStreamEvent } from '../wire/anthropic/types.js';

/** What an adapter knows of the deployment it builds a request for. */
export interface ResolvedDeployment {
  readonly id: string;
  readonly modelName: string;
  readonly provider: string;
  /** Provider's own model name. */
  readonly model: string;
  readonly apiBase: string | undefined;
  readonly apiKey: string | undefined;
  readonly apiVersion: string | undefined;
  readonly region: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly extraParams: Readonly<Record<string, unknown>>;
}

/** An outbound HTTP request, as data. `upstream/` sends it. */
export interface HttpRequestSpec {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** A response as the router sees it, whether from `upstream/` or an in-process provider. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: AsyncIterable<Uint8Array>;
}

/**
 * One decoded server-sent event (or event-stream message), framing already removed. For AWS
 * event-stream messages, `event` is the `:event-type` header of an event message, or
 * `exception:<:exception-type>` for an exception message; `data` is the payload as UTF-8 text.
 */
export interface StreamEvent {
  readonly event: string | undefined;
  readonly data: string;
}

export type StreamFraming = 'sse' | 'aws-event-stream';

export interface BuildContext {
  /** The client asked for a stream. */
  readonly stream: boolean;
  /** Ask the upstream to report usage in the stream (OpenAI `stream_options.include_usage`). */
  readonly includeUsage: boolean;
  /** Drop unsupported parameters instead of failing with `unsupported_parameter`. */
  readonly dropParams: boolean;
  /**
   * The client's `anthropic-beta` header (comma-separated feature flags), forwarded by
   * Anthropic-family adapters; unset when the client sent none.
   */
  readonly anthropicBeta?: string;
}

/** Stateful per stream: maps each decoded upstream event to zero or more canonical chunks. */
export interface StreamMapper<Chunk> {
  map(event: StreamEvent): Chunk[];
  /**
   * Called once when the upstream stream ends; may flush buffered chunks. Throws a GatewayError
   * (`upstream_error`) when the stream ended before the provider's end marker: the server then
   * reports the stream as cut and ends it with an error event.
   */
  end(): Chunk[];
}

/**
 * The dialect an operation's upstream speaks byte for byte. When it is the client's dialect, the
 * server forwards bodies and stream frames untouched and only observes them; `translated` means
 * the adapter maps to and from the canonical (OpenAI chat) form.
 */
export type WireDialect = 'openai' | 'anthropic' | 'translated';

export interface Operation<Req, Res, Chunk> {
  readonly wire: WireDialect;
  /**
   * Only some of the adapter's models can do this operation (native Messages for Claude but not
   * for Gemini on Vertex AI): the server asks before choosing it. Absent means every model can.
   */
  appliesTo?(deployment: ResolvedDeployment): boolean;
  readonly streamFraming: StreamFraming;
  buildRequest(request: Req, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec;
  parseResponse(body: unknown, deployment: ResolvedDeployment): Res;
  createStreamMapper(deployment: ResolvedDeployment): StreamMapper<Chunk>;
}

export type ChatOperation = Operation<ChatCompletionRequest, ChatCompletion, ChatCompletionChunk>;
export type CompletionsOperation = Operation<CompletionRequest, Completion, Completion>;
/**
 * Anthropic Messages in the client's own shape, for adapters whose upstream speaks it (Anthropic,
 * Claude on Vertex AI): `wire: 'anthropic'`, the request is forwarded with only the model (and the
 * platform's required fields) changed, the answer and the stream frames are passed back as they are.
 */
export type MessagesOperation = Operation<AnthropicMessagesRequest, AnthropicMessage, AnthropicStreamEvent>;
export type EmbeddingsOperation = Omit<Operation<EmbeddingRequest, EmbeddingResponse, never>, 'createStreamMapper' | 'streamFraming'>;

/** How an in-process provider learns its caller gave up (an AbortSignal is one). */
export interface AbortedFlag {
  readonly aborted: boolean;
  readonly reason: unknown;
}

/** What `sign` may use: the clock, token exchanges through the egress-checked client, a cache. */
export interface SignContext {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Sends a request (a token exchange) through the upstream client; the body is read whole, capped at 64 KiB. */
  fetch(request: HttpRequestSpec): Promise<{ readonly status: number; readonly text: string }>;
  /**
   * A process-wide credential memo: returns the value cached under `key` while `now()` is before
   * its `expiresAtMs`, else runs `load` (concurrent callers share one run) and keeps its result.
   * A failed load is not cached.
   */
  memo(key: string, load: () => Promise<{ readonly value: string; readonly expiresAtMs: number }>): Promise<string>;
}

export interface UpstreamFailure {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The upstream error body as text (already size-capped). */
  readonly bodyText: string;
}

export interface ProviderAdapter {
  /** LiteLLM's provider name, e.g. `openai`, `hosted_vllm`, `mock`. */
  readonly name: string;
  readonly chat?: ChatOperation;
  /** Native Anthropic Messages (forwarded untouched); `/v1/messages` uses `chat` when this is absent. */
  readonly messages?: MessagesOperation;
  readonly completions?: CompletionsOperation;
  readonly embeddings?: EmbeddingsOperation;
  /**
   * Turn a non-2xx upstream answer into a typed error: auth, bad request, context length,
   * content filter, rate limited (with retry-after), overloaded, timeout, server, malformed.
   * The public message must never echo credentials.
   */
  classifyError(failure: UpstreamFailure, deployment: ResolvedDeployment): GatewayError;
  /**
   * Problems with a configured deployment that would make every request fail (a missing
   * `api_base`, region or credential), reported at start. Empty when it can serve.
   */
  checkDeployment?(deployment: ResolvedDeployment): string[];
  /**
   * The last step before sending: request signing (AWS SigV4) or credentials that must be
   * obtained first (a Google service account's access token). The clock, token exchanges and the
   * credential cache come from `ctx`, so the adapter itself stays free of I/O and state.
   */
  sign?(request: HttpRequestSpec, deployment: ResolvedDeployment, ctx: SignContext): Promise<HttpRequestSpec>;
  /** In-process providers (the `mock` provider) answer here instead of over the network. */
  serve?(request: HttpRequestSpec, signal: AbortedFlag | undefined): RawResponse;
}
