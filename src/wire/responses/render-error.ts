// The Responses dialect's error body: OpenAI's own (`{ error: { message, type, param, code } }`),
// which the openai SDK and the Vercel AI SDK already parse for /v1/responses.

import type { GatewayError } from '../../errors/gateway-error.js';
import { renderOpenAiError } from '../openai/render-error.js';

export function renderResponsesError(error: GatewayError): string {
  return renderOpenAiError(error);
}
