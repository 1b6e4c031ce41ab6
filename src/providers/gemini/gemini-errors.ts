// Classifies a failed Google API answer (`{"error":{"code","message","status","details"}}`, AI
// Studio and Vertex AI alike) into a GatewayError by its canonical status. Relayed messages are
// scrubbed of credentials. https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes

import { GatewayError } from '../../errors/gateway-error.js';
import type { ErrorCode } from '../../errors/gateway-error.js';
import { parseRetryAfterS } from '../retry-after.js';
import { scrubSecrets } from '../scrub-secrets.js';
import type { ResolvedDeployment, UpstreamFailure } from '../types.js';
import { isRecord } from './is-record.js';

interface GoogleError {
  readonly parsed: boolean;
  readonly status: string | undefined;
  readonly message: string | undefined;
  readonly details: readonly unknown[];
}

const contextLength = /input token count.*exceeds|exceeds the maximum number of tokens|prompt is too long|context (?:length|window)/i;
const keptStatuses = new Set([404, 413]);

/** Vertex AI streams wrap the error in a one-element list. */
export function readGoogleError(bodyText: string): GoogleError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { parsed: false, status: undefined, message: undefined, details: [] };
  }
  const first: unknown = Array.isArray(body) ? body[0] : body;
  const error = isRecord(first) && isRecord(first['error']) ? first['error'] : undefined;
  if (error === undefined) return { parsed: false, status: undefined, message: undefined, details: [] };
  return {
    parsed: true,
    status: typeof error['status'] === 'string' ? error['status'] : undefined,
    message: typeof error['message'] === 'string' ? error['message'] : undefined,
    details: Array.isArray(error['details']) ? error['details'] : [],
  };
}

function detailWith(type: string, key: string, error: GoogleError): unknown {
  const found = error.details.find((d) => isRecord(d) && typeof d['@type'] === 'string' && d['@type'].endsWith(type));
  return isRecord(found) ? found[key] : undefined;
}

/** `RetryInfo.retryDelay` ("37s", "1.5s") wins over the headers. https://cloud.google.com/apis/design/errors#retryinfo */
function retryAfterOf(failure: UpstreamFailure, error: GoogleError): number | undefined {
  const delay = detailWith('google.rpc.RetryInfo', 'retryDelay', error);
  const seconds = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay)?.[1] : undefined;
  return seconds === undefined ? parseRetryAfterS(failure.headers) : Number(seconds);
}

function isBadKey(error: GoogleError): boolean {
  return detailWith('google.rpc.ErrorInfo', 'reason', error) === 'API_KEY_INVALID' || /API key not valid/i.test(error.message ?? '');
}

export interface GoogleErrorOptions {
  /** Credentials that must never reach a client, besides the deployment's api_key. */
  readonly secrets?: readonly string[];
}

export function classifyGoogleError(failure: UpstreamFailure, deployment: ResolvedDeployment, options: GoogleErrorOptions = {}): GatewayError {
  const error = readGoogleError(failure.bodyText);
  const { status } = failure;
  const detail = `${deployment.provider} deployment ${deployment.id} answered ${status} (status=${error.status ?? '-'})`;
  const relayed = (code: ErrorCode): GatewayError => {
    const message = error.message === undefined ? undefined : scrubSecrets(error.message, { secrets: [deployment.apiKey, ...(options.secrets ?? [])] });
    return new GatewayError(code, { detail, ...(keptStatuses.has(status) ? { status } : {}), ...(message ? { message } : {}) });
  };
  const waiting = (code: ErrorCode): GatewayError => {
    const retryAfterS = retryAfterOf(failure, error);
    return new GatewayError(code, { detail, ...(retryAfterS === undefined ? {} : { retryAfterS }) });
  };
  if (status === 401 || status === 403 || error.status === 'UNAUTHENTICATED' || error.status === 'PERMISSION_DENIED' || isBadKey(error)) {
    return new GatewayError('upstream_auth', { detail });
  }
  if (status === 429 || error.status === 'RESOURCE_EXHAUSTED') return waiting('rate_limited');
  if (status === 503 || error.status === 'UNAVAILABLE') return waiting('upstream_overloaded');
  if (status === 504 || error.status === 'DEADLINE_EXCEEDED') return new GatewayError('upstream_timeout', { detail });
  if (status >= 500) return waiting('upstream_error');
  if (status >= 400 && error.parsed) {
    return relayed(contextLength.test(error.message ?? '') ? 'context_length_exceeded' : 'invalid_request');
  }
  return new GatewayError('upstream_error', { detail });
}

export function classifyGeminiError(failure: UpstreamFailure, deployment: ResolvedDeployment): GatewayError {
  return classifyGoogleError(failure, deployment);
}
