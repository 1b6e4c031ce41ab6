// Turns the canonical request's parameters (tools, tool choice, sampling, limits, JSON mode,
// reasoning effort) into Anthropic's fields. Messages are `chat-messages.ts`'s; transport is `request.ts`'s.
// https://docs.anthropic.com/en/api/messages, https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking

import { GatewayError } from '../../errors/gateway-error.js';
import type { AnthropicTool, AnthropicToolChoice } from '../../wire/anthropic/types.js';
import { cacheControlOf, invalidContent } from './chat-content.js';

/** The forced tool that carries JSON-mode output, named as LiteLLM names it. */
export const jsonToolName = 'json_tool_call';

/** Anthropic's own minimum thinking budget is 1024 tokens. */
const thinkingBudgets: Readonly<Record<string, number>> = { minimal: 1024, low: 1024, medium: 2048, high: 4096 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toAnthropicTools(tools: unknown): AnthropicTool[] {
  if (!Array.isArray(tools)) throw invalidContent('tools', '`tools` must be an array.');
  return tools.map((tool: unknown, i) => {
    const fn = isRecord(tool) ? tool['function'] : undefined;
    if (!isRecord(tool) || tool['type'] !== 'function' || !isRecord(fn) || typeof fn['name'] !== 'string') {
      throw invalidContent(`tools[${i}]`, `tools[${i}] must be {"type":"function","function":{"name":...}}.`);
    }
    const description = fn['description'];
    const parameters = fn['parameters'];
    return {
      name: fn['name'],
      ...(typeof description === 'string' ? { description } : {}),
      input_schema: isRecord(parameters) ? parameters : { type: 'object' },
      ...cacheControlOf(tool),
    };
  });
}

export function toAnthropicToolChoice(choice: unknown, parallelToolCalls: unknown): AnthropicToolChoice | undefined {
  // https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#parallel-tool-use
  const serial = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined || choice === null) return parallelToolCalls === false ? { type: 'auto', ...serial } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...serial };
  if (choice === 'required') return { type: 'any', ...serial };
  const fn = isRecord(choice) ? choice['function'] : undefined;
  if (isRecord(fn) && typeof fn['name'] === 'string') return { type: 'tool', name: fn['name'], ...serial };
  throw invalidContent('tool_choice', '`tool_choice` must be "none", "auto", "required" or {"type":"function","function":{"name":...}}.');
}

/** JSON mode as a forced tool whose input is the answer; undefined for plain text. */
export function jsonModeTool(format: unknown): AnthropicTool | undefined {
  if (format === undefined || format === null) return undefined;
  const type = isRecord(format) ? format['type'] : undefined;
  if (type === 'text') return undefined;
  if (type === 'json_object') return { name: jsonToolName, input_schema: { type: 'object' } };
  const spec = isRecord(format) ? format['json_schema'] : undefined;
  if (type === 'json_schema' && isRecord(spec)) {
    const schema = spec['schema'];
    return { name: jsonToolName, input_schema: isRecord(schema) ? schema : { type: 'object' } };
  }
  throw invalidContent('response_format', '`response_format` must be {"type":"text"}, {"type":"json_object"} or {"type":"json_schema","json_schema":{...}}.');
}

export function thinkingBudgetOf(effort: unknown): number | undefined {
  if (effort === undefined || effort === null || effort === 'none') return undefined;
  const budget = typeof effort === 'string' ? thinkingBudgets[effort] : undefined;
  if (budget === undefined) throw invalidContent('reasoning_effort', '`reasoning_effort` must be one of: none, minimal, low, medium, high.');
  return budget;
}

export function stopSequencesOf(stop: unknown): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop) && stop.every((item) => typeof item === 'string')) return stop as string[];
  throw invalidContent('stop', '`stop` must be a string or an array of strings.');
}

export function unsupportedParameter(param: string): GatewayError {
  const message = `The parameter '${param}' is not supported by anthropic. Remove it, or set drop_params to drop it.`;
  return new GatewayError('unsupported_parameter', { param, message });
}
