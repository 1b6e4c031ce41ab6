// Canonical ChatCompletion -> Anthropic Message: blocks, stop reasons, usage with cached tokens, and
// the refusal of tool arguments that are not a JSON object.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import { fromChatCompletion } from '../../../src/wire/anthropic/from-chat.js';
import type { AnthropicMessagesRequest } from '../../../src/wire/anthropic/types.js';
import type { ChatCompletion, ChatCompletionChoice, FinishReason } from '../../../src/wire/openai/types.js';

const request: AnthropicMessagesRequest = { model: 'claude-sonnet', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }], stop_sequences: ['END'] };

function completion(message: Partial<ChatCompletionChoice['message']>, finish: FinishReason | null, extra: Record<string, unknown> = {}): ChatCompletion {
  return {
    id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG', object: 'chat.completion', created: 1_700_000_000, model: 'gpt-4o-2024-08-06',
    choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finish, ...extra }],
    usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 100 } },
  };
}

describe('fromChatCompletion', () => {
  it('answers a text completion as a message with cached tokens split out', () => {
    assert.deepEqual(fromChatCompletion(completion({ content: 'Hello!' }, 'stop'), request), {
      id: 'msg_B9MHDbslfkBeAs8l4bebGdFOJ6PeG', type: 'message', role: 'assistant', model: 'gpt-4o-2024-08-06',
      content: [{ type: 'text', text: 'Hello!' }], stop_reason: 'end_turn', stop_sequence: null,
      usage: { input_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 100, output_tokens: 30 },
    });
  });

  it('subtracts cache writes from the input tokens too (LiteLLM field)', () => {
    const answer = completion({ content: 'x' }, 'stop');
    answer.usage = { prompt_tokens: 1000, completion_tokens: 5, total_tokens: 1005, prompt_tokens_details: { cached_tokens: 200 } };
    (answer.usage as unknown as Record<string, unknown>)['cache_creation_input_tokens'] = 700;
    assert.deepEqual(fromChatCompletion(answer, request).usage, { input_tokens: 100, cache_creation_input_tokens: 700, cache_read_input_tokens: 200, output_tokens: 5 });
  });

  it('turns tool calls into tool_use blocks after thinking and text', () => {
    const message = fromChatCompletion(completion({
      content: 'Let me check.',
      thinking_blocks: [{ type: 'thinking', thinking: 'Need weather.', signature: 'sig-9' }, { type: 'redacted_thinking', data: 'opaque' }],
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
        { id: 'call_2', type: 'function', function: { name: 'clock', arguments: '' } },
      ],
    }, 'tool_calls'), request);
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: 'Need weather.', signature: 'sig-9' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Oslo' } },
      { type: 'tool_use', id: 'call_2', name: 'clock', input: {} },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
  });

  it('takes reasoning_content as an unsigned thinking block', () => {
    const message = fromChatCompletion(completion({ content: '42', reasoning_content: 'Think.' }, 'stop'), request);
    assert.deepEqual(message.content, [{ type: 'thinking', thinking: 'Think.', signature: '' }, { type: 'text', text: '42' }]);
  });

  it('maps each finish reason', () => {
    const cases: [FinishReason | null, string][] = [['stop', 'end_turn'], ['length', 'max_tokens'], ['tool_calls', 'tool_use'], ['content_filter', 'refusal'], [null, 'end_turn']];
    for (const [finish, stop] of cases) assert.equal(fromChatCompletion(completion({ content: 'x' }, finish), request).stop_reason, stop);
  });

  it('reports stop_sequence when the upstream names one of the client\'s stop sequences (vLLM stop_reason)', () => {
    const matched = fromChatCompletion(completion({ content: 'x' }, 'stop', { stop_reason: 'END' }), request);
    assert.equal(matched.stop_reason, 'stop_sequence');
    assert.equal(matched.stop_sequence, 'END');
    const token = fromChatCompletion(completion({ content: 'x' }, 'stop', { stop_reason: 128009 }), request);
    assert.equal(token.stop_reason, 'end_turn');
    assert.equal(token.stop_sequence, null);
  });

  it('says tool_use when an upstream ends a tool-calling turn with stop', () => {
    const message = fromChatCompletion(completion({ tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }, 'stop'), request);
    assert.equal(message.stop_reason, 'tool_use');
  });

  it('answers a refusal as text with stop_reason refusal', () => {
    const message = fromChatCompletion(completion({ refusal: 'I cannot help with that.' }, 'content_filter'), request);
    assert.deepEqual(message.content, [{ type: 'text', text: 'I cannot help with that.' }]);
    assert.equal(message.stop_reason, 'refusal');
  });

  it('refuses tool arguments that are not a JSON object, saying when max_tokens cut them', () => {
    for (const [args, finish] of [['{"city":"Os', 'length'], ['[1,2]', 'tool_calls'], ['"x"', 'tool_calls']] as const) {
      const answer = completion({ tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }] }, finish);
      assert.throws(() => fromChatCompletion(answer, request), (error: unknown) => {
        assert.ok(error instanceof GatewayError);
        assert.equal(error.code, 'upstream_malformed');
        assert.equal(error.message.includes('max_tokens'), finish === 'length');
        assert.ok(!error.message.includes(args));
        return true;
      });
    }
  });

  it('refuses a completion without choices', () => {
    const answer = completion({ content: 'x' }, 'stop');
    answer.choices = [];
    assert.throws(() => fromChatCompletion(answer, request), { code: 'upstream_malformed' });
  });
});
