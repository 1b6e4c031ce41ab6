// Gemini embeddings through `batchEmbedContents`: one request per input text, `dimensions` as
// `outputDimensionality`; the answer becomes an OpenAI embedding list. Gemini reports no token
// usage for this endpoint, so usage is 0. https://ai.google.dev/api/embeddings#method:-models.batchembedcontents

import { GatewayError } from '../../errors/gateway-error.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../../wire/openai/types.js';
import type { ResolvedDeployment } from '../types.js';
import type { GeminiBatchEmbedRequest } from './gemini-types.js';
import { isRecord } from './is-record.js';

/** The texts to embed, shared with Vertex AI; what Google's embedders cannot take is refused here. */
export function embeddingInputsOf(request: EmbeddingRequest): string[] {
  // The server asks translated embeddings for floats and encodes base64 itself; a base64 request
  // reaching here would get floats a client misreads as base64, so it is refused instead.
  if (request.encoding_format === 'base64') {
    const message = "Google embeddings are returned as floats: send encoding_format 'float'.";
    throw new GatewayError('unsupported_parameter', { param: 'encoding_format', message });
  }
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  if (!inputs.every((item): item is string => typeof item === 'string')) {
    throw new GatewayError('invalid_request', { param: 'input', message: 'Google models embed text only; token arrays are not supported.' });
  }
  return inputs;
}

export function toBatchEmbedBody(request: EmbeddingRequest, deployment: ResolvedDeployment): GeminiBatchEmbedRequest {
  const dimensions = request.dimensions ?? deployment.extraParams['dimensions'];
  const taskType = deployment.extraParams['task_type'];
  return {
    requests: embeddingInputsOf(request).map((text) => ({
      model: `models/${deployment.model}`,
      content: { parts: [{ text }] },
      ...(typeof dimensions === 'number' ? { outputDimensionality: dimensions } : {}),
      ...(typeof taskType === 'string' ? { taskType } : {}),
    })),
  };
}

export function parseBatchEmbedResponse(body: unknown, deployment: ResolvedDeployment): EmbeddingResponse {
  const embeddings = isRecord(body) ? body['embeddings'] : undefined;
  if (!Array.isArray(embeddings) || !embeddings.every((e) => isRecord(e) && Array.isArray(e['values']))) {
    throw new GatewayError('upstream_malformed', { detail: 'The Gemini answer is not an embedding list.' });
  }
  return {
    object: 'list',
    data: embeddings.map((e, index) => ({ object: 'embedding', index, embedding: (e as { values: number[] }).values })),
    model: deployment.model,
    usage: { prompt_tokens: 0, total_tokens: 0 },
  };
}
