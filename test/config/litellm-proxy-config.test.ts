import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadYaml } from './load-yaml.js';

const fixture = readFileSync(fileURLToPath(new URL('../../../test/fixtures/config/litellm-proxy.yaml', import.meta.url)), 'utf8');
const env = {
  AZURE_EU_API_KEY: 'azure-eu-secret',
  AZURE_US_API_KEY: 'azure-us-secret',
  OPENAI_API_KEY: 'openai-secret',
  ANTHROPIC_API_KEY: 'anthropic-secret',
  LITELLM_MASTER_KEY: 'sk-VQ3n0m1Jc8yXo2Lr9TzB4kWfHs6Pd5Ga',
  DATABASE_URL: 'postgres://gatehouse@db.internal/gatehouse',
  AZURE_API_VERSION: 'overridden-by-the-file',
  REDIS_HOST: 'redis.internal',
};

describe('a LiteLLM proxy config.yaml', () => {
  const config = loadYaml(fixture, env);

  it('loads every deployment of a group with its limits, timeouts in ms, headers and prices', () => {
    assert.deepEqual(config.deployments[0], {
      id: 'gpt-4o-eu',
      modelName: 'gpt-4o',
      provider: 'azure',
      model: 'gpt-4o-eu',
      apiBase: 'https://eu-west.openai.azure.example/',
      apiKey: 'azure-eu-secret',
      apiVersion: '2024-06-01',
      rpm: 600,
      tpm: 90000,
      timeoutMs: 30_000,
      streamTimeoutMs: 10_000,
      weight: 2,
      region: 'eu',
      headers: { 'X-Team': 'platform' },
      extraParams: {},
      modelInfo: {
        id: 'gpt-4o-eu',
        mode: 'chat',
        inputCostPerToken: 0.0000025,
        outputCostPerToken: 0.00001,
        maxInputTokens: 128000,
        maxOutputTokens: 16384,
      },
    });
    assert.deepEqual(
      config.deployments.filter((d) => d.modelName === 'gpt-4o').map((d) => [d.provider, d.model, d.order, d.maxParallelRequests]),
      [['azure', 'gpt-4o-eu', undefined, undefined], ['azure', 'gpt-4o-us', 2, undefined], ['openai', 'gpt-4o', undefined, 20]],
    );
  });

  it('treats a model without a provider as OpenAI and keeps unknown params as request defaults', () => {
    const plain = config.deployments[2];
    assert.equal(plain?.provider, 'openai');
    assert.equal(plain?.apiKey, 'openai-secret');
    assert.equal(plain?.weight, 1);
    assert.deepEqual(plain?.extraParams, { temperature: 0.2, organization: 'org-platform' });
    assert.deepEqual(config.deployments[4]?.extraParams, { max_tokens: 4096 });
    assert.equal(config.deployments[5]?.modelInfo.mode, 'embedding');
  });

  it('gives entries without model_info.id distinct ids that stay the same from one load to the next', () => {
    const ids = config.deployments.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids.slice(2)) assert.match(id, /^[0-9a-f]{16}$/);
    assert.deepEqual(loadYaml(fixture, env).deployments.map((d) => d.id), ids);
  });

  it('normalises fallbacks from LiteLLM list form, router_settings winning over litellm_settings', () => {
    assert.deepEqual(config.router, {
      strategy: 'usage-based-routing-v2',
      numRetries: 2,
      retryBaseDelayMs: 1000,
      retryMaxDelayMs: 30_000,
      requestTimeoutMs: 120_000,
      streamTimeoutMs: 60_000,
      allowedFails: 2,
      cooldownTimeMs: 30_000,
      fallbacks: { 'gpt-4o': ['claude-sonnet', 'gpt-4o-mini'] },
      contextWindowFallbacks: { 'gpt-4o-mini': ['gpt-4o'] },
      contentPolicyFallbacks: { 'claude-sonnet': ['gpt-4o'] },
      maxFallbacks: 5,
    });
    assert.equal(config.dropParams, true);
  });

  it('takes the master key and database URL from general_settings through os.environ references', () => {
    assert.equal(config.masterKey, env.LITELLM_MASTER_KEY);
    assert.equal(config.databaseUrl, env.DATABASE_URL);
  });

  it('warns, each with its path, about the LiteLLM features it ignores', () => {
    const warningFor = (path: string): string | undefined => config.warnings.find((w) => w.startsWith(`${path}: `));
    assert.match(warningFor('litellm_settings.success_callback') ?? '', /never sends request data to third parties/);
    assert.match(warningFor('litellm_settings.set_verbose') ?? '', /ignored/);
    assert.match(warningFor('general_settings.alerting') ?? '', /not supported yet/);
    assert.match(warningFor('litellm_settings.num_retries') ?? '', /overridden by router_settings\.num_retries/);
    assert.equal(config.warnings.length, 4, config.warnings.join('\n'));
  });

  it('shares state through the Redis that redis_host and redis_port name (the port from environment_variables)', () => {
    assert.deepEqual(config.redis, { url: 'redis://redis.internal:6379' });
  });

  it('is deeply frozen', () => {
    assert.throws(() => (config.deployments as unknown[]).push({}), TypeError);
    assert.throws(() => Object.assign(config.router.fallbacks, { x: [] }), TypeError);
    assert.throws(() => Object.assign(config.deployments[0]?.headers ?? {}, { Host: 'attacker.example' }), TypeError);
    assert.equal(Object.isFrozen(config.deployments[2]?.extraParams), true);
  });
});
