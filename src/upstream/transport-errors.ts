// Turns whatever the transport throws into a GatewayError (timeouts, refused or reset connections,
// DNS, TLS, protocol errors) or an AbortError the caller can recognise. Classifies no HTTP status.

import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { CancelSignal } from './types.js';

const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const malformedCodes = new Set(['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_HEADERS_OVERFLOW', 'HPE_INVALID_CONSTANT']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for the error `send` (or a body read) throws when the caller's signal aborted it. */
export function isAbortError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'AbortError' || codeOf(error) === 'ABORT_ERR';
}

/**
 * What to throw when the caller's signal fired: its reason when that is a GatewayError (an overall
 * deadline, say), otherwise a DOMException named AbortError.
 */
export function abortErrorOf(signal: CancelSignal): Error {
  const reason: unknown = signal.reason;
  if (isGatewayError(reason)) return reason;
  return new DOMException('The upstream request was aborted.', 'AbortError');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = codeOf(error);
  const cause = error.cause instanceof Error ? ` (cause: ${describe(error.cause)})` : '';
  return `${error.name}${code === undefined ? '' : ` ${code}`}: ${error.message}${cause}`;
}

/** Maps a transport failure; the public message stays generic, `detail` keeps the cause for logs. */
export function toTransportError(error: unknown, signal: CancelSignal | undefined): Error {
  if (signal?.aborted === true) return abortErrorOf(signal);
  if (isGatewayError(error)) return error;
  const code = codeOf(error);
  const detail = describe(error);
  if (code !== undefined && timeoutCodes.has(code)) return new GatewayError('upstream_timeout', { detail, cause: error });
  if (code !== undefined && (malformedCodes.has(code) || code.startsWith('HPE_'))) {
    return new GatewayError('upstream_malformed', { detail, cause: error });
  }
  return new GatewayError('upstream_error', { detail, cause: error });
}
