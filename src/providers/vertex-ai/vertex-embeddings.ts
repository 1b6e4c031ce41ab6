// Text embeddings on Vertex AI through the publisher model's `:predict`: one instance per input,
// `dimensions` as `outputDimensionality`; the answer's per-input token counts become usage.
// https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api

import { GatewayError } from '../../errors/gateway-error.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../../wire/openai/types.js';
import { embeddingInputsOf } from '../gemini/gemini-embeddings.js';
import { isRecord } from '../gemini/is-record.js';
import type { HttpRequestSpec, ResolvedDeployment } from '../types.js';
import { vertexHeaders, vertexModelUrl } from './vertex-endpoint.js';

export function buildVertexEmbeddingsRequest(request: EmbeddingRequest, deployment: ResolvedDeployment): HttpRequestSpec {
  const dimensions = request.dimensions ?? deployment.extraParams['dimensions'];
  const taskType = deployment.extraParams['task_type'];
  const body = {
    instances: embeddingInputsOf(request).map((content) => ({ content, ...(typeof taskType === 'string' ? { task_type: taskType } : {}) })),
    ...(typeof dimensions === 'number' ? { parameters: { outputDimensionality: dimensions } } : {}),
  };
  return { method: 'POST', url: vertexModelUrl(deployment, 'google', 'predict'), headers: vertexHeaders(deployment), body: JSON.stringify(body) };
}

/** `{"predictions":[{"embeddings":{"values":[...],"statistics":{"token_count":6}}}]}` */
export function parseVertexEmbeddings(body: unknown, deployment: ResolvedDeployment): EmbeddingResponse {
  const predictions = isRecord(body) ? body['predictions'] : undefined;
  const embeddings = Array.isArray(predictions) ? predictions.map((p) => (isRecord(p) ? p['embeddings'] : undefined)) : [];
  if (!Array.isArray(predictions) || !embeddings.every((e) => isRecord(e) && Array.isArray(e['values']))) {
    throw new GatewayError('upstream_malformed', { detail: 'The Vertex AI answer is not an embedding prediction list.' });
  }
  let tokens = 0;
  const data = (embeddings as Record<string, unknown>[]).map((e, index) => {
    const statistics = e['statistics'];
    const count = isRecord(statistics) ? statistics['token_count'] : undefined;
    if (typeof count === 'number') tokens += count;
    return { object: 'embedding' as const, index, embedding: e['values'] as number[] };
  });
  return { object: 'list', data, model: deployment.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
