// Usage records from request facts: the exact fields, token counts from a usage object or counted
// so far, cut streams, errors, and no field that could carry content.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUsageRecord } from '../../src/usage/build-usage-record.js';
import type { UsageFacts } from '../../src/usage/build-usage-record.js';
import { approximateTokens } from '../../src/usage/token-count.js';

const startedAtMs = Date.parse('2025-05-01T10:00:00.000Z');

function facts(overrides: Partial<UsageFacts>): UsageFacts {
  return {
    requestId: 'req-1', route: '/v1/chat/completions', keyId: 'key-1', userId: 'user-1', teamId: 'team-1', organizationId: 'org-1',
    modelGroup: 'gpt-4o', deploymentId: 'gpt-4o-east', provider: 'openai', region: 'us', tokens: undefined, costUsd: 0, costKnown: true,
    startedAtMs, endedAtMs: startedAtMs + 1500, stream: false, httpStatus: 200, errorCode: null,
    ...overrides,
  };
}

describe('buildUsageRecord', () => {
  it('records a successful answer with the provider usage, cost and times', () => {
    const usage = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 100 } };
    assert.deepEqual(buildUsageRecord(facts({ tokens: usage, costUsd: 0.00042 })), {
      requestId: 'req-1', startedAt: '2025-05-01T10:00:00.000Z', endedAt: '2025-05-01T10:00:01.500Z',
      keyId: 'key-1', userId: 'user-1', teamId: 'team-1', organizationId: 'org-1', route: '/v1/chat/completions',
      modelGroup: 'gpt-4o', deploymentId: 'gpt-4o-east', provider: 'openai', region: 'us',
      promptTokens: 120, completionTokens: 30, cachedTokens: 100, totalTokens: 150, costUsd: 0.00042, costKnown: true,
      latencyMs: 1500, ttftMs: null, stream: false, status: 'success', httpStatus: 200, errorCode: null,
    });
  });

  it('marks a stream cut before its usage chunk, keeping the tokens produced so far and the time to first token', () => {
    const streamedChars = ['Hello', ', wor', 'ld and more'].reduce((sum, delta) => sum + delta.length, 0);
    const record = buildUsageRecord(facts({
      stream: true, cut: true, firstTokenAtMs: startedAtMs + 250,
      tokens: { promptTokens: 40, completionTokens: approximateTokens('x'.repeat(streamedChars)) },
    }));
    assert.deepEqual(
      [record.status, record.promptTokens, record.completionTokens, record.totalTokens, record.ttftMs],
      ['cut', 40, 6, 46, 250],
    );
  });

  it('records a failure with its status and error code and no tokens', () => {
    const record = buildUsageRecord(facts({ httpStatus: 502, errorCode: 'upstream_error' }));
    assert.deepEqual([record.status, record.httpStatus, record.errorCode, record.totalTokens], ['error', 502, 'upstream_error', 0]);
  });

  it('says when a cost is unknown', () => {
    const record = buildUsageRecord(facts({ costUsd: 0, costKnown: false, tokens: { promptTokens: 5, completionTokens: 5 } }));
    assert.deepEqual([record.costUsd, record.costKnown], [0, false]);
  });

  it('keeps a provider total that counts more than prompt and completion (reasoning it reports apart)', () => {
    const record = buildUsageRecord(facts({ tokens: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 40 } }));
    assert.equal(record.totalTokens, 40);
  });
});
