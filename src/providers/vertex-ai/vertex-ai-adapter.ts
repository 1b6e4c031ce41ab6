// The `vertex_ai` provider: Gemini models through `generateContent` and Claude models through
// `rawPredict`, chosen per deployment by model name; native Anthropic Messages for Claude; text
// embeddings through `predict`; a bearer token from a service account (or a static one) added by `sign`.

import { GatewayError } from '../../errors/gateway-error.js';
import { anthropicToChatCompletion, parseAnthropicMessage } from '../anthropic/response.js';
import { createAnthropicEventObserver } from '../anthropic/native-messages.js';
import { createAnthropicStreamMapper } from '../anthropic/stream.js';
import { parseGeminiResponse } from '../gemini/gemini-response.js';
import { createGeminiStreamMapper } from '../gemini/gemini-stream.js';
import type { ProviderAdapter, ResolvedDeployment } from '../types.js';
import { signVertexRequest } from './access-token.js';
import { buildVertexClaudeChatRequest, buildVertexClaudeMessagesRequest, isClaudeModel } from './vertex-claude.js';
import { vertexDeploymentProblems } from './vertex-endpoint.js';
import { classifyVertexError } from './vertex-errors.js';
import { buildVertexEmbeddingsRequest, parseVertexEmbeddings } from './vertex-embeddings.js';
import { buildVertexGeminiRequest } from './vertex-gemini.js';

function claudeOnly(deployment: ResolvedDeployment): void {
  if (!isClaudeModel(deployment)) {
    const message = `The model \`${deployment.modelName}\` is a Gemini model on Vertex AI; call it through /v1/chat/completions.`;
    throw new GatewayError('invalid_request', { param: 'model', message });
  }
}

export const vertexAiAdapter: ProviderAdapter = {
  name: 'vertex_ai',
  chat: {
    wire: 'translated',
    streamFraming: 'sse',
    buildRequest: (request, deployment, ctx) =>
      isClaudeModel(deployment) ? buildVertexClaudeChatRequest(request, deployment, ctx) : buildVertexGeminiRequest(request, deployment, ctx),
    parseResponse: (body, deployment) => (isClaudeModel(deployment) ? anthropicToChatCompletion(body) : parseGeminiResponse(body, deployment)),
    createStreamMapper: (deployment) => (isClaudeModel(deployment) ? createAnthropicStreamMapper(deployment) : createGeminiStreamMapper(deployment)),
  },
  messages: {
    wire: 'anthropic',
    appliesTo: isClaudeModel,
    streamFraming: 'sse',
    buildRequest: (request, deployment, ctx) => {
      claudeOnly(deployment);
      return buildVertexClaudeMessagesRequest(request, deployment, ctx);
    },
    parseResponse: (body) => parseAnthropicMessage(body),
    createStreamMapper: createAnthropicEventObserver,
  },
  embeddings: {
    wire: 'translated',
    buildRequest: (request, deployment) => buildVertexEmbeddingsRequest(request, deployment),
    parseResponse: parseVertexEmbeddings,
  },
  classifyError: classifyVertexError,
  checkDeployment: vertexDeploymentProblems,
  sign: signVertexRequest,
};
