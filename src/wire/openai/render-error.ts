// Renders a GatewayError as the OpenAI error body (`{ error: { message, type, param, code } }`),
// for responses and for the final event of a broken stream. Never includes private detail.

import type { GatewayError } from '../../errors/gateway-error.js';

export function renderOpenAiError(error: GatewayError): string {
  return JSON.stringify({
    error: { message: error.message, type: error.type, param: error.param, code: error.code },
  });
}
