// The adapter of Anthropic's Messages API: OpenAI-style chat translated to and from Messages, and
// native Messages forwarded as they are. Pure data-to-data; `upstream/` sends.
// https://docs.anthropic.com/en/api/messages

import type { ProviderAdapter } from '../types.js';
import { classifyAnthropicError } from './errors.js';
import { createAnthropicEventObserver } from './native-messages.js';
import { buildAnthropicChatRequest, buildAnthropicMessagesRequest } from './request.js';
import { anthropicToChatCompletion, parseAnthropicMessage } from './response.js';
import { createAnthropicStreamMapper } from './stream.js';

export const anthropicAdapter: ProviderAdapter = {
  name: 'anthropic',
  chat: {
    wire: 'translated',
    streamFraming: 'sse',
    buildRequest: buildAnthropicChatRequest,
    parseResponse: anthropicToChatCompletion,
    createStreamMapper: createAnthropicStreamMapper,
  },
  messages: {
    wire: 'anthropic',
    streamFraming: 'sse',
    buildRequest: buildAnthropicMessagesRequest,
    parseResponse: parseAnthropicMessage,
    createStreamMapper: createAnthropicEventObserver,
  },
  classifyError: classifyAnthropicError,
  checkDeployment: (deployment) =>
    deployment.apiKey === undefined || deployment.apiKey === ''
      ? ['provider "anthropic" needs litellm_params.api_key (for example api_key: os.environ/ANTHROPIC_API_KEY)']
      : [],
};
