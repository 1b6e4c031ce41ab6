// Classifies Bedrock failures, whether an HTTP answer (`x-amzn-errortype` header, `{"message"}` body)
// or an exception message inside a ConverseStream, into a GatewayError. Relayed messages are
// scrubbed of the deployment's AWS credentials and capped.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors

import { GatewayError } from '../../errors/gateway-error.js';
import type { ErrorCode } from '../../errors/gateway-error.js';
import { parseRetryAfterS } from '../retry-after.js';
import { scrubSecrets } from '../scrub-secrets.js';
import type { ResolvedDeployment, UpstreamFailure } from '../types.js';
import { secretsOf } from './endpoint.js';

/** AWS error types by meaning; the type wins over the status when both are known. */
const codeOfType: Readonly<Record<string, ErrorCode>> = {
  AccessDeniedException: 'upstream_auth',
  UnrecognizedClientException: 'upstream_auth',
  InvalidSignatureException: 'upstream_auth',
  ExpiredTokenException: 'upstream_auth',
  MissingAuthenticationTokenException: 'upstream_auth',
  IncompleteSignatureException: 'upstream_auth',
  ThrottlingException: 'rate_limited',
  TooManyRequestsException: 'rate_limited',
  ServiceQuotaExceededException: 'rate_limited',
  ServiceUnavailableException: 'upstream_overloaded',
  ModelNotReadyException: 'upstream_overloaded',
  ModelTimeoutException: 'upstream_timeout',
  InternalServerException: 'upstream_error',
  ModelErrorException: 'upstream_error',
  ModelStreamErrorException: 'upstream_error',
  ValidationException: 'invalid_request',
  ResourceNotFoundException: 'invalid_request',
};

const contextLengthMessage = /too long|max(?:imum)? tokens|context (?:length|window)|too many (?:input )?tokens|exceeds? the (?:maximum|max)/i;

function header(failure: UpstreamFailure, name: string): string | undefined {
  const value = failure.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `ValidationException:http://internal.amazon.com/...` and `com.amazon...#ValidationException` -> `ValidationException`. */
function bareType(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const name = raw.split(':')[0] ?? raw;
  return name.slice(name.lastIndexOf('#') + 1);
}

function readBody(bodyText: string): { message: string | undefined; type: string | undefined } {
  try {
    const body = JSON.parse(bodyText) as unknown;
    if (typeof body !== 'object' || body === null) return { message: undefined, type: undefined };
    const fields = body as Record<string, unknown>;
    const message = fields['message'] ?? fields['Message'];
    const type = fields['__type'];
    return { message: typeof message === 'string' ? message : undefined, type: typeof type === 'string' ? type : undefined };
  } catch {
    return { message: undefined, type: undefined };
  }
}

function codeOfStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'upstream_auth';
  if (status === 408) return 'upstream_timeout';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'upstream_overloaded';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'upstream_error';
}

export interface BedrockFailure {
  readonly status: number;
  readonly type: string | undefined;
  readonly message: string | undefined;
  readonly retryAfterS: number | undefined;
}

/** The typed error of one failure; only client-side messages reach the client, scrubbed. */
export function bedrockError(failure: BedrockFailure, deployment: ResolvedDeployment): GatewayError {
  const code = (failure.type === undefined ? undefined : codeOfType[failure.type]) ?? codeOfStatus(failure.status);
  const detail = `bedrock deployment ${deployment.id} answered ${failure.status} (type=${failure.type ?? '-'})`;
  if (code !== 'invalid_request') {
    return new GatewayError(code, { detail, ...(failure.retryAfterS === undefined ? {} : { retryAfterS: failure.retryAfterS }) });
  }
  const message = failure.message === undefined ? undefined : scrubSecrets(failure.message, { secrets: secretsOf(deployment) });
  const contextLength = failure.type === 'ValidationException' && message !== undefined && contextLengthMessage.test(message);
  return new GatewayError(contextLength ? 'context_length_exceeded' : 'invalid_request', {
    detail,
    ...(failure.status === 404 ? { status: 404 } : {}),
    ...(message === undefined || message === '' ? {} : { message }),
  });
}

export function classifyBedrockError(failure: UpstreamFailure, deployment: ResolvedDeployment): GatewayError {
  const body = readBody(failure.bodyText);
  const type = bareType(header(failure, 'x-amzn-errortype')) ?? bareType(body.type);
  return bedrockError({ status: failure.status, type, message: body.message, retryAfterS: parseRetryAfterS(failure.headers) }, deployment);
}

/** Statuses AWS documents for the exceptions a ConverseStream can carry mid-stream. */
const streamStatus: Readonly<Record<string, number>> = {
  ValidationException: 400, ThrottlingException: 429, ServiceUnavailableException: 503,
  ModelStreamErrorException: 424, InternalServerException: 500, ModelTimeoutException: 408,
};

/** An exception message of a stream (`exception:throttlingException`, payload `{"message"}`). */
export function streamExceptionError(exceptionType: string, payload: string, deployment: ResolvedDeployment): GatewayError {
  const type = exceptionType.charAt(0).toUpperCase() + exceptionType.slice(1);
  const { message } = readBody(payload);
  return bedrockError({ status: streamStatus[type] ?? 500, type, message, retryAfterS: undefined }, deployment);
}
