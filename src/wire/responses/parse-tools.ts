// Validates the Responses `tools`, `tool_choice` and `text` options. Only function tools exist in
// Gatehouse: OpenAI's built-in tools (web search, file search, ...) run inside OpenAI and are refused.

import { invalid, isAbsent, isRecord, optionalBoolean, optionalString, quoted, requireString } from './invalid-request.js';
import type { FunctionTool, TextConfig, TextFormat, ToolChoice } from './types.js';

const verbosities = new Set<string>(['low', 'medium', 'high']);

function parseTool(tool: unknown, param: string): FunctionTool {
  if (!isRecord(tool)) throw invalid(param, `\`${param}\` must be an object.`);
  const type = tool['type'];
  if (type !== 'function') {
    throw invalid(`${param}.type`, `The built-in tool ${quoted(type)} runs inside OpenAI and is not available through Gatehouse: declare a function tool instead.`);
  }
  const name = requireString(tool['name'], `${param}.name`);
  if (name.length === 0) throw invalid(`${param}.name`, 'A function tool needs a non-empty `name`.');
  const parameters = tool['parameters'];
  if (!isAbsent(parameters) && !isRecord(parameters)) throw invalid(`${param}.parameters`, '`parameters` must be a JSON Schema object.');
  const description = optionalString(tool['description'], `${param}.description`);
  const strict = optionalBoolean(tool['strict'], `${param}.strict`);
  return {
    type: 'function',
    name,
    ...(description === null ? {} : { description }),
    ...(isRecord(parameters) ? { parameters } : {}),
    ...(strict === null ? {} : { strict }),
  };
}

export function parseTools(tools: unknown): FunctionTool[] {
  if (isAbsent(tools)) return [];
  if (!Array.isArray(tools)) throw invalid('tools', '`tools` must be an array.');
  return tools.map((tool, index) => parseTool(tool, `tools[${index}]`));
}

export function parseToolChoice(choice: unknown, tools: FunctionTool[]): ToolChoice {
  if (isAbsent(choice)) return 'auto';
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (isRecord(choice) && choice['type'] === 'function') {
    const name = requireString(choice['name'], 'tool_choice.name');
    if (!tools.some((tool) => tool.name === name)) throw invalid('tool_choice.name', '`tool_choice` names a function that is not in `tools`.');
    return { type: 'function', name };
  }
  const type = isRecord(choice) ? quoted(choice['type']) : 'this value';
  throw invalid('tool_choice', `\`tool_choice\` must be "auto", "none", "required" or {"type":"function","name":...}; ${type} is not supported.`);
}

function parseFormat(format: unknown): TextFormat {
  if (!isRecord(format)) throw invalid('text.format', '`text.format` must be an object.');
  switch (format['type']) {
    case 'text':
    case 'json_object':
      return { type: format['type'] };
    case 'json_schema': {
      const schema = format['schema'];
      if (!isRecord(schema)) throw invalid('text.format.schema', '`text.format.schema` must be a JSON Schema object.');
      const description = optionalString(format['description'], 'text.format.description');
      const strict = optionalBoolean(format['strict'], 'text.format.strict');
      return {
        type: 'json_schema',
        name: requireString(format['name'], 'text.format.name'),
        schema,
        ...(description === null ? {} : { description }),
        ...(strict === null ? {} : { strict }),
      };
    }
    default:
      throw invalid('text.format.type', '`text.format.type` must be "text", "json_object" or "json_schema".');
  }
}

export function parseText(text: unknown): TextConfig {
  if (isAbsent(text)) return {};
  if (!isRecord(text)) throw invalid('text', '`text` must be an object.');
  const verbosity = text['verbosity'];
  if (!isAbsent(verbosity) && (typeof verbosity !== 'string' || !verbosities.has(verbosity))) {
    throw invalid('text.verbosity', '`text.verbosity` must be "low", "medium" or "high".');
  }
  return {
    ...(isAbsent(text['format']) ? {} : { format: parseFormat(text['format']) }),
    ...(typeof verbosity === 'string' ? { verbosity: verbosity as 'low' | 'medium' | 'high' } : {}),
  };
}
