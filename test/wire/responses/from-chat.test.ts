// Canonical chat completions into Response objects: text, refusals, function calls, usage, the
// incomplete statuses and the echo of the request's settings.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatCompletion } from '../../../src/wire/openai/types.js';
import { responsesDialect } from '../../../src/wire/responses/responses-dialect.js';
import type { ResponseObject } from '../../../src/wire/responses/types.js';

const usage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 2 } };

function completion(message: ChatCompletion['choices'][number]['message'], finish: ChatCompletion['choices'][number]['finish_reason'] = 'stop'): ChatCompletion {
  return { id: 'chatcmpl-abc123', object: 'chat.completion', created: 1_700_000_000, model: 'gpt-4o-mini', choices: [{ index: 0, message, finish_reason: finish }], usage };
}

function answer(chat: ChatCompletion, body: Record<string, unknown> = {}): ResponseObject {
  const request = responsesDialect.parseRequest({ model: 'gpt-4o-mini', input: 'Hi', ...body });
  return responsesDialect.fromChatCompletion(chat, request) as ResponseObject;
}

describe('responses dialect: from chat', () => {
  it('answers text as one assistant message with ids derived from the completion id', () => {
    const response = answer(completion({ role: 'assistant', content: 'Hello there.' }));
    assert.equal(response.id, 'resp_abc123');
    assert.equal(response.object, 'response');
    assert.equal(response.created_at, 1_700_000_000);
    assert.equal(response.status, 'completed');
    assert.equal(response.incomplete_details, null);
    assert.equal(response.error, null);
    assert.deepEqual(response.output, [
      { type: 'message', id: 'msg_abc123_0', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hello there.', annotations: [], logprobs: [] }] },
    ]);
    assert.deepEqual(response.usage, { input_tokens: 12, input_tokens_details: { cached_tokens: 4 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 2 }, total_tokens: 17 });
    assert.equal(response['store'], false);
  });

  it('answers tool calls as function_call items whose call_id is the tool call id', () => {
    const response = answer(completion({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } },
      ],
    }, 'tool_calls'));
    assert.equal(response.status, 'completed');
    assert.deepEqual(response.output, [
      { type: 'function_call', id: 'fc_abc123_0', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' },
      { type: 'function_call', id: 'fc_abc123_1', call_id: 'call_b', name: 'get_time', arguments: '{}', status: 'completed' },
    ]);
  });

  it('round-trips: a function_call item it answers is accepted back as input', () => {
    const first = answer(completion({ role: 'assistant', content: null, tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }] }, 'tool_calls'));
    const next = responsesDialect.parseRequest({
      model: 'm',
      input: [{ role: 'user', content: 'Hi' }, ...first.output, { type: 'function_call_output', call_id: 'call_a', output: 'done' }],
    });
    const chat = responsesDialect.toChatRequest(next);
    assert.deepEqual(chat.messages.slice(1), [
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }] },
      { role: 'tool', tool_call_id: 'call_a', content: 'done' },
    ]);
  });

  it('answers a refusal as a refusal part', () => {
    const response = answer(completion({ role: 'assistant', content: null, refusal: 'I cannot help with that.' }));
    assert.deepEqual(response.output[0], { type: 'message', id: 'msg_abc123_0', role: 'assistant', status: 'completed', content: [{ type: 'refusal', refusal: 'I cannot help with that.' }] });
  });

  it('is incomplete with the reason when the completion stopped on length or a filter', () => {
    const length = answer(completion({ role: 'assistant', content: 'Once upon' }, 'length'));
    assert.equal(length.status, 'incomplete');
    assert.deepEqual(length.incomplete_details, { reason: 'max_output_tokens' });
    assert.deepEqual(answer(completion({ role: 'assistant', content: '' }, 'content_filter')).incomplete_details, { reason: 'content_filter' });
  });

  it('echoes the request settings', () => {
    const tool = { type: 'function', name: 'f', parameters: { type: 'object' } };
    const response = answer(completion({ role: 'assistant', content: 'ok' }), {
      instructions: 'Be brief.', tools: [tool], tool_choice: 'required', temperature: 0.5, top_p: 1, parallel_tool_calls: false,
      text: { format: { type: 'json_object' } }, max_output_tokens: 50, metadata: { a: 'b' },
    });
    assert.equal(response['instructions'], 'Be brief.');
    assert.deepEqual(response['tools'], [{ type: 'function', name: 'f', description: null, parameters: { type: 'object' }, strict: null }]);
    assert.equal(response['tool_choice'], 'required');
    assert.equal(response['temperature'], 0.5);
    assert.equal(response['top_p'], 1);
    assert.equal(response['parallel_tool_calls'], false);
    assert.deepEqual(response['text'], { format: { type: 'json_object' } });
    assert.equal(response['max_output_tokens'], 50);
    assert.deepEqual(response['metadata'], { a: 'b' });
  });

  it('renders errors in the OpenAI shape', async () => {
    const { GatewayError } = await import('../../../src/errors/gateway-error.js');
    const body: unknown = JSON.parse(responsesDialect.renderError(new GatewayError('invalid_request', { param: 'store', message: 'No.' })));
    assert.deepEqual(body, { error: { message: 'No.', type: 'invalid_request_error', param: 'store', code: 'invalid_request' } });
  });
});
