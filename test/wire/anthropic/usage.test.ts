// Usage of native Anthropic answers and streams in canonical form (prompt tokens include cache reads
// and writes), and the observer's view of a native stream.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAnthropicUsageObserver, usageOfAnthropicMessage } from '../../../src/wire/anthropic/usage.js';

const nativeStream = [
  { event: 'message_start', data: '{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":100,"cache_read_input_tokens":400,"output_tokens":1}}}' },
  { event: 'content_block_start', data: '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}' },
  { event: 'ping', data: '{"type":"ping"}' },
  { event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}' },
  { event: 'content_block_stop', data: '{"type":"content_block_stop","index":0}' },
  { event: 'message_delta', data: '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}' },
  { event: 'message_stop', data: '{"type":"message_stop"}' },
];

describe('Anthropic usage', () => {
  it('reads a native answer: prompt tokens are input + cache reads + cache writes', () => {
    const usage = usageOfAnthropicMessage({ id: 'msg_1', usage: { input_tokens: 25, cache_creation_input_tokens: 100, cache_read_input_tokens: 400, output_tokens: 15 } });
    assert.deepEqual(usage, { prompt_tokens: 525, completion_tokens: 15, total_tokens: 540, prompt_tokens_details: { cached_tokens: 400, cache_creation_tokens: 100 } });
  });

  it('counts what is missing or malformed in a native answer as 0', () => {
    assert.deepEqual(usageOfAnthropicMessage({ usage: { input_tokens: 'many', output_tokens: 3 } }).prompt_tokens, 0);
    assert.deepEqual(usageOfAnthropicMessage('not a message').total_tokens, 0);
  });

  it('observes a native stream: start counts, final output, completion', () => {
    const observer = createAnthropicUsageObserver();
    assert.equal(observer.usage(), undefined);
    for (const event of nativeStream.slice(0, 2)) observer.observe(event);
    assert.equal(observer.usage()?.completion_tokens, 1);
    for (const event of nativeStream.slice(2, 6)) observer.observe(event);
    assert.equal(observer.complete(), false);
    observer.observe(nativeStream[6] ?? { event: undefined, data: '' });
    assert.equal(observer.complete(), true);
    assert.deepEqual(observer.usage(), { prompt_tokens: 525, completion_tokens: 15, total_tokens: 540, prompt_tokens_details: { cached_tokens: 400, cache_creation_tokens: 100 } });
  });

  it('takes input counts that arrive only in message_delta, and ignores nulls', () => {
    const observer = createAnthropicUsageObserver();
    observer.observe({ event: 'message_start', data: '{"type":"message_start","message":{"usage":{"input_tokens":0,"output_tokens":1}}}' });
    observer.observe({ event: 'message_delta', data: '{"type":"message_delta","delta":{},"usage":{"input_tokens":70,"cache_read_input_tokens":null,"output_tokens":9}}' });
    assert.deepEqual(observer.usage(), { prompt_tokens: 70, completion_tokens: 9, total_tokens: 79, prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 } });
  });

  it('never throws on malformed events', () => {
    const observer = createAnthropicUsageObserver();
    observer.observe({ event: 'message_start', data: '{not json' });
    observer.observe({ event: 'message_delta', data: '[]' });
    observer.observe({ event: undefined, data: 'x' });
    assert.equal(observer.usage(), undefined);
  });
});
