// Builds the HTTP request to Anthropic's Messages endpoint: URL from `api_base`, the key and
// version headers, beta flags, and the body (translated for chat, forwarded for native Messages).
// It sends nothing; `upstream/` does. https://docs.anthropic.com/en/api/overview#authentication

import { GatewayError } from '../../errors/gateway-error.js';
import type { AnthropicMessagesRequest } from '../../wire/anthropic/types.js';
import type { ChatCompletionRequest } from '../../wire/openai/types.js';
import type { BuildContext, HttpRequestSpec, ResolvedDeployment } from '../types.js';
import { chatToAnthropicBody } from './chat-body.js';

export const defaultAnthropicApiBase = 'https://api.anthropic.com';
/** https://docs.anthropic.com/en/api/versioning */
export const defaultAnthropicVersion = '2023-06-01';

/** `api_base` with or without `/v1` (or the whole `/v1/messages`), as LiteLLM users write it. */
export function anthropicMessagesUrl(apiBase: string | undefined): string {
  const base = (apiBase === undefined || apiBase === '' ? defaultAnthropicApiBase : apiBase).replace(/\/+$/, '');
  if (base.endsWith('/v1/messages')) return base;
  return `${base.replace(/\/v1$/, '')}/v1/messages`;
}

/** Comma-separated beta flags from both sources, each once. */
function mergedBetas(...lists: (string | undefined)[]): string | undefined {
  const flags = lists.flatMap((list) => (list ?? '').split(',')).map((flag) => flag.trim()).filter((flag) => flag !== '');
  return flags.length === 0 ? undefined : [...new Set(flags)].join(',');
}

export function anthropicHeaders(deployment: ResolvedDeployment, ctx: BuildContext): Record<string, string> {
  const key = deployment.apiKey;
  if (key === undefined || key === '') {
    throw new GatewayError('upstream_auth', { detail: `Deployment ${deployment.id} (${deployment.provider}) has no api_key.` });
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-api-key': key,
    'anthropic-version': deployment.apiVersion ?? defaultAnthropicVersion,
  };
  for (const [name, value] of Object.entries(deployment.headers)) headers[name.toLowerCase()] = value;
  const betas = mergedBetas(headers['anthropic-beta'], ctx.anthropicBeta);
  if (betas !== undefined) headers['anthropic-beta'] = betas;
  return headers;
}

export function buildAnthropicChatRequest(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec {
  const body = { model: deployment.model, ...chatToAnthropicBody(request, deployment, ctx) };
  return { method: 'POST', url: anthropicMessagesUrl(deployment.apiBase), headers: anthropicHeaders(deployment, ctx), body: JSON.stringify(body) };
}

/** Native Messages: the client's body with only the model replaced (its fields keep their order). */
export function buildAnthropicMessagesRequest(request: AnthropicMessagesRequest, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec {
  const body = { ...request, model: deployment.model };
  return { method: 'POST', url: anthropicMessagesUrl(deployment.apiBase), headers: anthropicHeaders(deployment, ctx), body: JSON.stringify(body) };
}
