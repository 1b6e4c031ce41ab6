// The one error type of Gatehouse: a closed set of codes, each with its HTTP status, OpenAI error
// `type`, public message and retryability. Rendering into a dialect's body lives in `wire/`.
// Persisted and client-visible: add new codes, never repurpose old ones.

export interface ErrorSpec {
  readonly status: number;
  /** OpenAI error `type`. */
  readonly type: string;
  readonly publicMessage: string;
  /** May the router try the request again (same or another deployment)? */
  readonly retryable: boolean;
}

export const errorSpecs = {
  invalid_request: { status: 400, type: 'invalid_request_error', publicMessage: 'The request is invalid.', retryable: false },
  invalid_json: { status: 400, type: 'invalid_request_error', publicMessage: 'The request body is not valid JSON.', retryable: false },
  unsupported_parameter: { status: 400, type: 'invalid_request_error', publicMessage: 'A parameter is not supported by this model.', retryable: false },
  context_length_exceeded: { status: 400, type: 'invalid_request_error', publicMessage: "The input exceeds the model's context window.", retryable: false },
  content_filtered: { status: 400, type: 'invalid_request_error', publicMessage: "The provider's content policy rejected the request.", retryable: false },
  missing_api_key: { status: 401, type: 'authentication_error', publicMessage: 'No API key was provided. Send it as "Authorization: Bearer <key>".', retryable: false },
  invalid_api_key: { status: 401, type: 'authentication_error', publicMessage: 'The API key is not valid.', retryable: false },
  permission_denied: { status: 403, type: 'permission_error', publicMessage: 'This key is not allowed to do that.', retryable: false },
  not_found: { status: 404, type: 'invalid_request_error', publicMessage: 'Not found.', retryable: false },
  model_not_found: { status: 404, type: 'invalid_request_error', publicMessage: 'The model does not exist or this key cannot use it.', retryable: false },
  method_not_allowed: { status: 405, type: 'invalid_request_error', publicMessage: 'Method not allowed.', retryable: false },
  request_timeout: { status: 408, type: 'timeout_error', publicMessage: 'The request took too long to arrive.', retryable: false },
  payload_too_large: { status: 413, type: 'invalid_request_error', publicMessage: 'The request body is too large.', retryable: false },
  unsupported_media_type: { status: 415, type: 'invalid_request_error', publicMessage: 'The request body must be JSON (Content-Type: application/json).', retryable: false },
  rate_limited: { status: 429, type: 'rate_limit_error', publicMessage: 'Rate limit exceeded. Retry later.', retryable: true },
  budget_exceeded: { status: 429, type: 'budget_exceeded', publicMessage: 'The budget for this key is exhausted.', retryable: false },
  internal_error: { status: 500, type: 'api_error', publicMessage: 'Internal error.', retryable: false },
  upstream_error: { status: 502, type: 'api_error', publicMessage: 'The upstream provider failed.', retryable: true },
  upstream_malformed: { status: 502, type: 'api_error', publicMessage: 'The upstream provider sent a malformed response.', retryable: true },
  upstream_auth: { status: 502, type: 'api_error', publicMessage: 'The upstream provider rejected the configured credentials.', retryable: true },
  upstream_unavailable: { status: 503, type: 'api_error', publicMessage: 'No deployment of this model is available right now.', retryable: true },
  upstream_overloaded: { status: 503, type: 'api_error', publicMessage: 'The upstream provider is overloaded.', retryable: true },
  shared_state_unavailable: { status: 503, type: 'api_error', publicMessage: 'Limits and budgets cannot be checked right now (shared state unavailable). Retry later.', retryable: false },
  upstream_timeout: { status: 504, type: 'timeout_error', publicMessage: 'The upstream provider did not answer in time.', retryable: true },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorSpecs;

export interface GatewayErrorOptions {
  /** Replaces the code's public message; must never contain secrets or content. */
  readonly message?: string;
  /** The request parameter at fault, as OpenAI's `error.param`. */
  readonly param?: string;
  /** Private detail for logs only; never sent to a client. */
  readonly detail?: string;
  /** Seconds a client should wait before retrying (429/503). */
  readonly retryAfterS?: number;
  /** Overrides the code's status, e.g. a 429 relayed from upstream after retries. */
  readonly status?: number;
  readonly cause?: unknown;
}

export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly detail: string | undefined;
  readonly retryAfterS: number | undefined;
  readonly retryable: boolean;

  constructor(code: ErrorCode, options: GatewayErrorOptions = {}) {
    const spec: ErrorSpec = errorSpecs[code];
    super(options.message ?? spec.publicMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = options.status ?? spec.status;
    this.type = spec.type;
    this.param = options.param ?? null;
    this.detail = options.detail;
    this.retryAfterS = options.retryAfterS;
    this.retryable = spec.retryable;
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/** Anything thrown becomes a GatewayError; unknown failures are internal and keep no public detail. */
export function toGatewayError(value: unknown): GatewayError {
  if (value instanceof GatewayError) return value;
  const detail = value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  // shared-state/ imports nothing of ours, so its one error class is recognised by name.
  if (value instanceof Error && value.name === 'SharedStateUnavailableError') {
    return new GatewayError('shared_state_unavailable', { detail, cause: value, retryAfterS: 1 });
  }
  return new GatewayError('internal_error', { detail, cause: value });
}
