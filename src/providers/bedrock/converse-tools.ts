// OpenAI `tools`, `tool_choice` and `response_format` -> Converse `toolConfig`. A JSON answer is
// asked for the way LiteLLM does it: one forced tool whose input schema is the wanted schema.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolConfiguration.html

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletionRequest, ChatTool } from '../../wire/openai/types.js';
import type { ConverseToolChoice, ConverseToolConfig, ConverseToolSpec } from './converse-types.js';
import { jsonToolName } from './converse-types.js';

const emptyObjectSchema = { type: 'object', properties: {} };
const placeholderToolName = 'dummy_tool';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toolSpec(tool: ChatTool): ConverseToolSpec {
  if (tool.type !== 'function' || !isRecord(tool.function) || typeof tool.function.name !== 'string') {
    throw new GatewayError('invalid_request', { param: 'tools', message: 'Bedrock takes function tools only.' });
  }
  const { name, description, parameters } = tool.function;
  return { toolSpec: { name, ...(description === undefined ? {} : { description }), inputSchema: { json: parameters ?? emptyObjectSchema } } };
}

/** `none` yields undefined: the tools are then left out of the request. */
function toolChoice(choice: unknown): ConverseToolChoice | 'none' | undefined {
  if (choice === undefined || choice === null || choice === 'auto') return choice === 'auto' ? { auto: {} } : undefined;
  if (choice === 'none') return 'none';
  if (choice === 'required') return { any: {} };
  if (isRecord(choice) && isRecord(choice['function']) && typeof choice['function']['name'] === 'string') {
    return { tool: { name: choice['function']['name'] } };
  }
  throw new GatewayError('invalid_request', { param: 'tool_choice', message: 'tool_choice must be auto, none, required or a named function.' });
}

/** The schema a `response_format` asks for; undefined for plain text. */
function responseSchema(format: ChatCompletionRequest['response_format']): unknown {
  if (format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'object' };
  const spec = format['json_schema'];
  if (format.type === 'json_schema' && isRecord(spec) && isRecord(spec['schema'])) return spec['schema'];
  throw new GatewayError('invalid_request', { param: 'response_format', message: 'response_format must be text, json_object or json_schema with a schema.' });
}

/**
 * Converse refuses toolUse/toolResult blocks without a `toolConfig` ("The toolConfig field must be
 * defined when using toolUse and toolResult content blocks"): a conversation with tool history
 * keeps the client's tools without a choice, or else gets one inert placeholder tool, as LiteLLM does.
 */
export function toolConfigForHistory(request: ChatCompletionRequest): ConverseToolConfig {
  const tools = request.tools ?? [];
  if (tools.length > 0) return { tools: tools.map(toolSpec) };
  return { tools: [{ toolSpec: { name: placeholderToolName, description: 'Placeholder: never call this tool.', inputSchema: { json: emptyObjectSchema } } }] };
}

export function toConverseToolConfig(request: ChatCompletionRequest): ConverseToolConfig | undefined {
  const schema = responseSchema(request.response_format);
  const tools = request.tools ?? [];
  if (schema !== undefined) {
    if (tools.length > 0) {
      const message = 'Bedrock cannot combine tools with response_format here (the JSON answer is itself a forced tool call).';
      throw new GatewayError('unsupported_parameter', { param: 'response_format', message });
    }
    return { tools: [{ toolSpec: { name: jsonToolName, description: 'Answer with JSON matching this schema.', inputSchema: { json: schema } } }], toolChoice: { tool: { name: jsonToolName } } };
  }
  const choice = toolChoice(request.tool_choice);
  if (tools.length === 0 || choice === 'none') return undefined;
  return { tools: tools.map(toolSpec), ...(choice === undefined ? {} : { toolChoice: choice }) };
}
