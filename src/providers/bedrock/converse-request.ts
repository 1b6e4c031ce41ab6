// Builds a Converse or ConverseStream request from a canonical chat request: URL, JSON body with
// messages, system, inference and tool configuration. Signing is a later step (`sign`); sending is
// `upstream/`'s. Parameters Converse has no place for fail unless `drop_params` is set.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletionRequest } from '../../wire/openai/types.js';
import type { BuildContext, HttpRequestSpec, ResolvedDeployment } from '../types.js';
import { toConverseMessages } from './converse-messages.js';
import { toConverseToolConfig, toolConfigForHistory } from './converse-tools.js';
import type { ConverseInferenceConfig, ConverseMessage, ConverseRequest } from './converse-types.js';
import { bedrockUrl } from './endpoint.js';

/** Request fields translated (or harmless and ignored: `user`, `stream_options`). */
const handledParams = new Set([
  'model', 'messages', 'stream', 'stream_options', 'tools', 'tool_choice', 'temperature', 'top_p', 'max_tokens',
  'max_completion_tokens', 'stop', 'response_format', 'user', 'n', 'reasoning_effort',
]);
/** Deployment params sent as request defaults; the client's own values win. Credentials are not here. */
const defaultableParams = ['temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'stop', 'reasoning_effort'] as const;
/** Anthropic's thinking budgets per effort, as LiteLLM maps them for Claude on Bedrock. */
const thinkingBudgetTokens: Readonly<Record<string, number>> = { low: 1024, medium: 2048, high: 4096 };

function unsupported(param: string): GatewayError {
  return new GatewayError('unsupported_parameter', { param, message: `The parameter '${param}' is not supported by bedrock. Remove it, or set drop_params to drop it.` });
}

function withDefaults(request: ChatCompletionRequest, deployment: ResolvedDeployment): ChatCompletionRequest {
  const merged: Record<string, unknown> = { ...request };
  for (const name of defaultableParams) {
    const value = deployment.extraParams[name];
    if (value !== undefined && merged[name] === undefined) merged[name] = value;
  }
  return merged as ChatCompletionRequest;
}

/** Refuses what Converse cannot honour; with drop_params such fields are simply not translated. */
function checkParams(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): void {
  if (ctx.dropParams || deployment.extraParams['drop_params'] === true) return;
  for (const name of Object.keys(request)) {
    if (request[name] !== undefined && !handledParams.has(name)) throw unsupported(name);
  }
  if (request.n !== undefined && request.n !== null && request.n !== 1) throw unsupported('n');
}

function inferenceConfig(request: ChatCompletionRequest): ConverseInferenceConfig | undefined {
  const config: ConverseInferenceConfig = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === 'number') config.maxTokens = maxTokens;
  if (typeof request.temperature === 'number') config.temperature = request.temperature;
  if (typeof request.top_p === 'number') config.topP = request.top_p;
  if (typeof request.stop === 'string') config.stopSequences = [request.stop];
  else if (Array.isArray(request.stop)) config.stopSequences = request.stop;
  return Object.keys(config).length === 0 ? undefined : config;
}

function additionalFields(request: ChatCompletionRequest): Record<string, unknown> | undefined {
  const effort = request['reasoning_effort'];
  if (effort === undefined || effort === null) return undefined;
  const budget = typeof effort === 'string' ? thinkingBudgetTokens[effort] : undefined;
  if (budget === undefined) throw new GatewayError('invalid_request', { param: 'reasoning_effort', message: 'reasoning_effort must be low, medium or high for bedrock.' });
  return { thinking: { type: 'enabled', budget_tokens: budget } };
}

function hasToolBlocks(messages: readonly ConverseMessage[]): boolean {
  return messages.some((message) => message.content.some((block) => 'toolUse' in block || 'toolResult' in block));
}

export function toConverseRequest(request: ChatCompletionRequest): ConverseRequest {
  const { system, messages } = toConverseMessages(request.messages);
  const body: ConverseRequest = { messages };
  if (system.length > 0) body.system = system;
  const inference = inferenceConfig(request);
  if (inference !== undefined) body.inferenceConfig = inference;
  const tools = toConverseToolConfig(request) ?? (hasToolBlocks(messages) ? toolConfigForHistory(request) : undefined);
  if (tools !== undefined) body.toolConfig = tools;
  const additional = additionalFields(request);
  if (additional !== undefined) body.additionalModelRequestFields = additional;
  return body;
}

export function buildConverseRequest(request: ChatCompletionRequest, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec {
  const merged = withDefaults(request, deployment);
  checkParams(merged, deployment, ctx);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (ctx.stream) headers['accept'] = 'application/vnd.amazon.eventstream';
  for (const [name, value] of Object.entries(deployment.headers)) headers[name.toLowerCase()] = value;
  return {
    method: 'POST',
    url: bedrockUrl(deployment, ctx.stream ? 'converse-stream' : 'converse'),
    headers,
    body: JSON.stringify(toConverseRequest(merged)),
  };
}
