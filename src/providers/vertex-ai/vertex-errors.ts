// Classifies a failed Vertex AI answer by its body: Anthropic's `{"type":"error",...}` from Claude
// models, else Google's `{"error":{...}}` (which Vertex also sends for Claude quota and auth errors).

import type { GatewayError } from '../../errors/gateway-error.js';
import { classifyAnthropicError } from '../anthropic/errors.js';
import { classifyGoogleError } from '../gemini/gemini-errors.js';
import type { ResolvedDeployment, UpstreamFailure } from '../types.js';

function isAnthropicError(bodyText: string): boolean {
  try {
    const body: unknown = JSON.parse(bodyText);
    return typeof body === 'object' && body !== null && (body as { type?: unknown }).type === 'error';
  } catch {
    return false;
  }
}

export function classifyVertexError(failure: UpstreamFailure, deployment: ResolvedDeployment): GatewayError {
  return isAnthropicError(failure.bodyText) ? classifyAnthropicError(failure, deployment) : classifyGoogleError(failure, deployment);
}
