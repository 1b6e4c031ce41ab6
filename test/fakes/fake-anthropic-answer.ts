// The deterministic answers of the fake Anthropic server: a message built from the request (text,
// a tool call when tools are offered, thinking when enabled), with stop sequences, max_tokens and
// prompt caching applied as Anthropic applies them. Framing and failures are fake-anthropic.ts's.

import { createHash } from 'node:crypto';
import type { AnthropicMessage, AnthropicResponseBlock, AnthropicStopReason, AnthropicUsage } from '../../src/wire/anthropic/types.js';

type Body = Record<string, unknown>;

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);
}

function blocksOf(content: unknown): Body[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

/** The prompt as Anthropic orders it for caching: tools, then system, then messages. */
function promptParts(body: Body): Body[] {
  const tools = Array.isArray(body['tools']) ? body['tools'].filter(isRecord) : [];
  const system = blocksOf(body['system']);
  const messages = Array.isArray(body['messages']) ? body['messages'].filter(isRecord) : [];
  return [...tools, ...system, ...messages.flatMap((m) => blocksOf(m['content']))];
}

/** Usage of the prompt; the prefix up to the last `cache_control` is written once, then read. */
function promptUsage(body: Body, cache: Set<string>): Pick<AnthropicUsage, 'input_tokens' | 'cache_creation_input_tokens' | 'cache_read_input_tokens'> {
  const parts = promptParts(body);
  const total = tokensOf(JSON.stringify(parts));
  const marked = parts.findLastIndex((part) => isRecord(part['cache_control']));
  if (marked === -1) return { input_tokens: total, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const prefix = parts.slice(0, marked + 1);
  const cached = tokensOf(JSON.stringify(prefix));
  const key = `${String(body['model'])}:${hashOf(prefix)}`;
  const seen = cache.has(key);
  cache.add(key);
  return { input_tokens: Math.max(1, total - cached), cache_creation_input_tokens: seen ? 0 : cached, cache_read_input_tokens: seen ? cached : 0 };
}

function sampleOf(schema: unknown): unknown {
  const type = isRecord(schema) ? schema['type'] : undefined;
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  if (type === 'array') return [];
  if (type === 'object') return inputFor(schema);
  return 'example';
}

/** Arguments holding every required property of a JSON schema. */
function inputFor(schema: unknown): Record<string, unknown> {
  const properties = isRecord(schema) && isRecord(schema['properties']) ? schema['properties'] : {};
  const required = isRecord(schema) && Array.isArray(schema['required']) ? schema['required'] : [];
  return Object.fromEntries(required.map((name) => [String(name), sampleOf(properties[String(name)])]));
}

function lastTurn(body: Body): { text: string; toolResults: Body[] } {
  const messages = Array.isArray(body['messages']) ? body['messages'].filter(isRecord) : [];
  const blocks = blocksOf(messages.at(-1)?.['content']);
  const text = blocks.filter((b) => b['type'] === 'text').map((b) => String(b['text'])).join(' ');
  return { text, toolResults: blocks.filter((b) => b['type'] === 'tool_result') };
}

/** The tool to call: the one `tool_choice` names, else the first; none after tool results or with `none`. */
function toolToCall(body: Body, afterToolResults: boolean): Body | undefined {
  const tools = Array.isArray(body['tools']) ? body['tools'].filter(isRecord) : [];
  const choice = isRecord(body['tool_choice']) ? body['tool_choice'] : {};
  if (tools.length === 0 || choice['type'] === 'none') return undefined;
  if (choice['type'] === 'tool') return tools.find((tool) => tool['name'] === choice['name']);
  return afterToolResults ? undefined : tools[0];
}

function resultText(results: Body[]): string {
  return results.map((r) => (typeof r['content'] === 'string' ? r['content'] : blocksOf(r['content']).map((b) => String(b['text'] ?? '')).join(''))).join(' ');
}

/** Text cut at the first stop sequence, then at max_tokens (four characters a token). */
function limited(text: string, body: Body): { text: string; stop: AnthropicStopReason; sequence: string | null } {
  const sequences = Array.isArray(body['stop_sequences']) ? body['stop_sequences'].map(String) : [];
  const found = sequences.map((s) => ({ s, at: text.indexOf(s) })).filter((f) => f.at >= 0).sort((a, b) => a.at - b.at)[0];
  const cut = found === undefined ? text : text.slice(0, found.at);
  const maxChars = Number(body['max_tokens']) * 4;
  if (cut.length > maxChars) return { text: cut.slice(0, maxChars), stop: 'max_tokens', sequence: null };
  return found === undefined ? { text, stop: 'end_turn', sequence: null } : { text: cut, stop: 'stop_sequence', sequence: found.s };
}

function generatedText(block: AnthropicResponseBlock): string {
  if (block.type === 'text') return block.text;
  if (block.type === 'tool_use') return JSON.stringify(block.input);
  return block.type === 'thinking' ? block.thinking : '';
}

export function answerMessages(body: Body, cache: Set<string>): AnthropicMessage {
  const id = hashOf(body);
  const model = String(body['model']);
  const turn = lastTurn(body);
  const tool = toolToCall(body, turn.toolResults.length > 0);
  const content: AnthropicResponseBlock[] = [];
  const thinking = isRecord(body['thinking']) && body['thinking']['type'] === 'enabled';
  if (thinking) content.push({ type: 'thinking', thinking: `The user wrote ${turn.text.length} characters.`, signature: `sig_${id}` });
  let stop: AnthropicStopReason = 'tool_use';
  let sequence: string | null = null;
  if (tool !== undefined) {
    if (tool['name'] !== 'json_tool_call') content.push({ type: 'text', text: `I will call ${String(tool['name'])}.` });
    content.push({ type: 'tool_use', id: `toolu_01${id}`, name: String(tool['name']), input: inputFor(tool['input_schema']) });
  } else {
    const said = turn.toolResults.length > 0 ? `The tool said: ${resultText(turn.toolResults)}` : `You said: "${turn.text.slice(0, 40)}"`;
    const answer = limited(`Hello from ${model}. ${said}`, body);
    content.push({ type: 'text', text: answer.text });
    stop = answer.stop;
    sequence = answer.sequence;
  }
  const outputTokens = Math.max(1, tokensOf(content.map(generatedText).join('')));
  return {
    id: `msg_01${id}`, type: 'message', role: 'assistant', model, content, stop_reason: stop, stop_sequence: sequence,
    usage: { ...promptUsage(body, cache), output_tokens: outputTokens, service_tier: 'standard' },
  };
}

export function countTokens(body: Body): { input_tokens: number } {
  return { input_tokens: tokensOf(JSON.stringify(promptParts(body))) };
}
