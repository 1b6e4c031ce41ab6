// The anthropic adapter's URL and deployment checks, and the body builder other platforms reuse:
// what the contract fixtures do not show case by case.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anthropicAdapter } from '../../src/providers/anthropic/anthropic-adapter.js';
import { chatToAnthropicBody } from '../../src/providers/anthropic/chat-body.js';
import { anthropicMessagesUrl } from '../../src/providers/anthropic/request.js';
import { createAnthropicStreamMapper } from '../../src/providers/anthropic/stream.js';
import { deploymentOf, nonStream } from './deployments.js';

const claude = deploymentOf({ provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: 'sk-ant-api03-unit-test-key-0123' });

describe('anthropic request', () => {
  it('accepts api_base with or without /v1, a trailing slash, or the whole /v1/messages', () => {
    for (const base of [undefined, 'https://api.anthropic.com', 'https://api.anthropic.com/', 'https://api.anthropic.com/v1', 'https://api.anthropic.com/v1//', 'https://api.anthropic.com/v1/messages']) {
      assert.equal(anthropicMessagesUrl(base), 'https://api.anthropic.com/v1/messages', String(base));
    }
    assert.equal(anthropicMessagesUrl('https://gateway.example/anthropic'), 'https://gateway.example/anthropic/v1/messages');
  });

  it('reports a deployment without a key at start, and none with one', () => {
    assert.deepEqual(anthropicAdapter.checkDeployment?.(claude), []);
    const problems = anthropicAdapter.checkDeployment?.({ ...claude, apiKey: undefined }) ?? [];
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /api_key/);
  });

  it('builds a body without model for platforms that name the model elsewhere', () => {
    const body = chatToAnthropicBody({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }] }, claude, nonStream);
    assert.equal('model' in body, false);
    assert.deepEqual(body, { max_tokens: 4096, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
  });

  it('classifies an in-stream error event by its type', () => {
    const cases = [['rate_limit_error', 'rate_limited'], ['api_error', 'upstream_error'], ['invalid_request_error', 'invalid_request'], ['overloaded_error', 'upstream_overloaded']] as const;
    for (const [type, code] of cases) {
      const mapper = createAnthropicStreamMapper(claude);
      const data = JSON.stringify({ type: 'error', error: { type, message: 'It failed.' } });
      assert.throws(() => mapper.map({ event: 'error', data }), (error: unknown) => (error as { code?: string }).code === code, type);
    }
  });
});
