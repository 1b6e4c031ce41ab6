// Builds the `generateContent` body from a canonical chat request, shared by AI Studio and Vertex
// AI: the deployment's parameter defaults, the conversation, tools and generation config. Request
// parameters Gemini cannot honour fail with `unsupported_parameter` unless drop_params is on.

import { GatewayError } from '../../errors/gateway-error.js';
import type { BuildContext, ResolvedDeployment } from '../types.js';
import type { ChatCompletionRequest } from '../../wire/openai/types.js';
import { toGeminiConversation } from './gemini-contents.js';
import { toGenerationConfig } from './gemini-generation-config.js';
import { toGeminiTools } from './gemini-tools.js';
import type { GeminiGenerateContentRequest } from './gemini-types.js';

/** Translated into the body; a deployment's `litellm_params` may set these as defaults. */
const translated = new Set([
  'temperature', 'top_p', 'top_k', 'max_tokens', 'max_completion_tokens', 'stop', 'n', 'seed', 'presence_penalty',
  'frequency_penalty', 'response_format', 'reasoning_effort', 'tools', 'tool_choice', 'safety_settings',
]);
/** Accepted and without effect on Gemini (bookkeeping or transport fields). */
const ignored = new Set([
  'model', 'messages', 'stream', 'stream_options', 'user', 'metadata', 'store', 'parallel_tool_calls', 'service_tier',
  'prompt_cache_key', 'safety_identifier',
]);

function paramsOf(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const name of translated) if (deployment.extraParams[name] !== undefined) params[name] = deployment.extraParams[name];
  for (const [name, value] of Object.entries(request)) {
    if (value === undefined || value === null || ignored.has(name)) continue;
    if (translated.has(name)) params[name] = value;
    else if (!ctx.dropParams) {
      const message = `The parameter '${name}' is not supported by Gemini. Remove it, or set drop_params to drop it.`;
      throw new GatewayError('unsupported_parameter', { param: name, message });
    }
  }
  return params;
}

export function toGeminiRequestBody(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): GeminiGenerateContentRequest {
  const params = paramsOf(request, deployment, ctx);
  const { contents, systemInstruction } = toGeminiConversation(request.messages);
  const body: GeminiGenerateContentRequest = { contents };
  if (systemInstruction !== undefined) body.systemInstruction = systemInstruction;
  Object.assign(body, toGeminiTools(params['tools'] as ChatCompletionRequest['tools'], params['tool_choice']));
  const generationConfig = toGenerationConfig(params);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;
  if (Array.isArray(params['safety_settings'])) body.safetySettings = params['safety_settings'];
  return body;
}
