// Validates the tool and reasoning fields of a `/v1/messages` body: `tools`, `tool_choice`, `thinking`.
// Server and built-in tools are checked for shape only; `to-chat.ts` decides what can be translated.
// https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use

import type { AnthropicMessagesRequest, AnthropicTool, AnthropicToolChoice } from './types.js';
import { checkOptionalBoolean, invalidParam, requireRecord, requireString } from './invalid-param.js';

const toolName = /^[a-zA-Z0-9_-]{1,128}$/;
/** Anthropic's documented minimum: https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking */
export const minThinkingBudgetTokens = 1024;

/** A tool the client describes and runs itself (no `type`, or `custom`), as opposed to server and built-in tools. */
export function isCustomTool(tool: AnthropicTool): boolean {
  return tool.type === undefined || tool.type === null || tool.type === 'custom';
}

function checkTool(tool: Record<string, unknown>, param: string): void {
  const name = requireString(tool, 'name', param);
  const type = tool['type'];
  if (type !== undefined && type !== null && typeof type !== 'string') throw invalidParam(`${param}.type`, 'Input should be a string.');
  if (type !== undefined && type !== null && type !== 'custom') return;
  if (!toolName.test(name)) throw invalidParam(`${param}.name`, 'String should match pattern ^[a-zA-Z0-9_-]{1,128}$.');
  const description = tool['description'];
  if (description !== undefined && typeof description !== 'string') throw invalidParam(`${param}.description`, 'Input should be a string.');
  if (tool['input_schema'] === undefined) throw invalidParam(`${param}.input_schema`, 'Field required.');
  const schema = requireRecord(tool['input_schema'], `${param}.input_schema`);
  if (schema['type'] !== 'object') throw invalidParam(`${param}.input_schema.type`, "Input should be 'object'.");
}

export function parseTools(value: unknown): AnthropicTool[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidParam('tools', 'Input should be a list.');
  const names = new Set<string>();
  value.forEach((item: unknown, i) => {
    const tool = requireRecord(item, `tools.${i}`);
    checkTool(tool, `tools.${i}`);
    const name = tool['name'] as string;
    if (names.has(name)) throw invalidParam(`tools.${i}.name`, 'Tool names must be unique.');
    names.add(name);
  });
  return value as AnthropicTool[];
}

export function parseToolChoice(value: unknown): AnthropicToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  const choice = requireRecord(value, 'tool_choice');
  const type = choice['type'];
  if (type !== 'auto' && type !== 'any' && type !== 'tool' && type !== 'none') {
    throw invalidParam('tool_choice.type', "Input should be 'auto', 'any', 'tool' or 'none'.");
  }
  if (type === 'tool') requireString(choice, 'name', 'tool_choice');
  checkOptionalBoolean(choice, 'disable_parallel_tool_use', 'tool_choice');
  return choice as AnthropicToolChoice;
}

export function parseThinking(value: unknown): AnthropicMessagesRequest['thinking'] {
  if (value === undefined || value === null) return undefined;
  const thinking = requireRecord(value, 'thinking');
  const type = thinking['type'];
  if (type === 'enabled') {
    const budget = thinking['budget_tokens'];
    if (budget === undefined) throw invalidParam('thinking.budget_tokens', 'Field required.');
    if (typeof budget !== 'number' || !Number.isInteger(budget)) throw invalidParam('thinking.budget_tokens', 'Input should be an integer.');
    if (budget < minThinkingBudgetTokens) {
      throw invalidParam('thinking.budget_tokens', `Input should be greater than or equal to ${minThinkingBudgetTokens}.`);
    }
  } else if (type !== 'disabled' && type !== 'adaptive') {
    throw invalidParam('thinking.type', "Input should be 'enabled', 'disabled' or 'adaptive'.");
  }
  return thinking as AnthropicMessagesRequest['thinking'];
}
