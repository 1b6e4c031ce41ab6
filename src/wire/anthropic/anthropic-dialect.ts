// The Anthropic Messages client dialect (`/v1/messages`): the pure functions of `ClientDialect` tied
// together. Transport, routing and accounting are the server's.

import type { ClientDialect } from '../client-dialect.js';
import type { AnthropicMessagesRequest } from './types.js';
import { fromChatCompletion } from './from-chat.js';
import { parseMessagesRequest } from './parse-request.js';
import { renderAnthropicError } from './render-error.js';
import { createAnthropicStreamEncoder } from './stream-encoder.js';
import { toChatRequest } from './to-chat.js';

export const anthropicDialect: ClientDialect<AnthropicMessagesRequest> = {
  name: 'anthropic',
  parseRequest: parseMessagesRequest,
  modelOf: (request) => request.model,
  streamOf: (request) => request.stream === true,
  maxTokensOf: (request) => request.max_tokens,
  toChatRequest,
  fromChatCompletion,
  createStreamEncoder: createAnthropicStreamEncoder,
  renderError: renderAnthropicError,
};
