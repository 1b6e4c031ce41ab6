// The `mock` provider: OpenAI's wire format answered in-process, deterministically, with no network.
// Requests are built like OpenAI's (so the same forwarding path is exercised) and served by `serve`.

import { createOpenAIAdapter } from '../openai/openai-adapter.js';
import type { OpenAICompatibleProfile } from '../openai-compatible/profiles.js';
import type { BuildContext, HttpRequestSpec, ProviderAdapter, ResolvedDeployment } from '../types.js';
import { serveMock } from './serve-mock.js';

const mockProfile: OpenAICompatibleProfile = {
  name: 'mock',
  // `.invalid` never resolves: were a mock request ever sent over the network, it would go nowhere.
  defaultApiBase: 'http://mock.invalid/v1',
  requiresApiBase: false,
  authHeader: 'none-when-keyless',
  unsupportedParams: [],
};

const base = createOpenAIAdapter(mockProfile);

type Build<Req> = (request: Req, deployment: ResolvedDeployment, ctx: BuildContext) => HttpRequestSpec;

/** Carries the deployment's `mock_response` (which fixes the reply text) in the body, as LiteLLM does. */
function withMockResponse<Req extends object>(build: Build<Req>): Build<Req> {
  return (request, deployment, ctx) => {
    const fixed = deployment.extraParams['mock_response'];
    return build(typeof fixed === 'string' ? { ...request, mock_response: fixed } : request, deployment, ctx);
  };
}

export const mockAdapter: ProviderAdapter = {
  ...base,
  chat: { ...base.chat, buildRequest: withMockResponse(base.chat.buildRequest) },
  completions: { ...base.completions, buildRequest: withMockResponse(base.completions.buildRequest) },
  embeddings: { ...base.embeddings, buildRequest: withMockResponse(base.embeddings.buildRequest) },
  serve: serveMock,
};
