// The egress policy as an operator meets it: a configured api_base outside it stops the start and
// says which deployment and which option; a stored model outside it is not served; a listed local
// server works, and the mock provider needs no entry.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { createLogger } from '../../src/server/logger.js';
import { storedModelSecretContext } from '../../src/server/live-models.js';
import { StartError } from '../../src/server/start-gatehouse.js';
import { startTestGatehouse, type TestGatehouse } from '../e2e/harness.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';

const ask = [{ role: 'user' as const, content: 'hello' }];

describe('egress policy at start', () => {
  let fake: FakeOpenAI;
  before(async () => {
    fake = await startFakeOpenAI();
  });
  after(() => fake.close());

  it('refuses to start with a private api_base, naming the deployment and the option', async () => {
    const yaml = `
model_list:
  - model_name: local-llama
    litellm_params: { model: hosted_vllm/llama, api_base: '${fake.baseUrl}' }
    model_info: { id: llama-1 }
  - model_name: metadata
    litellm_params: { model: openai/x, api_base: 'http://169.254.169.254/v1', api_key: sk-none }
  - model_name: mock-gpt
    litellm_params: { model: mock/mock-gpt, api_base: 'http://127.0.0.1:1/v1' }
gatehouse: { egress: { allow_private_hosts: [] } }
`;
    await assert.rejects(startTestGatehouse(yaml), (error: unknown) => {
      assert.ok(error instanceof StartError, String(error));
      const lines = error.message.split('\n');
      assert.equal(lines.length, 2, error.message);
      assert.match(lines[0] ?? '', /^model_list \(model_name "local-llama", id llama-1\): litellm_params\.api_base refused: 127\.0\.0\.1 is a loopback address/);
      assert.ok(lines[0]?.includes(`add "127.0.0.1:${fake.port}" to gatehouse.egress.allow_private_hosts`), lines[0]);
      assert.match(lines[1] ?? '', /model_name "metadata".*169\.254\.169\.254 is a cloud metadata address/);
      return true;
    });
  });

  it('starts and serves when the local server is listed', async () => {
    const gh = await startTestGatehouse(`
model_list:
  - model_name: local-llama
    litellm_params: { model: hosted_vllm/llama, api_base: '${fake.baseUrl}' }
gatehouse: { egress: { allow_private_hosts: ['127.0.0.1:${fake.port}'] } }
`);
    try {
      const client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: 'local-llama', messages: ask });
      assert.ok(completion.choices[0]?.message.content);
    } finally {
      await gh.close();
    }
  });
});

describe('egress policy for stored models', () => {
  let allowed: FakeOpenAI;
  let other: FakeOpenAI;
  let gh: TestGatehouse;
  const lines: string[] = [];

  before(async () => {
    allowed = await startFakeOpenAI();
    other = await startFakeOpenAI();
    gh = await startTestGatehouse(
      `
model_list:
  - model_name: mock-gpt
    litellm_params: { model: mock/mock-gpt }
gatehouse: { egress: { allow_private_hosts: ['127.0.0.1:${allowed.port}'] } }
`,
      { log: createLogger({ level: 'info', write: (line) => lines.push(line) }) },
    );
  });
  after(async () => {
    await gh.close();
    await allowed.close();
    await other.close();
  });

  async function store(id: string, apiBase: string): Promise<void> {
    const encryptedSecrets = gh.app.secretBox.seal(JSON.stringify({ api_key: 'sk-stored-model-key' }), storedModelSecretContext(id));
    await gh.app.repos.storedModels.create({ id, modelName: id, litellmParams: { model: 'openai/gpt-4o-mini', api_base: apiBase }, encryptedSecrets });
  }

  it('serves a stored model inside the policy and skips one outside it', async () => {
    await store('inside', allowed.baseUrl);
    await store('outside', other.baseUrl);
    await gh.app.models.reload();
    const client = new OpenAI({ baseURL: gh.baseURL, apiKey: gh.masterKey, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'inside', messages: ask });
    assert.ok(completion.choices[0]?.message.content);
    await assert.rejects(client.chat.completions.create({ model: 'outside', messages: ask }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 404);
      return true;
    });
    assert.equal(other.requests.length, 0);
    const skipped = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'stored model skipped');
    assert.equal(skipped?.['modelId'], 'outside');
    assert.match(String(skipped?.['problems']), /loopback address; to allow it, add "127\.0\.0\.1:\d+"/);
  });
});
