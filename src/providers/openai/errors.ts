// Classifies a failed OpenAI-wire answer (status, headers, error body) into a GatewayError:
// context length, content filter, auth, bad request, timeout, rate limit, overload, server error.
// Relayed upstream messages are scrubbed of credentials and capped.

import { GatewayError } from '../../errors/gateway-error.js';
import type { ErrorCode } from '../../errors/gateway-error.js';
import { parseRetryAfterS } from '../retry-after.js';
import { scrubSecrets } from '../scrub-secrets.js';
import type { ResolvedDeployment, UpstreamFailure } from '../types.js';
import { readErrorBody } from './error-body.js';
import type { UpstreamErrorBody } from './error-body.js';

const contextLengthMessage = /maximum context length|context length|context window|too many tokens|prompt is too long/i;
const contentFilterCodes = new Set(['content_filter', 'content_policy_violation']);
/** 4xx statuses relayed as they are; other client errors become a plain 400. */
const keptStatuses = new Set([404, 413, 422]);

/** What one classification looks at. */
interface Failed {
  readonly failure: UpstreamFailure;
  readonly deployment: ResolvedDeployment;
  readonly info: UpstreamErrorBody;
}

/**
 * For logs: the upstream's structured fields only. Its free-text message may quote the prompt or
 * the output (at any status), so it goes to the requesting client at most, never to logs.
 */
function detailOf({ failure, deployment, info }: Failed): string {
  const fields = [`type=${info.type ?? '-'}`, `code=${info.code ?? '-'}`, `param=${info.param ?? '-'}`];
  return `${deployment.provider} deployment ${deployment.id} answered ${failure.status} (${fields.join(', ')})`;
}

/** A client-side error whose scrubbed upstream message and param are relayed to the client. */
function relayed(code: ErrorCode, failed: Failed): GatewayError {
  const { failure, deployment, info } = failed;
  const message = info.message === undefined ? undefined : scrubSecrets(info.message, { secrets: [deployment.apiKey] });
  return new GatewayError(code, {
    detail: detailOf(failed),
    ...(keptStatuses.has(failure.status) ? { status: failure.status } : {}),
    ...(message === undefined || message === '' ? {} : { message }),
    ...(info.param === undefined ? {} : { param: info.param }),
  });
}

function withRetryAfter(code: ErrorCode, failed: Failed): GatewayError {
  const retryAfterS = parseRetryAfterS(failed.failure.headers);
  return new GatewayError(code, { detail: detailOf(failed), ...(retryAfterS === undefined ? {} : { retryAfterS }) });
}

function isContextLength(info: UpstreamErrorBody): boolean {
  return info.code === 'context_length_exceeded' || (info.message !== undefined && contextLengthMessage.test(info.message));
}

function isContentFilter(info: UpstreamErrorBody): boolean {
  return (info.code !== undefined && contentFilterCodes.has(info.code)) || (info.type !== undefined && contentFilterCodes.has(info.type));
}

export function classifyOpenAIError(failure: UpstreamFailure, deployment: ResolvedDeployment): GatewayError {
  const status = failure.status;
  const failed: Failed = { failure, deployment, info: readErrorBody(failure.bodyText) };
  if (status >= 400 && status < 500) {
    if (isContextLength(failed.info)) return relayed('context_length_exceeded', failed);
    if (isContentFilter(failed.info)) return relayed('content_filtered', failed);
  }
  if (status === 401 || status === 403) return new GatewayError('upstream_auth', { detail: detailOf(failed) });
  if (status === 408) return new GatewayError('upstream_timeout', { detail: detailOf(failed) });
  if (status === 429) return withRetryAfter('rate_limited', failed);
  if (status === 503 || status === 529) return withRetryAfter('upstream_overloaded', failed);
  if (status >= 500) return withRetryAfter('upstream_error', failed);
  // A real OpenAI-wire client error always has an error body; anything else is a broken upstream.
  if (status >= 400 && failed.info.parsed) return relayed('invalid_request', failed);
  return new GatewayError('upstream_error', { detail: detailOf(failed) });
}
