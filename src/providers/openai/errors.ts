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

function detailOf(failure: UpstreamFailure, deployment: ResolvedDeployment, info: UpstreamErrorBody, withMessage: boolean): string {
  const fields = [`type=${info.type ?? '-'}`, `code=${info.code ?? '-'}`, `param=${info.param ?? '-'}`];
  // Request errors may quote the request: their message goes to the client only, never to logs.
  const message = withMessage && info.message !== undefined ? `: ${scrubSecrets(info.message, { secrets: [deployment.apiKey], maxChars: 300 })}` : '';
  return `${deployment.provider} deployment ${deployment.id} answered ${failure.status} (${fields.join(', ')})${message}`;
}

function relayed(code: ErrorCode, info: UpstreamErrorBody, deployment: ResolvedDeployment, detail: string, status?: number): GatewayError {
  const message = info.message === undefined ? undefined : scrubSecrets(info.message, { secrets: [deployment.apiKey] });
  return new GatewayError(code, {
    detail,
    ...(status !== undefined && keptStatuses.has(status) ? { status } : {}),
    ...(message === undefined || message === '' ? {} : { message }),
    ...(info.param === undefined ? {} : { param: info.param }),
  });
}

function serverError(status: number, failure: UpstreamFailure, detail: string): GatewayError {
  const retryAfterS = parseRetryAfterS(failure.headers);
  const code: ErrorCode = status === 503 || status === 529 ? 'upstream_overloaded' : 'upstream_error';
  return new GatewayError(code, { detail, ...(retryAfterS === undefined ? {} : { retryAfterS }) });
}

export function classifyOpenAIError(failure: UpstreamFailure, deployment: ResolvedDeployment): GatewayError {
  const status = failure.status;
  const info = readErrorBody(failure.bodyText);
  const quiet = detailOf(failure, deployment, info, false);
  if (status >= 400 && status < 500) {
    if (info.code === 'context_length_exceeded' || (info.message !== undefined && contextLengthMessage.test(info.message))) {
      return relayed('context_length_exceeded', info, deployment, quiet);
    }
    if ((info.code !== undefined && contentFilterCodes.has(info.code)) || (info.type !== undefined && contentFilterCodes.has(info.type))) {
      return relayed('content_filtered', info, deployment, quiet);
    }
  }
  const loud = detailOf(failure, deployment, info, true);
  if (status === 401 || status === 403) return new GatewayError('upstream_auth', { detail: loud });
  if (status === 408) return new GatewayError('upstream_timeout', { detail: loud });
  if (status === 429) {
    const retryAfterS = parseRetryAfterS(failure.headers);
    return new GatewayError('rate_limited', { detail: loud, ...(retryAfterS === undefined ? {} : { retryAfterS }) });
  }
  if (status >= 500) return serverError(status, failure, loud);
  // A real OpenAI-wire client error always has an error body; anything else is a broken upstream.
  if (status >= 400 && info.parsed) return relayed('invalid_request', info, deployment, quiet, status);
  return new GatewayError('upstream_error', { detail: quiet });
}
