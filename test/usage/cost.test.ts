// Cost of a request's tokens: built-in list prices by provider and model (dated and versioned names
// included), model_info overrides, and unknown models that cost 0 but say so.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelInfo } from '../../src/config/types.js';
import { costOf, highestPrices, pricesOf } from '../../src/usage/cost.js';
import { findListPrices } from '../../src/usage/price-table.js';

const tokens = { promptTokens: 1000, completionTokens: 500, cachedTokens: 0 };

function deployment(provider: string, model: string, modelInfo: ModelInfo = {}): { provider: string; model: string; modelInfo: ModelInfo } {
  return { provider, model, modelInfo };
}

function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} should be ${expected}`);
}

describe('cost from built-in list prices', () => {
  it('prices prompt, cached prompt and completion tokens apart', () => {
    const cost = costOf(deployment('openai', 'gpt-4o'), { ...tokens, cachedTokens: 200 });
    // 800 x $2.50/M + 200 x $1.25/M + 500 x $10/M
    near(cost.costUsd, 0.00725);
    assert.equal(cost.costKnown, true);
  });

  it('finds dated and versioned names under their model', () => {
    const sonnet = 0.0105; // 1000 x $3/M + 500 x $15/M
    for (const [provider, model] of [
      ['anthropic', 'claude-3-5-sonnet-20241022'],
      ['anthropic', 'claude-3-7-sonnet-latest'],
      ['anthropic', 'claude-sonnet-4-20250514'],
      ['bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
      ['bedrock', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'],
      ['bedrock', 'converse/eu.anthropic.claude-sonnet-4-20250514-v1:0'],
      ['vertex_ai', 'claude-3-5-sonnet-v2@20241022'],
    ] as const) {
      near(costOf(deployment(provider, model), tokens).costUsd, sonnet);
    }
    near(costOf(deployment('openai', 'gpt-4o-2024-08-06'), tokens).costUsd, 0.0075);
    near(costOf(deployment('openai', 'o3-mini-2025-01-31'), tokens).costUsd, 0.0033);
    near(costOf(deployment('vertex_ai', 'gemini-2.0-flash-001'), tokens).costUsd, 0.0003);
    near(costOf(deployment('gemini', 'gemini-2.5-pro-preview-06-05'), tokens).costUsd, 0.00625);
    near(costOf(deployment('mistral', 'mistral-large-2411'), tokens).costUsd, 0.005);
    near(costOf(deployment('azure', 'gpt-35-turbo-0125'), tokens).costUsd, 0.00125);
  });

  it('keeps a dated name that has its own price apart from its family', () => {
    near(costOf(deployment('openai', 'gpt-4o-2024-05-13'), tokens).costUsd, 0.0125);
    near(costOf(deployment('openai', 'text-embedding-ada-002'), { promptTokens: 1000, completionTokens: 0, cachedTokens: 0 }).costUsd, 0.0001);
  });

  it('prices the common models of every supported provider', () => {
    const models = [
      ...['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'o1', 'o3', 'o3-mini', 'o4-mini', 'gpt-3.5-turbo',
        'text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002'].map((model) => ['openai', model]),
      ...['claude-3-5-sonnet-latest', 'claude-3-7-sonnet-20250219', 'claude-sonnet-4-0', 'claude-3-haiku-20240307',
        'claude-3-5-haiku-20241022', 'claude-opus-4-20250514'].map((model) => ['anthropic', model]),
      ...['gemini-1.5-flash', 'gemini-1.5-pro-002', 'gemini-2.0-flash', 'gemini-2.5-flash', 'gemini-2.5-pro'].map((model) => ['gemini', model]),
      ['bedrock', 'anthropic.claude-3-haiku-20240307-v1:0'],
      ['bedrock', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
      ['bedrock', 'us.anthropic.claude-opus-4-20250514-v1:0'],
      ['mistral', 'mistral-small-latest'],
      ['groq', 'llama-3.3-70b-versatile'],
      ['groq', 'llama-3.1-8b-instant'],
      ['deepseek', 'deepseek-chat'],
      ['deepseek', 'deepseek-reasoner'],
      ['openai', 'gpt-5-2025-08-07'],
      ['anthropic', 'claude-sonnet-4-5-20250929'],
      ['anthropic', 'claude-haiku-4-5'],
      ['xai', 'grok-3-mini'],
      ['perplexity', 'sonar-pro'],
      ['openrouter', 'openai/gpt-4o-mini'],
      ['openrouter', 'anthropic/claude-3.7-sonnet'],
      ['openrouter', 'google/gemini-2.5-flash'],
    ];
    const unpriced = models.filter(([provider = '', model = '']) => findListPrices(provider, model) === undefined);
    assert.deepEqual(unpriced, []);
  });

  it("prices an OpenRouter model at its vendor's list price, and nothing for an unknown vendor", () => {
    assert.deepEqual(findListPrices('openrouter', 'anthropic/claude-3.7-sonnet'), findListPrices('anthropic', 'claude-3-7-sonnet'));
    assert.deepEqual(findListPrices('openrouter', 'openai/gpt-4o'), findListPrices('openai', 'gpt-4o'));
    assert.equal(findListPrices('openrouter', 'meta-llama/llama-3.3-70b-instruct'), undefined);
    assert.equal(findListPrices('openrouter', 'gpt-4o'), undefined);
  });

  it('uses the cheaper cached-input price where the provider discounts cache reads', () => {
    const cached = { promptTokens: 1000, completionTokens: 0, cachedTokens: 1000 };
    near(costOf(deployment('deepseek', 'deepseek-chat'), cached).costUsd, 0.00007);
    near(costOf(deployment('anthropic', 'claude-3-5-haiku-20241022'), cached).costUsd, 0.00008);
  });
});

describe('cost of unknown models', () => {
  it('is 0 and flagged unknown, for an unknown model or a provider without list prices', () => {
    assert.deepEqual(costOf(deployment('openai', 'ft:my-own-model'), tokens), { costUsd: 0, costKnown: false });
    assert.deepEqual(costOf(deployment('hosted_vllm', 'gpt-4o'), tokens), { costUsd: 0, costKnown: false });
  });
});

describe('model_info prices', () => {
  it('win over the built-in table, charging cached tokens at the given input price', () => {
    const custom = deployment('openai', 'gpt-4o', { inputCostPerToken: 1e-6, outputCostPerToken: 2e-6 });
    near(costOf(custom, { ...tokens, cachedTokens: 400 }).costUsd, 0.002);
  });

  it('price a model the table does not know, which then counts as known', () => {
    const cost = costOf(deployment('hosted_vllm', 'llama-local', { inputCostPerToken: 1e-7, outputCostPerToken: 3e-7 }), tokens);
    near(cost.costUsd, 0.00025);
    assert.equal(cost.costKnown, true);
  });

  it('override one field and leave the others to the table', () => {
    const cheaperCache = deployment('openai', 'gpt-4o', { cacheReadInputTokenCost: 1e-7 });
    // 800 x $2.50/M + 200 x $0.10/M + 500 x $10/M
    near(costOf(cheaperCache, { ...tokens, cachedTokens: 200 }).costUsd, 0.00702);
  });
});

describe('highestPrices', () => {
  it('takes each price from the most expensive deployment of a group', () => {
    const group = [deployment('openai', 'gpt-4o-mini'), deployment('openai', 'gpt-4o'), deployment('mock', 'anything')];
    assert.deepEqual(highestPrices(group), pricesOf(deployment('openai', 'gpt-4o')).prices);
    assert.deepEqual(highestPrices([]), { inputPerToken: 0, outputPerToken: 0, cachedInputPerToken: 0 });
  });
});
