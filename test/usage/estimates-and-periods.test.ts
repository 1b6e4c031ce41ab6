// The estimate reserved before a request goes upstream, token approximation for streams cut early,
// and budget periods (calendar months, resets that are due but not yet persisted).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetPeriodOf } from '../../src/usage/budget-period.js';
import { DEFAULT_COMPLETION_TOKENS_ESTIMATE, estimateRequest } from '../../src/usage/estimate-request.js';
import { approximateTokens, tokenCountOfUsage } from '../../src/usage/token-count.js';
import { findListPrices } from '../../src/usage/price-table.js';
import type { BudgetFields } from '../../src/store/records.js';

const gpt4o = findListPrices('openai', 'gpt-4o');

describe('estimateRequest', () => {
  it('counts a token per four prompt characters plus max_tokens, priced without cache discount', () => {
    assert.ok(gpt4o !== undefined);
    const estimate = estimateRequest({ promptChars: 4000, maxTokens: 500, prices: gpt4o });
    assert.deepEqual({ ...estimate, costUsd: Math.round(estimate.costUsd * 1e9) }, {
      promptTokens: 1000, completionTokens: 500, totalTokens: 1500, costUsd: 7_500_000,
    });
  });

  it('assumes the documented default completion when the request sets no max_tokens', () => {
    const estimate = estimateRequest({ promptChars: 10, prices: { inputPerToken: 0, outputPerToken: 0, cachedInputPerToken: 0 } });
    assert.equal(estimate.promptTokens, 3);
    assert.equal(estimate.completionTokens, DEFAULT_COMPLETION_TOKENS_ESTIMATE);
    assert.equal(estimate.costUsd, 0);
  });
});

describe('token counts', () => {
  it('approximates streamed text at four characters a token, rounding up', () => {
    assert.equal(approximateTokens(''), 0);
    assert.equal(approximateTokens('Hello'), 2);
    assert.equal(approximateTokens('x'.repeat(400)), 100);
  });

  it('reads cached tokens from the usage details and never counts more cached than prompt tokens', () => {
    assert.deepEqual(tokenCountOfUsage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 50 } }), {
      promptTokens: 10, completionTokens: 5, cachedTokens: 10,
    });
  });
});

function budget(fields: Partial<BudgetFields>): BudgetFields {
  return { maxBudget: 10, softBudget: null, budgetDuration: null, budgetResetAt: null, spend: 4, ...fields };
}

describe('budget periods', () => {
  const resetAt = Date.parse('2025-03-01T00:00:00.000Z');

  it('keeps the persisted spend until the reset instant, then starts a new period from 0', () => {
    const fields = budget({ budgetDuration: '1d', budgetResetAt: new Date(resetAt).toISOString() });
    const current = budgetPeriodOf(fields, resetAt - 1);
    assert.deepEqual([current.endMs, current.seedSpendUsd], [resetAt, 4]);
    const next = budgetPeriodOf(fields, resetAt + 5 * 86_400_000 + 1);
    assert.deepEqual([next.endMs, next.seedSpendUsd], [resetAt + 6 * 86_400_000, 0]);
    assert.notEqual(next.id, current.id);
  });

  it('steps monthly periods by calendar month from the last reset', () => {
    const fields = budget({ budgetDuration: '1mo', budgetResetAt: '2025-01-31T00:00:00.000Z' });
    const period = budgetPeriodOf(fields, Date.parse('2025-03-15T00:00:00.000Z'));
    assert.equal(new Date(period.endMs ?? 0).toISOString(), '2025-03-31T00:00:00.000Z');
  });

  it('treats an unreadable duration like no duration, so spend still counts', () => {
    const period = budgetPeriodOf(budget({ budgetDuration: 'monthly', budgetResetAt: '2025-01-31T00:00:00.000Z' }), resetAt);
    assert.deepEqual([period.endMs, period.seedSpendUsd], [null, 4]);
  });

  it('treats a budget without a duration as never resetting, re-reading the persisted spend daily', () => {
    const period = budgetPeriodOf(budget({}), resetAt + 1000);
    assert.equal(period.endMs, null);
    assert.equal(period.seedSpendUsd, 4);
    assert.ok(period.ttlMs > 86_400_000, 'the counter outlives any request admitted today');
  });
});
