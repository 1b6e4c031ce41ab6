// Embeddings through Bedrock's InvokeModel (`POST /model/{id}/invoke`) for Amazon Titan text
// embeddings (one input per call) and Cohere Embed (a list per call), in and out of OpenAI's shape.
// https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html

import { GatewayError } from '../../errors/gateway-error.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../../wire/openai/types.js';
import type { BuildContext, HttpRequestSpec, ResolvedDeployment } from '../types.js';
import { bedrockUrl, modelIdOf } from './endpoint.js';

type Family = 'titan' | 'cohere';

function familyOf(deployment: ResolvedDeployment): Family {
  const id = modelIdOf(deployment);
  if (/(?:^|\.)amazon\.titan-embed-/.test(id)) return 'titan';
  if (/(?:^|\.)cohere\.embed-/.test(id)) return 'cohere';
  throw new GatewayError('invalid_request', { param: 'model', message: 'Bedrock embeddings support amazon.titan-embed-* and cohere.embed-* models.' });
}

function invalidInput(message: string): GatewayError {
  return new GatewayError('invalid_request', { param: 'input', message });
}

function textsOf(input: EmbeddingRequest['input']): string[] {
  const texts = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(texts) || !texts.every((text): text is string => typeof text === 'string')) {
    throw invalidInput('Bedrock embeddings take text input, not token arrays.');
  }
  return texts;
}

function titanBody(request: EmbeddingRequest, deployment: ResolvedDeployment): Record<string, unknown> {
  const texts = textsOf(request.input);
  // InvokeModel embeds one text per call for Titan, and an operation sends one request.
  if (texts.length !== 1) throw invalidInput('Amazon Titan on Bedrock embeds one input per request: send the inputs one at a time.');
  const normalize = request['normalize'] ?? deployment.extraParams['normalize'];
  return {
    inputText: texts[0],
    ...(request.dimensions === undefined ? {} : { dimensions: request.dimensions }),
    ...(typeof normalize === 'boolean' ? { normalize } : {}),
  };
}

function cohereBody(request: EmbeddingRequest, deployment: ResolvedDeployment): Record<string, unknown> {
  const inputType = request['input_type'] ?? deployment.extraParams['input_type'] ?? 'search_document';
  return { texts: textsOf(request.input), input_type: inputType };
}

export function buildEmbeddingRequest(request: EmbeddingRequest, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec {
  const family = familyOf(deployment);
  // The answer is floats and its parser cannot see the request: a client decoding base64 (the
  // openai SDK's default) would misread them, so refusing beats a wrong vector.
  if (request.encoding_format === 'base64') {
    throw new GatewayError('unsupported_parameter', { param: 'encoding_format', message: "Bedrock embeddings are returned as floats: send encoding_format 'float'." });
  }
  if (!ctx.dropParams && request.dimensions !== undefined && family === 'cohere') {
    throw new GatewayError('unsupported_parameter', { param: 'dimensions', message: "Cohere Embed on Bedrock has no 'dimensions'. Remove it, or set drop_params to drop it." });
  }
  const body = family === 'titan' ? titanBody(request, deployment) : cohereBody(request, deployment);
  return {
    method: 'POST',
    url: bedrockUrl(deployment, 'invoke'),
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  };
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

function vectorsOf(body: Record<string, unknown>, family: Family): { vectors: number[][]; tokens: number } {
  if (family === 'titan') {
    const tokens = body['inputTextTokenCount'];
    if (isVector(body['embedding'])) return { vectors: [body['embedding']], tokens: typeof tokens === 'number' ? tokens : 0 };
  } else {
    const raw = body['embeddings'];
    // With `embedding_types`, Cohere answers `{"float": [[...]]}` instead of a list.
    const list = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)['float'] : raw;
    if (Array.isArray(list) && list.every(isVector)) return { vectors: list, tokens: 0 };
  }
  throw new GatewayError('upstream_malformed', { detail: `The Bedrock ${family} embedding answer has no vectors.` });
}

export function parseEmbeddingResponse(body: unknown, deployment: ResolvedDeployment): EmbeddingResponse {
  if (typeof body !== 'object' || body === null) throw new GatewayError('upstream_malformed', { detail: 'The Bedrock embedding answer is not an object.' });
  const { vectors, tokens } = vectorsOf(body as Record<string, unknown>, familyOf(deployment));
  return {
    object: 'list',
    data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    model: modelIdOf(deployment),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
