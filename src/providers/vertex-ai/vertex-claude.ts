// Claude models on Vertex AI: Anthropic's Messages body without `model` and with Vertex's
// `anthropic_version`, posted to `:rawPredict` (`:streamRawPredict` for streams); answers and
// streams are Anthropic's own. https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude

import type { AnthropicMessagesRequest } from '../../wire/anthropic/types.js';
import type { ChatCompletionRequest } from '../../wire/openai/types.js';
import { chatToAnthropicBody } from '../anthropic/chat-body.js';
import type { BuildContext, HttpRequestSpec, ResolvedDeployment } from '../types.js';
import { vertexHeaders, vertexModelUrl } from './vertex-endpoint.js';

export const vertexAnthropicVersion = 'vertex-2023-10-16';

/** `claude-...` models are Anthropic's publisher models; everything else is Google's. */
export function isClaudeModel(deployment: ResolvedDeployment): boolean {
  return deployment.model.startsWith('claude');
}

function headersOf(deployment: ResolvedDeployment, ctx: BuildContext): Record<string, string> {
  const headers = vertexHeaders(deployment);
  const flags = [headers['anthropic-beta'], ctx.anthropicBeta].flatMap((list) => (list ?? '').split(',')).map((f) => f.trim()).filter((f) => f !== '');
  if (flags.length > 0) headers['anthropic-beta'] = [...new Set(flags)].join(',');
  return headers;
}

function requestOf(body: Record<string, unknown>, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec {
  const method = ctx.stream ? 'streamRawPredict' : 'rawPredict';
  const { model: _model, ...rest } = body;
  const payload: Record<string, unknown> = { anthropic_version: vertexAnthropicVersion, ...rest };
  if (ctx.stream) payload['stream'] = true;
  else delete payload['stream'];
  return { method: 'POST', url: vertexModelUrl(deployment, 'anthropic', method), headers: headersOf(deployment, ctx), body: JSON.stringify(payload) };
}

export function buildVertexClaudeChatRequest(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec {
  return requestOf({ ...chatToAnthropicBody(request, deployment, ctx) }, deployment, ctx);
}

/** Native Messages: the client's body forwarded with only the model moved into the URL. */
export function buildVertexClaudeMessagesRequest(request: AnthropicMessagesRequest, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec {
  return requestOf(request, deployment, ctx);
}
