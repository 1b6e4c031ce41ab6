// The count_tokens estimate: deterministic, growing with text, tools and images; validation by path.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countTokens, parseCountTokensRequest } from '../../../src/wire/anthropic/count-tokens.js';

const base = { model: 'claude-sonnet', messages: [{ role: 'user', content: 'x'.repeat(400) }] };

function estimate(body: Record<string, unknown>): number {
  return countTokens(parseCountTokensRequest(body));
}

describe('count_tokens', () => {
  it('counts about 4 characters per token plus a small per-message overhead', () => {
    assert.equal(estimate(base), 103);
    assert.equal(estimate(base), estimate(structuredClone(base)));
  });

  it('counts the system prompt, tools (with the tool-use system prompt) and images', () => {
    const system = estimate({ ...base, system: 'y'.repeat(40) });
    assert.equal(system, 113);
    const tool = { name: 'weather', input_schema: { type: 'object' } };
    assert.equal(estimate({ ...base, tools: [tool] }), 3 + 346 + Math.ceil((400 + JSON.stringify(tool).length) / 4));
    const image = { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } };
    assert.equal(estimate({ ...base, messages: [{ role: 'user', content: [image] }] }), 3 + 1600);
  });

  it('validates like a messages body, without requiring max_tokens', () => {
    assert.throws(() => parseCountTokensRequest({ messages: base.messages }), { code: 'invalid_request', param: 'model' });
    assert.throws(() => parseCountTokensRequest({ ...base, messages: [{ role: 'user', content: [{ type: 'image' }] }] }), { param: 'messages.0.content.0.source' });
    assert.throws(() => parseCountTokensRequest({ ...base, tools: [{ name: 'f' }] }), { param: 'tools.0.input_schema' });
  });
});
