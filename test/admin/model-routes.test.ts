// The model routes over HTTP: a model added through the API serves requests at once, its
// credentials are never shown and never stored in clear, configuration-file models are listed
// read-only with their keys masked, and invalid or unsafe models are refused.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { adminClient, expectStatus, openAdminGatehouse, type AdminClient } from './admin-client.js';

const configSecret = `sk-config-${randomBytes(12).toString('hex')}`;
const apiSecret = `sk-provider-${randomBytes(12).toString('hex')}`;

async function chat(gh: TestGatehouse, model: string): Promise<{ status: number; content: string | undefined }> {
  const res = await fetch(`${gh.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gh.masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const body = (await res.json()) as { choices?: Array<{ message: { content: string } }> };
  return { status: res.status, content: body.choices?.[0]?.message.content };
}

describe('model management routes', () => {
  let gh: TestGatehouse;
  let admin: AdminClient;

  before(async () => {
    ({ gh, admin } = await openAdminGatehouse(`
model_list:
  - model_name: mock-gpt
    litellm_params: { model: mock/mock-gpt, api_key: ${configSecret} }
    model_info: { id: config-mock }
`));
  });
  after(() => gh.close());

  it('serves a model added through the API without a restart, and stops when it is deleted', async () => {
    assert.equal((await chat(gh, 'api-mock')).status, 404);
    const created = expectStatus(
      await admin.post('/model/new', { model_name: 'api-mock', litellm_params: { model: 'mock/api-mock', api_key: apiSecret, mock_response: 'first' }, model_info: { id: 'api-mock-1' } }),
      200,
    );
    assert.equal(created.body.model_id, 'api-mock-1');
    assert.equal(created.body.litellm_params.api_key, '********');
    assert.deepEqual(await chat(gh, 'api-mock'), { status: 200, content: 'first' });

    const updated = expectStatus(await admin.post('/model/update', { model_info: { id: 'api-mock-1' }, litellm_params: { api_key: '********', mock_response: 'second' } }), 200);
    assert.equal(updated.body.litellm_params.mock_response, 'second');
    assert.deepEqual(await chat(gh, 'api-mock'), { status: 200, content: 'second' });
    const deployment = gh.app.models.deployments().find((d) => d.id === 'api-mock-1');
    assert.equal(deployment?.apiKey, apiSecret, 'the masked value sent back kept the stored secret');

    expectStatus(await admin.post('/model/delete', { id: 'api-mock-1' }), 200);
    assert.equal((await chat(gh, 'api-mock')).status, 404);
    expectStatus(await admin.post('/model/delete', { id: 'api-mock-1' }), 404);
  });

  it('never shows credentials and never stores them in clear', async () => {
    expectStatus(await admin.post('/model/new', { model_name: 'kept', litellm_params: { model: 'mock/kept', api_key: apiSecret, extra_headers: { 'x-token': apiSecret } } }), 200);
    const answers = [
      expectStatus(await admin.get('/model/info'), 200),
      expectStatus(await admin.get('/v2/model/info', { model: 'kept' }), 200),
      expectStatus(await admin.get('/model_group/info'), 200),
    ];
    for (const answer of answers) {
      assert.ok(!answer.text.includes(apiSecret), 'a stored credential was shown');
      assert.ok(!answer.text.includes(configSecret), 'a configuration credential was shown');
    }
    const kept = answers[1]?.body.data[0];
    assert.equal(kept.litellm_params.extra_headers, '********');
    const files = readdirSync(gh.dataDir).filter((name) => name.startsWith('gatehouse.db'));
    assert.ok(files.includes('gatehouse.db'));
    for (const name of files) assert.ok(!readFileSync(join(gh.dataDir, name)).includes(apiSecret), `${name} holds a credential in clear`);
  });

  it('lists configuration-file models read-only, with their key masked', async () => {
    const info = expectStatus(await admin.get('/model/info', { litellm_model_id: 'config-mock' }), 200);
    assert.equal(info.body.data.length, 1);
    const [model] = info.body.data;
    assert.equal(model.model_info.source, 'config');
    assert.equal(model.model_info.db_model, false);
    assert.equal(model.litellm_params.api_key, '********');
    assert.equal(model.litellm_params.model, 'mock/mock-gpt');
    expectStatus(await admin.post('/model/update', { model_info: { id: 'config-mock' }, litellm_params: { mock_response: 'x' } }), 400);
    expectStatus(await admin.post('/model/delete', { id: 'config-mock' }), 400);
    expectStatus(await admin.post('/model/new', { model_name: 'clash', litellm_params: { model: 'mock/x' }, model_info: { id: 'config-mock' } }), 400);
  });

  it('refuses unknown providers, environment references, unsafe api_base and unservable models', async () => {
    const unknown = expectStatus(await admin.post('/model/new', { model_name: 'u', litellm_params: { model: 'nosuchprovider/x' } }), 400);
    assert.match(unknown.body.error.message, /unknown provider "nosuchprovider"/);
    const environment = expectStatus(await admin.post('/model/new', { model_name: 'e', litellm_params: { model: 'openai/gpt-4o', api_key: 'os.environ/OPENAI_API_KEY' } }), 400);
    assert.match(environment.body.error.message, /os\.environ/);
    // The test instance allows 127.0.0.1 (its fakes live there); other private and metadata addresses stay refused.
    for (const apiBase of ['http://10.1.2.3:8000/v1', 'http://169.254.169.254/latest']) {
      const refused = expectStatus(await admin.post('/model/new', { model_name: 'l', litellm_params: { model: 'openai/x', api_key: 'k', api_base: apiBase } }), 400);
      assert.match(refused.body.error.message, /litellm_params\.api_base: refused/);
    }
    expectStatus(await admin.post('/model/new', { model_name: 'v', litellm_params: { model: 'hosted_vllm/x' } }), 400);
    expectStatus(await admin.post('/model/new', { model_name: 'm', litellm_params: { model: 'mock/x', api_key: '********' } }), 400);
    expectStatus(await admin.post('/model/new', { model_name: 'f', litellm_params: { model: 'mock/x' }, extra: 1 }), 400);
    const infoSecret = expectStatus(await admin.post('/model/new', { model_name: 'i', litellm_params: { model: 'mock/x' }, model_info: { api_key: apiSecret } }), 400);
    assert.equal(infoSecret.body.error.param, 'model_info.api_key');
    assert.ok(!infoSecret.text.includes(apiSecret));
  });

  it('shows a user only the models its keys may use, and lets only admins change models', async () => {
    const user = expectStatus(await admin.post('/user/new', { user_id: 'model-reader', models: ['mock-gpt'] }), 200);
    const reader = adminClient(gh, user.body.key as string);
    const info = expectStatus(await reader.get('/model/info'), 200);
    assert.deepEqual([...new Set(info.body.data.map((m: { model_name: string }) => m.model_name))], ['mock-gpt']);
    const groups = expectStatus(await reader.get('/model_group/info'), 200);
    assert.deepEqual(groups.body.data.map((g: { model_group: string }) => g.model_group), ['mock-gpt']);
    expectStatus(await reader.post('/model/new', { model_name: 'nope', litellm_params: { model: 'mock/nope' } }), 403);
  });
});
