// Responses requests into canonical chat requests: instructions, items (function call round trip),
// images, tools and options, as a chat upstream would receive them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { responsesDialect } from '../../../src/wire/responses/responses-dialect.js';

function toChat(body: Record<string, unknown>): ReturnType<typeof responsesDialect.toChatRequest> {
  return responsesDialect.toChatRequest(responsesDialect.parseRequest({ model: 'm', ...body }));
}

const weatherTool = { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true };

describe('responses dialect: to chat', () => {
  it('turns instructions into a system message before the input', () => {
    assert.deepEqual(toChat({ instructions: 'Be brief.', input: 'Hi' }), {
      model: 'm',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
    });
  });

  it('sends no system message for empty instructions', () => {
    assert.deepEqual(toChat({ instructions: '', input: 'Hi' }).messages, [{ role: 'user', content: 'Hi' }]);
  });

  it('turns a function call round trip into assistant tool_calls (merged) and tool messages', () => {
    const chat = toChat({
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris and Rome?' }] },
        { type: 'message', role: 'assistant', id: 'msg_1', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', id: 'fc_1', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', id: 'fc_2', call_id: 'call_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'call_a', output: '18C' },
        { type: 'function_call_output', call_id: 'call_b', output: [{ type: 'input_text', text: '21C' }] },
      ],
    });
    assert.deepEqual(chat.messages, [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '18C' },
      { role: 'tool', tool_call_id: 'call_b', content: '21C' },
    ]);
  });

  it('starts an assistant turn for function calls that follow a user message', () => {
    const chat = toChat({ input: [{ role: 'user', content: 'Hi' }, { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' }] });
    assert.deepEqual(chat.messages[1], { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] });
  });

  it('turns images and inline files into chat content parts', () => {
    const chat = toChat({
      input: [{
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is this?' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
          { type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
        ],
      }],
    });
    assert.deepEqual(chat.messages[0]?.content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
      { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
    ]);
  });

  it('maps tools, tool_choice and parallel_tool_calls', () => {
    const chat = toChat({ input: 'Hi', tools: [weatherTool], tool_choice: { type: 'function', name: 'get_weather' }, parallel_tool_calls: false });
    assert.deepEqual(chat.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: weatherTool.parameters, strict: true } }]);
    assert.deepEqual(chat.tool_choice, { type: 'function', function: { name: 'get_weather' } });
    assert.equal(chat['parallel_tool_calls'], false);
    assert.equal(toChat({ input: 'Hi', tools: [weatherTool], tool_choice: 'required' }).tool_choice, 'required');
  });

  it('sends neither tool_choice nor parallel_tool_calls without tools', () => {
    const chat = toChat({ input: 'Hi', tool_choice: 'none', parallel_tool_calls: false });
    assert.equal('tool_choice' in chat, false);
    assert.equal('parallel_tool_calls' in chat, false);
  });

  it('maps text.format to response_format', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } }, required: ['a'], additionalProperties: false };
    assert.deepEqual(toChat({ input: 'Hi', text: { format: { type: 'json_schema', name: 'answer', schema, strict: true } } }).response_format, {
      type: 'json_schema',
      json_schema: { name: 'answer', schema, strict: true },
    });
    assert.deepEqual(toChat({ input: 'Hi', text: { format: { type: 'json_object' } } }).response_format, { type: 'json_object' });
    assert.equal('response_format' in toChat({ input: 'Hi', text: { format: { type: 'text' } } }), false);
  });

  it('maps options by name and keeps metadata and stateful flags out of the upstream body', () => {
    const chat = toChat({
      input: 'Hi',
      max_output_tokens: 100,
      reasoning: { effort: 'low', summary: 'auto' },
      temperature: 0.2,
      top_p: 0.9,
      user: 'u1',
      metadata: { ticket: '42' },
      store: false,
      prompt_cache_key: 'k',
      text: { verbosity: 'low' },
    });
    const { messages: _messages, ...options } = chat;
    assert.deepEqual(options, {
      model: 'm',
      max_completion_tokens: 100,
      reasoning_effort: 'low',
      temperature: 0.2,
      top_p: 0.9,
      user: 'u1',
      prompt_cache_key: 'k',
      verbosity: 'low',
    });
  });

  it('streams with usage when the client streams', () => {
    const chat = toChat({ input: 'Hi', stream: true });
    assert.equal(chat.stream, true);
    assert.deepEqual(chat.stream_options, { include_usage: true });
  });
});
