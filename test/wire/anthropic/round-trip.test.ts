// A tool-using conversation through the dialect both ways: the canonical answer becomes an Anthropic
// message, the client sends it back as its assistant turn with results, and the canonical request
// carries the same tool calls, ids and thinking the upstream produced.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anthropicDialect } from '../../../src/wire/anthropic/anthropic-dialect.js';
import type { AnthropicMessage } from '../../../src/wire/anthropic/types.js';
import type { ChatCompletion, ChatToolCall } from '../../../src/wire/openai/types.js';

const toolCalls: ChatToolCall[] = [
  { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo","units":"metric"}' } },
  { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Bergen","units":"metric"}' } },
];
const thinkingBlocks = [{ type: 'thinking', thinking: 'Two cities, two calls.', signature: 'sig-a' }];

const answer: ChatCompletion = {
  id: 'chatcmpl-rt1', object: 'chat.completion', created: 1_700_000_000, model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Checking both.', tool_calls: toolCalls, thinking_blocks: thinkingBlocks }, finish_reason: 'tool_calls' }],
  usage: { prompt_tokens: 80, completion_tokens: 40, total_tokens: 120 },
};

describe('Anthropic dialect round trip', () => {
  it('keeps tool call ids, arguments and thinking across an answer and the next request', () => {
    const tools = [{ name: 'weather', input_schema: { type: 'object', properties: { city: { type: 'string' }, units: { type: 'string' } } } }];
    const first = anthropicDialect.parseRequest({ model: 'smart', max_tokens: 512, tools, messages: [{ role: 'user', content: 'Weather in Oslo and Bergen?' }] });
    const message = anthropicDialect.fromChatCompletion(answer, first) as AnthropicMessage;
    assert.equal(message.stop_reason, 'tool_use');

    const next = anthropicDialect.parseRequest({
      model: 'smart', max_tokens: 512, tools,
      messages: [
        { role: 'user', content: 'Weather in Oslo and Bergen?' },
        { role: 'assistant', content: message.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '3 °C' }, { type: 'tool_result', tool_use_id: 'call_2', content: '5 °C' }] },
      ],
    });
    const chat = anthropicDialect.toChatRequest(next);
    assert.deepEqual(chat.messages.slice(1), [
      { role: 'assistant', content: 'Checking both.', tool_calls: toolCalls, thinking_blocks: thinkingBlocks },
      { role: 'tool', tool_call_id: 'call_1', content: '3 °C' },
      { role: 'tool', tool_call_id: 'call_2', content: '5 °C' },
    ]);
    assert.equal(anthropicDialect.maxTokensOf(next), 512);
    assert.equal(anthropicDialect.streamOf(next), false);
    assert.equal(anthropicDialect.modelOf(next), 'smart');
  });
});
