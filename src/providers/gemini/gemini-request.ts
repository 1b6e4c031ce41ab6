// Builds Google AI Studio requests: `{api_base}/v1beta/models/{model}:{method}`, the key in the
// `x-goog-api-key` header (never in the URL, where it would reach access logs).
// https://ai.google.dev/api#request-body

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletionRequest, EmbeddingRequest } from '../../wire/openai/types.js';
import type { BuildContext, HttpRequestSpec, ResolvedDeployment } from '../types.js';
import { toBatchEmbedBody } from './gemini-embeddings.js';
import { toGeminiRequestBody } from './gemini-request-body.js';

export const defaultGeminiApiBase = 'https://generativelanguage.googleapis.com';

function headersOf(deployment: ResolvedDeployment): Record<string, string> {
  const key = deployment.apiKey;
  if (key === undefined || key === '') {
    throw new GatewayError('upstream_auth', { detail: `Deployment ${deployment.id} (gemini) has no api_key.` });
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-goog-api-key': key };
  for (const [name, value] of Object.entries(deployment.headers)) headers[name.toLowerCase()] = value;
  return headers;
}

/** `api_base` may be given with or without the version path, as LiteLLM users write it. */
function urlOf(deployment: ResolvedDeployment, method: string): string {
  const base = (deployment.apiBase ?? defaultGeminiApiBase).replace(/\/+$/, '').replace(/\/v1(?:beta)?$/, '');
  return `${base}/v1beta/models/${encodeURIComponent(deployment.model)}:${method}`;
}

export function buildGeminiChatRequest(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec {
  const method = ctx.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return { method: 'POST', url: urlOf(deployment, method), headers: headersOf(deployment), body: JSON.stringify(toGeminiRequestBody(request, deployment, ctx)) };
}

export function buildGeminiEmbeddingsRequest(request: EmbeddingRequest, deployment: ResolvedDeployment): HttpRequestSpec {
  return { method: 'POST', url: urlOf(deployment, 'batchEmbedContents'), headers: headersOf(deployment), body: JSON.stringify(toBatchEmbedBody(request, deployment)) };
}
