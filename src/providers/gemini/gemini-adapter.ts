// The `gemini` provider (Google AI Studio): chat translated to and from `generateContent`,
// streams from `streamGenerateContent?alt=sse`, embeddings through `batchEmbedContents`.

import type { ProviderAdapter } from '../types.js';
import { parseBatchEmbedResponse } from './gemini-embeddings.js';
import { classifyGeminiError } from './gemini-errors.js';
import { buildGeminiChatRequest, buildGeminiEmbeddingsRequest } from './gemini-request.js';
import { parseGeminiResponse } from './gemini-response.js';
import { createGeminiStreamMapper } from './gemini-stream.js';

export const geminiAdapter: ProviderAdapter = {
  name: 'gemini',
  chat: {
    wire: 'translated',
    streamFraming: 'sse',
    buildRequest: buildGeminiChatRequest,
    parseResponse: parseGeminiResponse,
    createStreamMapper: createGeminiStreamMapper,
  },
  embeddings: {
    wire: 'translated',
    buildRequest: buildGeminiEmbeddingsRequest,
    parseResponse: parseBatchEmbedResponse,
  },
  classifyError: classifyGeminiError,
  checkDeployment: (deployment) =>
    deployment.apiKey === undefined || deployment.apiKey === '' ? ['provider "gemini" needs litellm_params.api_key (a Google AI Studio API key)'] : [],
};
