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

/** One decoded server-sent event (or event-stream message), framing already removed. */
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
}

/** Stateful per stream: maps each decoded upstream event to zero or more canonical chunks. */
export interface StreamMapper<Chunk> {
  map(event: StreamEvent): Chunk[];
  /** Called once when the upstream stream ends; may flush buffered chunks. */
  end(): Chunk[];
}

export interface Operation<Req, Res, Chunk> {
  /**
   * `openai` when the upstream speaks the client's OpenAI dialect byte for byte, which lets the
   * server forward bodies and stream frames untouched and only observe them.
   */
  readonly wire: 'openai' | 'translated';
  readonly streamFraming: StreamFraming;
  buildRequest(request: Req, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec;
  parseResponse(body: unknown, deployment: ResolvedDeployment): Res;
  createStreamMapper(deployment: ResolvedDeployment): StreamMapper<Chunk>;
}

export type ChatOperation = Operation<ChatCompletionRequest, ChatCompletion, ChatCompletionChunk>;
export type CompletionsOperation = Operation<CompletionRequest, Completion, Completion>;
export type EmbeddingsOperation = Omit<Operation<EmbeddingRequest, EmbeddingResponse, never>, 'createStreamMapper' | 'streamFraming'>;

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
  /** Request signing that needs async crypto (e.g. AWS SigV4). */
  sign?(request: HttpRequestSpec, deployment: ResolvedDeployment): Promise<HttpRequestSpec>;
  /** In-process providers (the `mock` provider) answer here instead of over the network. */
  serve?(request: HttpRequestSpec, signal: AbortSignal | undefined): RawResponse;
}
