// The outbound HTTP seam: one client sends every upstream request (undici pool per origin).
// Shapes here match `providers/types.ts` structurally; this folder imports only errors.

export interface OutboundRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/**
 * What cancels an upstream request: an AbortSignal, or anything shaped like one. The server's
 * per-request signal is such a lighter object (an AbortController costs microseconds per request).
 */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface SendOptions {
  /** Time allowed until the upstream's response headers arrive. */
  readonly headersTimeoutMs: number;
  /** Longest silence allowed between two body chunks. */
  readonly bodyTimeoutMs: number;
  /** Aborts the request at any stage (client gone, overall deadline). */
  readonly signal?: CancelSignal;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: AsyncIterable<Uint8Array>;
  /** Reads the whole body as text; fails with `upstream_malformed` past `maxBytes`. */
  text(maxBytes: number): Promise<string>;
  /** Discards the rest of the body and releases the connection. */
  dump(): void;
}

export interface UpstreamClient {
  /**
   * Sends the request. Transport failures become GatewayErrors: `upstream_timeout` (headers or
   * body timeout), `upstream_error` (connection refused/reset), never an unknown Error.
   */
  send(request: OutboundRequest, options: SendOptions): Promise<UpstreamResponse>;
  close(): Promise<void>;
}
