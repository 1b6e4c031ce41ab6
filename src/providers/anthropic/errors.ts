// Classifies a failed Anthropic answer (`{"type":"error","error":{"type","message"}}`, or a bare
// status when a proxy answered) into a GatewayError. Reads no stream; `stream.ts` feeds error events here.
// https://docs.anthropic.com/en/api/errors

import { GatewayError } from '../../errors/gateway-error.js';
import type { ErrorCode } from '../../errors/gateway-error.js';
import { parseRetryAfterS } from '../retry-after.js';
import { scrubSecrets } from '../scrub-secrets.js';
import type { ResolvedDeployment, UpstreamFailure } from '../types.js';

interface AnthropicErrorInfo {
  readonly type: string | undefined;
  readonly message: string | undefined;
}

interface Failed {
  readonly failure: UpstreamFailure;
  readonly deployment: ResolvedDeployment;
  readonly info: AnthropicErrorInfo;
}

/** Anthropic words it "prompt is too long: 212345 tokens > 200000 maximum". */
const contextLengthMessage = /prompt is too long|context window|context length|too many tokens/i;

/** The status Anthropic documents for each error type, for errors that arrive inside a stream. */
export const anthropicErrorStatus: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

function readError(bodyText: string): AnthropicErrorInfo {
  try {
    const body = JSON.parse(bodyText) as unknown;
    const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error !== 'object' || error === null) return { type: undefined, message: undefined };
    const { type, message } = error as Record<string, unknown>;
    return { type: typeof type === 'string' ? type : undefined, message: typeof message === 'string' ? message : undefined };
  } catch {
    return { type: undefined, message: undefined };
  }
}

/** For logs: the structured fields only; the free-text message may quote the prompt. */
function detailOf({ failure, deployment, info }: Failed): string {
  return `${deployment.provider} deployment ${deployment.id} answered ${failure.status} (type=${info.type ?? '-'})`;
}

function relayed(code: ErrorCode, failed: Failed, status?: number): GatewayError {
  const raw = failed.info.message;
  const message = raw === undefined ? undefined : scrubSecrets(raw, { secrets: [failed.deployment.apiKey] });
  return new GatewayError(code, {
    detail: detailOf(failed),
    ...(status === undefined ? {} : { status }),
    ...(message === undefined || message === '' ? {} : { message }),
  });
}

function withRetryAfter(code: ErrorCode, failed: Failed): GatewayError {
  const retryAfterS = parseRetryAfterS(failed.failure.headers);
  return new GatewayError(code, { detail: detailOf(failed), ...(retryAfterS === undefined ? {} : { retryAfterS }) });
}

function byType(failed: Failed): GatewayError | undefined {
  switch (failed.info.type) {
    case 'invalid_request_error':
      if (contextLengthMessage.test(failed.info.message ?? '')) return relayed('context_length_exceeded', failed);
      return relayed('invalid_request', failed);
    case 'authentication_error':
    case 'permission_error':
    case 'billing_error':
      return new GatewayError('upstream_auth', { detail: detailOf(failed) });
    case 'not_found_error':
      return relayed('invalid_request', failed, 404);
    case 'request_too_large':
      return new GatewayError('payload_too_large', { detail: detailOf(failed) });
    case 'rate_limit_error':
      return withRetryAfter('rate_limited', failed);
    case 'overloaded_error':
      return withRetryAfter('upstream_overloaded', failed);
    case 'timeout_error':
      return new GatewayError('upstream_timeout', { detail: detailOf(failed) });
    case 'api_error':
      return withRetryAfter('upstream_error', failed);
    default:
      return undefined;
  }
}

function byStatus(failed: Failed): GatewayError {
  const status = failed.failure.status;
  if (status === 401 || status === 403) return new GatewayError('upstream_auth', { detail: detailOf(failed) });
  if (status === 408 || status === 504) return new GatewayError('upstream_timeout', { detail: detailOf(failed) });
  if (status === 413) return new GatewayError('payload_too_large', { detail: detailOf(failed) });
  if (status === 429) return withRetryAfter('rate_limited', failed);
  if (status === 503 || status === 529) return withRetryAfter('upstream_overloaded', failed);
  return withRetryAfter('upstream_error', failed);
}

export function classifyAnthropicError(failure: UpstreamFailure, deployment: ResolvedDeployment): GatewayError {
  const failed: Failed = { failure, deployment, info: readError(failure.bodyText) };
  return byType(failed) ?? byStatus(failed);
}
