// The adapter of OpenAI and of every server that speaks its wire format, built from a profile:
// chat, completions and embeddings forwarded in OpenAI's own shape, errors classified.

import type { OpenAICompatibleProfile } from '../openai-compatible/profiles.js';
import { openaiProfile } from '../openai-compatible/profiles.js';
import type { ProviderAdapter } from '../types.js';
import { classifyOpenAIError } from './errors.js';
import { createOpenAIRequestBuilder } from './request.js';
import type { OpenAITarget } from './request.js';
import { chatParams, completionParams, embeddingParams } from './request-params.js';
import { parseChatCompletion, parseCompletion, parseEmbeddingResponse } from './response.js';
import { createOpenAIStreamMapper } from './stream.js';

/** An adapter with every operation of OpenAI's wire format. */
export type OpenAIWireAdapter = ProviderAdapter & Required<Pick<ProviderAdapter, 'chat' | 'completions' | 'embeddings'>>;

/** `target` replaces the profile's URL and auth rules for providers with their own (Azure OpenAI). */
export function createOpenAIAdapter(profile: OpenAICompatibleProfile, target?: OpenAITarget): OpenAIWireAdapter {
  return {
    name: profile.name,
    chat: {
      wire: 'openai',
      streamFraming: 'sse',
      buildRequest: createOpenAIRequestBuilder(profile, { path: '/chat/completions', knownParams: chatParams }, target),
      parseResponse: parseChatCompletion,
      createStreamMapper: createOpenAIStreamMapper,
    },
    completions: {
      wire: 'openai',
      streamFraming: 'sse',
      buildRequest: createOpenAIRequestBuilder(profile, { path: '/completions', knownParams: completionParams }, target),
      parseResponse: parseCompletion,
      createStreamMapper: createOpenAIStreamMapper,
    },
    embeddings: {
      wire: 'openai',
      buildRequest: createOpenAIRequestBuilder(profile, { path: '/embeddings', knownParams: embeddingParams }, target),
      parseResponse: parseEmbeddingResponse,
    },
    classifyError: classifyOpenAIError,
    checkDeployment: (deployment) =>
      profile.requiresApiBase && deployment.apiBase === undefined
        ? [`provider "${profile.name}" needs litellm_params.api_base (the server's URL, e.g. http://127.0.0.1:8000/v1)`]
        : [],
  };
}

export const openaiAdapter: OpenAIWireAdapter = createOpenAIAdapter(openaiProfile);
