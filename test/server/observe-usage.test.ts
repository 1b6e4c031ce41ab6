// Usage read out of stream chunks by their text: found whatever the spacing, never mistaken for a
// `"usage":null` or for the word inside content.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { usageOfChunk } from '../../src/server/pipeline/observe-usage.js';

const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };

describe('usageOfChunk', () => {
  it('finds usage in compact and spaced JSON, and tells a usage-only chunk', () => {
    assert.deepEqual(usageOfChunk(JSON.stringify({ choices: [], usage })), { usage, usageOnly: true });
    assert.deepEqual(usageOfChunk(JSON.stringify({ choices: [{ index: 0, delta: {} }], usage }, null, 1)), { usage, usageOnly: false });
    assert.deepEqual(usageOfChunk('{"choices":[],"usage" : {"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}'), { usage, usageOnly: true });
  });

  it('ignores null usage, the word in content, and text that is not JSON', () => {
    assert.equal(usageOfChunk('{"choices":[{"delta":{"content":"tok"}}],"usage":null}'), undefined);
    assert.equal(usageOfChunk(JSON.stringify({ choices: [{ delta: { content: 'the "usage": {"total_tokens": 9} trick' } }], usage: null })), undefined);
    assert.equal(usageOfChunk('{"usage":{"total_tokens":'), undefined);
    assert.equal(usageOfChunk('{"usage":{"prompt_tokens":1}}'), undefined, 'a usage without total_tokens is not usage');
  });
});
