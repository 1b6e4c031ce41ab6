// Renders a GatewayError as Anthropic's error body, `{"type":"error","error":{"type","message"}}`,
// for responses and for the `error` event of a broken stream. Only the public message, never detail.
// https://docs.anthropic.com/en/api/errors

import type { GatewayError } from '../../errors/gateway-error.js';
import type { AnthropicErrorBody, AnthropicErrorType } from './types.js';

const typeByStatus: Readonly<Record<number, AnthropicErrorType>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'api_error',
  503: 'api_error',
  504: 'timeout_error',
  // Anthropic's own status for an overloaded API.
  529: 'overloaded_error',
};

export function anthropicErrorTypeOf(error: GatewayError): AnthropicErrorType {
  if (error.code === 'upstream_overloaded') return 'overloaded_error';
  return typeByStatus[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function anthropicErrorBody(error: GatewayError): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicErrorTypeOf(error), message: error.message } };
}

export function renderAnthropicError(error: GatewayError): string {
  return JSON.stringify(anthropicErrorBody(error));
}
