// The OpenAI Responses API (`POST /v1/responses`) as a client dialect of Gatehouse: stateless, so
// every request carries its whole conversation. Wiring it to a route is the server's business.

import type { ClientDialect } from '../client-dialect.js';
import { fromChatCompletion } from './from-chat.js';
import { parseResponsesRequest } from './parse-request.js';
import { renderResponsesError } from './render-error.js';
import { ResponsesStreamEncoder } from './stream-encoder.js';
import { toChatRequest } from './to-chat.js';
import type { ResponsesRequest } from './types.js';

export const responsesDialect: ClientDialect<ResponsesRequest> = {
  name: 'responses',
  parseRequest: parseResponsesRequest,
  modelOf: (request) => request.model,
  streamOf: (request) => request.stream,
  maxTokensOf: (request) => request.max_output_tokens ?? undefined,
  toChatRequest,
  fromChatCompletion,
  createStreamEncoder: (request) => new ResponsesStreamEncoder(request),
  renderError: renderResponsesError,
};
