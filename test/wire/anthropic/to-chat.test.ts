// Anthropic Messages request -> canonical chat request, including the refusals of features without
// a canonical form (a 400 naming them, never a silent drop).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import { parseMessagesRequest } from '../../../src/wire/anthropic/parse-request.js';
import { toChatRequest } from '../../../src/wire/anthropic/to-chat.js';
import type { ChatCompletionRequest } from '../../../src/wire/openai/types.js';

const base = { model: 'claude-sonnet', max_tokens: 256, messages: [{ role: 'user', content: 'Hello' }] };

function translate(body: Record<string, unknown>): ChatCompletionRequest {
  return toChatRequest(parseMessagesRequest(body));
}

function refusal(body: Record<string, unknown>): GatewayError {
  const request = parseMessagesRequest(body);
  try {
    toChatRequest(request);
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.status, 400);
    return error;
  }
  assert.fail('the request was translated');
}

describe('toChatRequest', () => {
  it('maps the parameters', () => {
    const chat = translate({
      ...base, stop_sequences: ['END', 'STOP'], temperature: 0.2, top_p: 0.9, top_k: 40, metadata: { user_id: 'u-1' }, stream: true,
    });
    assert.deepEqual(chat, {
      model: 'claude-sonnet', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 256, stop: ['END', 'STOP'],
      temperature: 0.2, top_p: 0.9, top_k: 40, user: 'u-1', stream: true, stream_options: { include_usage: true },
    });
  });

  it('turns a system string and system blocks into one system message, without cache_control', () => {
    assert.deepEqual(translate({ ...base, system: 'Be brief.' }).messages[0], { role: 'system', content: 'Be brief.' });
    const blocks = [{ type: 'text', text: 'A' }, { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } }];
    assert.deepEqual(translate({ ...base, system: blocks }).messages[0], {
      role: 'system', content: [{ type: 'text', text: 'A' }, { type: 'text', text: 'B' }],
    });
  });

  it('turns images into image_url parts: base64 as a data URL, url as it is', () => {
    const chat = translate({ ...base, messages: [{ role: 'user', content: [
      { type: 'text', text: 'Compare' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/b.jpg' } },
    ] }] });
    assert.deepEqual(chat.messages, [{ role: 'user', content: [
      { type: 'text', text: 'Compare' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K' } },
      { type: 'image_url', image_url: { url: 'https://example.com/b.jpg' } },
    ] }]);
  });

  it('turns tool use and tool results into tool calls and tool messages, in canonical order', () => {
    const chat = translate({ ...base, messages: [
      { role: 'user', content: 'Weather in Oslo and Bergen?' },
      { role: 'assistant', content: [
        { type: 'thinking', thinking: 'Two calls.', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Oslo' } },
        { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'Bergen' } },
      ] },
      { role: 'user', content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: '3 °C' },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'station' }, { type: 'text', text: 'offline' }], is_error: true },
        { type: 'text', text: 'Summarise.' },
      ] },
    ] });
    assert.deepEqual(chat.messages.slice(1), [
      {
        role: 'assistant', content: 'Checking.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Bergen"}' } },
        ],
        thinking_blocks: [{ type: 'thinking', thinking: 'Two calls.', signature: 'sig-1' }, { type: 'redacted_thinking', data: 'opaque' }],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '3 °C' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'Error: station\noffline' },
      { role: 'user', content: [{ type: 'text', text: 'Summarise.' }] },
    ]);
  });

  it('gives an assistant turn of only tool calls a null content', () => {
    const chat = translate({ ...base, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }] });
    assert.equal(chat.messages[1]?.content, null);
  });

  it('moves images of a tool result into the user message after the results', () => {
    const chat = translate({ ...base, messages: [{ role: 'user', content: [
      { type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'shot' }, { type: 'image', source: { type: 'url', url: 'https://e.com/s.png' } }] },
    ] }] });
    assert.deepEqual(chat.messages, [
      { role: 'tool', tool_call_id: 't', content: 'shot' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://e.com/s.png' } }] },
    ]);
  });

  it('turns text documents into text parts, with their title', () => {
    const chat = translate({ ...base, messages: [{ role: 'user', content: [
      { type: 'document', title: 'Notes', source: { type: 'text', media_type: 'text/plain', data: 'Line one.' } },
    ] }] });
    assert.deepEqual(chat.messages[0]?.content, [{ type: 'text', text: 'Notes\n\nLine one.' }]);
  });

  it('maps tools, tool_choice and disable_parallel_tool_use', () => {
    const tools = [{ name: 'weather', description: 'Now', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }];
    const choices: [unknown, unknown][] = [
      [{ type: 'auto' }, 'auto'], [{ type: 'any' }, 'required'], [{ type: 'none' }, 'none'],
      [{ type: 'tool', name: 'weather' }, { type: 'function', function: { name: 'weather' } }],
    ];
    for (const [choice, expected] of choices) {
      const chat = translate({ ...base, tools, tool_choice: choice });
      assert.deepEqual(chat.tools, [{ type: 'function', function: { name: 'weather', description: 'Now', parameters: tools[0]?.input_schema } }]);
      assert.deepEqual(chat.tool_choice, expected);
      assert.equal(chat['parallel_tool_calls'], undefined);
    }
    assert.equal(translate({ ...base, tools, tool_choice: { type: 'any', disable_parallel_tool_use: true } })['parallel_tool_calls'], false);
    const toolless = translate({ ...base, tools: [], tool_choice: { type: 'auto', disable_parallel_tool_use: true } });
    assert.deepEqual([toolless.tools, toolless.tool_choice, toolless['parallel_tool_calls']], [undefined, undefined, undefined]);
  });

  it('keeps thinking and derives reasoning_effort from the budget', () => {
    const efforts: [number, string][] = [[1024, 'low'], [2048, 'medium'], [2049, 'high'], [16000, 'high']];
    for (const [budget, effort] of efforts) {
      const chat = translate({ ...base, max_tokens: 32000, thinking: { type: 'enabled', budget_tokens: budget } });
      assert.deepEqual(chat['thinking'], { type: 'enabled', budget_tokens: budget });
      assert.equal(chat['reasoning_effort'], effort);
    }
    const off = translate({ ...base, thinking: { type: 'disabled' } });
    assert.equal(off['thinking'], undefined);
    assert.equal(off['reasoning_effort'], undefined);
  });

  it('does not ask for a stream unless the client did', () => {
    const chat = translate(base);
    assert.equal(chat.stream, undefined);
    assert.equal(chat.stream_options, undefined);
  });

  it('ignores the caching, tier and context-editing hints', () => {
    const hints = { service_tier: 'auto', cache_control: { type: 'ephemeral' }, context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] } };
    assert.deepEqual(translate({ ...base, ...hints }), translate(base));
  });

  it('maps output_config: effort to reasoning_effort, a JSON schema format to a strict response_format', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    const chat = translate({ ...base, thinking: { type: 'enabled', budget_tokens: 1024 }, output_config: { effort: 'max', format: { type: 'json_schema', schema } } });
    assert.equal(chat['reasoning_effort'], 'high');
    assert.deepEqual(chat.response_format, { type: 'json_schema', json_schema: { name: 'output', schema, strict: true } });
    assert.equal(translate({ ...base, output_config: { effort: 'medium' } })['reasoning_effort'], 'medium');
    assert.equal(refusal({ ...base, output_config: { effort: 'huge' } }).param, 'output_config.effort');
    assert.equal(refusal({ ...base, output_config: { format: { type: 'xml' } } }).param, 'output_config.format.type');
    assert.equal(refusal({ ...base, output_config: { task_budget: 5 } }).param, 'output_config.task_budget');
  });

  const refused: [string, Record<string, unknown>, string][] = [
    ['a PDF document', { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' } }] }] }, 'messages.0.content.0.source'],
    ['an image from the Files API', { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'file_1' } }] }] }, 'messages.0.content.0.source'],
    ['a server tool', { ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools.0'],
    ['a server tool result', { ...base, messages: [{ role: 'user', content: [{ type: 'search_result', source: 's', title: 't', content: [] }] }] }, 'messages.0.content.0'],
    ['an unknown top-level field', { ...base, container: 'c-1' }, 'container'],
    ['tool_use in a user message', { ...base, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }] }, 'messages.0.content.0.type'],
    ['tool_result in an assistant message', { ...base, messages: [{ role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 't' }] }] }, 'messages.0.content.0.type'],
    ['an image in an assistant message', { ...base, messages: [{ role: 'assistant', content: [{ type: 'image', source: { type: 'url', url: 'https://e.com/a.png' } }] }] }, 'messages.0.content.0'],
  ];
  for (const [name, body, param] of refused) {
    it(`refuses ${name}, naming ${param}`, () => {
      const error = refusal(body);
      assert.equal(error.param, param);
      assert.ok(error.message.startsWith(`${param}: `));
    });
  }
});
