// Classifies a failed Azure OpenAI answer. Its error bodies are OpenAI's, plus an `innererror`
// whose `ResponsibleAIPolicyViolation` marks a content-filter refusal whatever the outer code says.
// https://learn.microsoft.com/en-us/azure/ai-services/openai/concepts/content-filter

import type { GatewayError } from '../../errors/gateway-error.js';
import { classifyOpenAIError } from '../openai/errors.js';
import type { ResolvedDeployment, UpstreamFailure } from '../types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body with `error.code` set to `content_filter` when only the inner error says so; else undefined. */
function asContentFilter(bodyText: string): string | undefined {
  if (!bodyText.includes('ResponsibleAIPolicyViolation')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const error = isRecord(body) ? body['error'] : undefined;
  const inner = isRecord(error) ? error['innererror'] : undefined;
  if (!isRecord(error) || !isRecord(inner) || inner['code'] !== 'ResponsibleAIPolicyViolation' || error['code'] === 'content_filter') return undefined;
  return JSON.stringify({ error: { ...error, code: 'content_filter' } });
}

export function classifyAzureError(failure: UpstreamFailure, deployment: ResolvedDeployment): GatewayError {
  const bodyText = failure.status >= 400 && failure.status < 500 ? asContentFilter(failure.bodyText) : undefined;
  return classifyOpenAIError(bodyText === undefined ? failure : { ...failure, bodyText }, deployment);
}
