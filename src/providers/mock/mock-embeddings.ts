// The mock provider's embeddings: unit vectors derived from a hash of each input, `dimensions`
// long (8 by default), as floats or as OpenAI's base64 of little-endian float32.

import type { EmbeddingRequest, EmbeddingResponse } from '../../wire/openai/types.js';
import { estimateTokens, stableHash } from './mock-text.js';

export const defaultMockDimensions = 8;

function inputsOf(input: EmbeddingRequest['input']): { key: string; tokens: number }[] {
  if (typeof input === 'string') return [{ key: input, tokens: estimateTokens(input.length) }];
  if (input.length > 0 && input.every((item) => typeof item === 'number')) {
    return [{ key: input.join(','), tokens: input.length }];
  }
  return (input as (string | number[])[]).map((item) =>
    typeof item === 'string'
      ? { key: item, tokens: estimateTokens(item.length) }
      : { key: item.join(','), tokens: item.length },
  );
}

/** xorshift32 from a seed: cheap, deterministic, good enough to spread vector components. */
function vectorOf(key: string, dimensions: number): Float32Array {
  let state = stableHash(key) || 1;
  const raw: number[] = [];
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const value = (state >>> 0) / 0x80000000 - 1;
    raw.push(value);
    norm += value * value;
  }
  const scale = norm === 0 ? 1 : 1 / Math.sqrt(norm);
  return Float32Array.from(raw, (value) => value * scale);
}

function base64Of(vector: Float32Array): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return Buffer.from(view.buffer).toString('base64');
}

export function mockEmbeddings(request: EmbeddingRequest): EmbeddingResponse {
  const dimensions = request.dimensions ?? defaultMockDimensions;
  const inputs = inputsOf(request.input);
  let tokens = 0;
  const data = inputs.map((input, index) => {
    tokens += input.tokens;
    const vector = vectorOf(input.key, dimensions);
    const embedding = request.encoding_format === 'base64' ? base64Of(vector) : Array.from(vector);
    return { object: 'embedding' as const, index, embedding };
  });
  return { object: 'list', data, model: request.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
