// Gemini models on Vertex AI: the same `generateContent` body and answers as Google AI Studio,
// sent to the project's regional publisher path; the bearer token is added by `sign`.
// https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference

import type { ChatCompletionRequest } from '../../wire/openai/types.js';
import { toGeminiRequestBody } from '../gemini/gemini-request-body.js';
import type { BuildContext, HttpRequestSpec, ResolvedDeployment } from '../types.js';
import { vertexHeaders, vertexModelUrl } from './vertex-endpoint.js';

export function buildVertexGeminiRequest(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec {
  const method = ctx.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return {
    method: 'POST',
    url: vertexModelUrl(deployment, 'google', method),
    headers: vertexHeaders(deployment),
    body: JSON.stringify(toGeminiRequestBody(request, deployment, ctx)),
  };
}
