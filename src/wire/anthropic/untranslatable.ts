// The 400 for an Anthropic feature that has no canonical (OpenAI chat) form, so a request through a
// translating provider is refused by name rather than silently losing part of what the client sent.

import { GatewayError } from '../../errors/gateway-error.js';

export function untranslatable(param: string, what: string): GatewayError {
  return new GatewayError('unsupported_parameter', {
    param,
    message: `${param}: ${what} cannot be translated for this model; it is available only on models served through the Anthropic Messages API.`,
  });
}
