// OpenAI's `encoding_format: "base64"` (little-endian float32, what the openai SDKs ask for by
// default) for providers that only return floats: their adapters are asked for floats, and the
// server encodes the canonical answer for the client.

import type { EmbeddingRequest, EmbeddingResponse } from '../../wire/openai/types.js';

export function wantsBase64(request: unknown): boolean {
  return (request as Partial<EmbeddingRequest>).encoding_format === 'base64';
}

/** The request a float-only adapter gets: the same, asking for floats. */
export function asFloatRequest<Req>(request: Req): Req {
  return { ...request, encoding_format: 'float' };
}

function base64Of(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i] ?? 0, i * 4);
  return bytes.toString('base64');
}

export function encodeEmbeddingsBase64(response: EmbeddingResponse): EmbeddingResponse {
  return {
    ...response,
    data: response.data.map((item) => (typeof item.embedding === 'string' ? item : { ...item, embedding: base64Of(item.embedding) })),
  };
}
