// Turns canonical tools and tool_choice into Gemini's one `functionDeclarations` tool and its
// `toolConfig.functionCallingConfig` (AUTO / NONE / ANY with allowed names).
// https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatTool } from '../../wire/openai/types.js';
import { toGeminiSchema } from './gemini-schema.js';
import type { GeminiFunctionCallingConfig, GeminiFunctionDeclaration, GeminiGenerateContentRequest } from './gemini-types.js';
import { isRecord } from './is-record.js';

function declarationOf(tool: ChatTool): GeminiFunctionDeclaration {
  if (tool.type !== 'function' || !isRecord(tool.function)) {
    throw new GatewayError('invalid_request', { param: 'tools', message: 'Gemini takes function tools only.' });
  }
  const { name, description, parameters } = tool.function;
  // A function without parameters must leave them out: Gemini rejects an empty `properties` object.
  const properties = isRecord(parameters) ? parameters['properties'] : undefined;
  const hasParameters = isRecord(parameters) && !(isRecord(properties) && Object.keys(properties).length === 0 && parameters['type'] === 'object');
  return {
    name,
    ...(description === undefined ? {} : { description }),
    ...(hasParameters ? { parameters: toGeminiSchema(parameters) } : {}),
  };
}

function callingConfigOf(choice: unknown): GeminiFunctionCallingConfig | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto') return { mode: 'AUTO' };
  if (choice === 'none') return { mode: 'NONE' };
  if (choice === 'required') return { mode: 'ANY' };
  if (isRecord(choice) && isRecord(choice['function']) && typeof choice['function']['name'] === 'string') {
    return { mode: 'ANY', allowedFunctionNames: [choice['function']['name']] };
  }
  throw new GatewayError('invalid_request', { param: 'tool_choice', message: "tool_choice must be 'auto', 'none', 'required' or a function." });
}

export function toGeminiTools(tools: readonly ChatTool[] | undefined, toolChoice: unknown): Pick<GeminiGenerateContentRequest, 'tools' | 'toolConfig'> {
  const out: Pick<GeminiGenerateContentRequest, 'tools' | 'toolConfig'> = {};
  if (tools !== undefined && tools.length > 0) out.tools = [{ functionDeclarations: tools.map(declarationOf) }];
  const config = callingConfigOf(toolChoice);
  if (config !== undefined) out.toolConfig = { functionCallingConfig: config };
  return out;
}
