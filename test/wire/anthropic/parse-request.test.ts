// Validation of `/v1/messages` bodies: each refusal is a 400 `invalid_request` naming the field by path.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import { parseMessagesRequest } from '../../../src/wire/anthropic/parse-request.js';

const base = { model: 'claude-sonnet', max_tokens: 256, messages: [{ role: 'user', content: 'Hello' }] };

function refusal(body: unknown): GatewayError {
  try {
    parseMessagesRequest(body);
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.status, 400);
    assert.ok(error.message.startsWith(`${String(error.param)}: `), error.message);
    return error;
  }
  assert.fail('the body was accepted');
}

function userBlocks(...blocks: unknown[]): Record<string, unknown> {
  return { ...base, messages: [{ role: 'user', content: blocks }] };
}

describe('parseMessagesRequest', () => {
  it('accepts a complete request and returns it unchanged', () => {
    const body = {
      ...base,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 'sig' }, { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Oslo' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '3 °C' }], is_error: false }] },
      ],
      tools: [{ name: 'weather', description: 'Weather now', input_schema: { type: 'object', properties: {} } }, { type: 'web_search_20250305', name: 'web_search' }],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      stop_sequences: ['END'], temperature: 1, top_p: 0.9, top_k: 40, stream: true, metadata: { user_id: 'u-1' },
      thinking: { type: 'enabled', budget_tokens: 1024 },
    };
    assert.equal(parseMessagesRequest(body), body);
  });

  const cases: [string, unknown, string][] = [
    ['a non-object body', [], 'body'],
    ['a missing model', { ...base, model: undefined }, 'model'],
    ['an empty model', { ...base, model: '' }, 'model'],
    ['a missing max_tokens', { ...base, max_tokens: undefined }, 'max_tokens'],
    ['a zero max_tokens', { ...base, max_tokens: 0 }, 'max_tokens'],
    ['a fractional max_tokens', { ...base, max_tokens: 1.5 }, 'max_tokens'],
    ['missing messages', { ...base, messages: undefined }, 'messages'],
    ['empty messages', { ...base, messages: [] }, 'messages'],
    ['a system role', { ...base, messages: [{ role: 'system', content: 'x' }] }, 'messages.0.role'],
    ['missing content', { ...base, messages: [{ role: 'user' }] }, 'messages.0.content'],
    ['numeric content', { ...base, messages: [{ role: 'user', content: 3 }] }, 'messages.0.content'],
    ['empty user content', { ...base, messages: [{ role: 'user', content: [] }] }, 'messages.0.content'],
    ['an empty assistant turn before the last', { ...base, messages: [{ role: 'assistant', content: '' }, { role: 'user', content: 'x' }] }, 'messages.0.content'],
    ['an unknown block type', userBlocks({ type: 'video' }), 'messages.0.content.0.type'],
    ['an empty text block', userBlocks({ type: 'text', text: '' }), 'messages.0.content.0.text'],
    ['an image without source', userBlocks({ type: 'image' }), 'messages.0.content.0.source'],
    ['an image of a wrong media type', userBlocks({ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'AA' } }), 'messages.0.content.0.source.media_type'],
    ['an image without data', userBlocks({ type: 'image', source: { type: 'base64', media_type: 'image/png' } }), 'messages.0.content.0.source.data'],
    ['a document of an unknown source', userBlocks({ type: 'document', source: { type: 'zip' } }), 'messages.0.content.0.source.type'],
    ['a tool_result without id', userBlocks({ type: 'tool_result', content: 'x' }), 'messages.0.content.0.tool_use_id'],
    ['a tool_result with a bad is_error', userBlocks({ type: 'tool_result', tool_use_id: 't', is_error: 'yes' }), 'messages.0.content.0.is_error'],
    ['a tool_result with a bad inner block', userBlocks({ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text' }] }), 'messages.0.content.0.content.0.text'],
    ['a tool_use without input', { ...base, messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f' }] }] }, 'messages.0.content.0.input'],
    ['a thinking block without signature', { ...base, messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }] }] }, 'messages.0.content.0.signature'],
    ['a system of numbers', { ...base, system: 5 }, 'system'],
    ['a system image', { ...base, system: [{ type: 'image', source: { type: 'url', url: 'https://e.com/a.png' } }] }, 'system.0.type'],
    ['a temperature above 1', { ...base, temperature: 1.5 }, 'temperature'],
    ['a string top_p', { ...base, top_p: '0.5' }, 'top_p'],
    ['a fractional top_k', { ...base, top_k: 2.5 }, 'top_k'],
    ['a string stream', { ...base, stream: 'true' }, 'stream'],
    ['non-string stop sequences', { ...base, stop_sequences: ['a', 1] }, 'stop_sequences.1'],
    ['a numeric user id', { ...base, metadata: { user_id: 7 } }, 'metadata.user_id'],
    ['a tool without input_schema', { ...base, tools: [{ name: 'f' }] }, 'tools.0.input_schema'],
    ['a tool with a non-object schema', { ...base, tools: [{ name: 'f', input_schema: { type: 'string' } }] }, 'tools.0.input_schema.type'],
    ['a tool with a bad name', { ...base, tools: [{ name: 'a b', input_schema: { type: 'object' } }] }, 'tools.0.name'],
    ['duplicate tool names', { ...base, tools: [{ name: 'f', input_schema: { type: 'object' } }, { name: 'f', input_schema: { type: 'object' } }] }, 'tools.1.name'],
    ['an unknown tool_choice', { ...base, tool_choice: { type: 'required' } }, 'tool_choice.type'],
    ['a tool choice without name', { ...base, tool_choice: { type: 'tool' } }, 'tool_choice.name'],
    ['a thinking budget below 1024', { ...base, thinking: { type: 'enabled', budget_tokens: 500 } }, 'thinking.budget_tokens'],
    ['a thinking without budget', { ...base, thinking: { type: 'enabled' } }, 'thinking.budget_tokens'],
    ['an unknown thinking type', { ...base, thinking: { type: 'on' } }, 'thinking.type'],
  ];
  for (const [name, body, param] of cases) {
    it(`refuses ${name}, naming ${param}`, () => {
      assert.equal(refusal(body).param, param);
    });
  }

  it('accepts an empty final assistant turn (a prefill)', () => {
    const body = { ...base, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: '' }] };
    assert.equal(parseMessagesRequest(body), body);
  });

  it('passes unknown top-level fields on, for native upstreams', () => {
    const body = { ...base, service_tier: 'auto', container: 'c-1' };
    assert.equal(parseMessagesRequest(body).container, 'c-1');
  });
});
