// The Responses stream encoder over realistic canonical chunk sequences: events in OpenAI's order,
// every frame valid JSON with increasing sequence numbers, and a final response that the openai
// SDK's own accumulator agrees with.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice, Usage } from '../../../src/wire/openai/types.js';
import { responsesDialect } from '../../../src/wire/responses/responses-dialect.js';
import { parseFrames, type ResponsesEvent } from './sse-frames.js';

const usage: Usage = { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 };

function chunk(delta: ChatCompletionChunkChoice['delta'], finish: ChatCompletionChunkChoice['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'chatcmpl-s1', object: 'chat.completion.chunk', created: 1_700_000_001, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] };
}

const usageChunk: ChatCompletionChunk = { id: 'chatcmpl-s1', object: 'chat.completion.chunk', created: 1_700_000_001, model: 'gpt-4o-mini', choices: [], usage };

/** Encodes the chunks, then `end()` (or `error()`), checking each call's frames continue the numbering. */
function encode(chunks: ChatCompletionChunk[], failure?: GatewayError): ResponsesEvent[] {
  const encoder = responsesDialect.createStreamEncoder(responsesDialect.parseRequest({ model: 'gpt-4o-mini', input: 'Hi', stream: true }));
  const events: ResponsesEvent[] = [];
  const outputs = [...chunks.map((c) => () => encoder.chunk(c)), () => (failure === undefined ? encoder.end() : encoder.error(failure))];
  for (const output of outputs) events.push(...parseFrames(output(), events.length));
  assert.equal(encoder.chunk(chunk({ content: 'late' })) + encoder.end() + encoder.error(new GatewayError('internal_error')), '', 'nothing after the end');
  return events;
}

function types(events: ResponsesEvent[]): string[] {
  return events.map((event) => event.type);
}

/** What the openai SDK's stream helper builds from the events must be the final response. */
function assertSdkAgrees(events: ResponsesEvent[]): void {
  let snapshot: ReturnType<typeof accumulateResponse> | undefined;
  for (const event of events) snapshot = accumulateResponse(event as unknown as ResponseStreamEvent, snapshot);
  const final = events.at(-1)?.['response'] as { output: unknown[] };
  assert.deepEqual(snapshot?.output, final.output);
}

const textPrefix = ['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added'];
const textClose = ['response.output_text.done', 'response.content_part.done', 'response.output_item.done'];

describe('responses dialect: stream encoder', () => {
  it('streams text in OpenAI order with usage from the usage-only final chunk', () => {
    const events = encode([chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' }), chunk({ content: 'lo' }), chunk({}, 'stop'), usageChunk]);
    assert.deepEqual(types(events), [...textPrefix, 'response.output_text.delta', 'response.output_text.delta', ...textClose, 'response.completed']);
    const delta = events[4];
    assert.deepEqual(delta, { type: 'response.output_text.delta', sequence_number: 4, item_id: 'msg_s1_0', output_index: 0, content_index: 0, delta: 'Hel', logprobs: [] });
    assert.equal(events[6]?.['text'], 'Hello');
    const created = events[0]?.['response'] as Record<string, unknown>;
    assert.equal(created['id'], 'resp_s1');
    assert.equal(created['status'], 'in_progress');
    const completed = events.at(-1)?.['response'] as Record<string, unknown>;
    assert.equal(completed['status'], 'completed');
    assert.deepEqual(completed['usage'], { input_tokens: 9, input_tokens_details: { cached_tokens: 0 }, output_tokens: 7, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 16 });
    assertSdkAgrees(events);
  });

  it('streams text then two tool calls as three output items, each closed before the next opens', () => {
    const events = encode([
      chunk({ role: 'assistant', content: 'Let me check.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      usageChunk,
    ]);
    const call = (n: number): string[] => ['response.output_item.added', ...Array<string>(n).fill('response.function_call_arguments.delta'), 'response.function_call_arguments.done', 'response.output_item.done'];
    assert.deepEqual(types(events), [...textPrefix, 'response.output_text.delta', ...textClose, ...call(2), ...call(1), 'response.completed']);
    const added = events.filter((event) => event.type === 'response.output_item.added');
    assert.deepEqual(added[1], {
      type: 'response.output_item.added', sequence_number: 8, output_index: 1,
      item: { type: 'function_call', id: 'fc_s1_1', call_id: 'call_a', name: 'get_weather', arguments: '', status: 'in_progress' },
    });
    const argumentsDone = events.filter((event) => event.type === 'response.function_call_arguments.done');
    assert.deepEqual(argumentsDone.map((event) => [event['item_id'], event['output_index'], event['arguments']]), [['fc_s1_1', 1, '{"city":"Paris"}'], ['fc_s1_2', 2, '{}']]);
    const final = events.at(-1)?.['response'] as { output: { type: string; status: string }[] };
    assert.deepEqual(final.output.map((item) => [item.type, item.status]), [['message', 'completed'], ['function_call', 'completed'], ['function_call', 'completed']]);
    assertSdkAgrees(events);
  });

  it('ends a length-stopped stream with response.incomplete and the reason', () => {
    const events = encode([chunk({ role: 'assistant', content: 'Once upon' }), chunk({}, 'length'), usageChunk]);
    const last = events.at(-1);
    assert.equal(last?.type, 'response.incomplete');
    const response = last?.['response'] as Record<string, unknown> & { output: { status: string }[] };
    assert.equal(response['status'], 'incomplete');
    assert.deepEqual(response['incomplete_details'], { reason: 'max_output_tokens' });
    assert.equal(response.output[0]?.status, 'incomplete');
    assertSdkAgrees(events);
  });

  it('streams a refusal as a refusal part', () => {
    const events = encode([chunk({ role: 'assistant', refusal: 'I cannot ' }), chunk({ refusal: 'help.' }), chunk({}, 'stop')]);
    assert.deepEqual(types(events).slice(4, 8), ['response.refusal.delta', 'response.refusal.delta', 'response.refusal.done', 'response.content_part.done']);
    assert.equal(events[6]?.['refusal'], 'I cannot help.');
    assertSdkAgrees(events);
  });

  it('gives an empty stream one empty message, as the non-streaming answer does', () => {
    const events = encode([]);
    assert.deepEqual(types(events), [...textPrefix, ...textClose, 'response.completed']);
    assertSdkAgrees(events);
  });

  it('ends a stream that fails midway with response.failed, then an error event, and nothing after', () => {
    const failure = new GatewayError('upstream_timeout', { detail: 'secret detail' });
    const events = encode([chunk({ role: 'assistant', content: 'Par' }), chunk({ content: 'tial' })], failure);
    assert.deepEqual(types(events).slice(-2), ['response.failed', 'error']);
    const failed = events.at(-2)?.['response'] as Record<string, unknown> & { output: { status: string }[] };
    assert.equal(failed['status'], 'failed');
    assert.deepEqual(failed['error'], { code: 'server_error', message: failure.message });
    assert.equal(failed.output[0]?.status, 'incomplete');
    const error = events.at(-1);
    assert.deepEqual(error?.['error'], { type: 'timeout_error', code: 'upstream_timeout', message: failure.message, param: null });
    assert.equal(error?.['message'], failure.message);
    assert.doesNotMatch(JSON.stringify(events), /secret detail/);
  });
});
