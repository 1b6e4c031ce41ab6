// Body smuggling: a request body that tries to choose the upstream, the provider or the credentials
// (`api_base`, `api_key`, ...) at any depth, in any case, on every inference route. Each is refused
// with a 400 naming the field's path, and nothing reaches the upstream.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestGatehouse, type TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { errorOf, probe, type Answer } from './http-probe.js';

const evil = 'http://169.254.169.254/latest';

export function bodySmugglingAttacks(): void {
  describe('body smuggling', () => {
    let fake: FakeOpenAI;
    let gh: TestGatehouse;

    before(async () => {
      fake = await startFakeOpenAI();
      gh = await startTestGatehouse(`
model_list:
  - model_name: gpt-4o
    litellm_params: { model: openai/gpt-4o, api_base: '${fake.baseUrl}', api_key: sk-upstream }
  - model_name: embed
    litellm_params: { model: openai/text-embedding-3-small, api_base: '${fake.baseUrl}', api_key: sk-upstream }
    model_info: { mode: embedding }
router_settings: { num_retries: 0 }
`);
    });

    after(async () => {
      await gh.close();
      await fake.close();
    });

    const chat = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };

    function send(route: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
      const sent = { authorization: `Bearer ${gh.masterKey}`, 'content-type': 'application/json', ...headers };
      return probe(gh.url, `/v1/${route}`, { method: 'POST', headers: sent, body });
    }

    /** The body is refused with a 400 naming `path`, and the upstream saw nothing. */
    async function assertRefused(answer: Answer | Promise<Answer>, path: string): Promise<void> {
      const before = fake.requests.length;
      const { status, body } = await answer;
      assert.equal(status, 400, body);
      const error = errorOf(body);
      assert.equal(error.code, 'invalid_request');
      assert.equal(error.param, path);
      assert.ok(error.message.includes(`\`${path}\``), error.message);
      assert.equal(fake.requests.length, before);
    }

    const smuggle = (extra: Record<string, unknown>, route = 'chat/completions'): Promise<Answer> => send(route, JSON.stringify({ ...chat, ...extra }));

    attack('api_base at the top level of a chat body', async () => {
      await assertRefused(smuggle({ api_base: evil }), 'api_base');
    });

    attack('api_base nested in metadata', async () => {
      await assertRefused(smuggle({ metadata: { tag: 'a', api_base: evil } }), 'metadata.api_base');
    });

    attack('extra_body carrying base_url and api_key', async () => {
      await assertRefused(smuggle({ extra_body: { base_url: evil } }), 'extra_body.base_url');
      await assertRefused(smuggle({ extra_body: { api_key: 'sk-attacker' } }), 'extra_body.api_key');
    });

    attack('fallback entries carrying api_base and api_key', async () => {
      await assertRefused(smuggle({ fallbacks: [{ model: 'gpt-4o', api_base: evil, api_key: 'sk-attacker' }] }), 'fallbacks[0].api_base');
    });

    attack('litellm_params and user_config in the body, whatever they hold', async () => {
      await assertRefused(smuggle({ litellm_params: {} }), 'litellm_params');
      await assertRefused(smuggle({ user_config: { model_list: [] } }), 'user_config');
    });

    attack('custom_llm_provider, api_version and azure_endpoint switching the provider', async () => {
      await assertRefused(smuggle({ custom_llm_provider: 'azure' }), 'custom_llm_provider');
      await assertRefused(smuggle({ api_version: '2024-01-01' }), 'api_version');
      await assertRefused(smuggle({ metadata: { azure_endpoint: evil } }), 'metadata.azure_endpoint');
    });

    attack('cloud credentials under aws_* and vertex_* names', async () => {
      await assertRefused(smuggle({ aws_access_key_id: 'AKIA0000' }), 'aws_access_key_id');
      await assertRefused(smuggle({ metadata: { vertex_credentials: '{}' } }), 'metadata.vertex_credentials');
      await assertRefused(smuggle({ extra_headers: { authorization: 'Bearer x' } }), 'extra_headers');
    });

    attack('the same fields in other cases and spellings (API_BASE, Api-Key, baseURL, awsRegion)', async () => {
      await assertRefused(smuggle({ API_BASE: evil }), 'API_BASE');
      await assertRefused(smuggle({ metadata: { 'Api-Key': 'sk-attacker' } }), 'metadata.Api-Key');
      await assertRefused(smuggle({ extra_body: { baseURL: evil } }), 'extra_body.baseURL');
      await assertRefused(smuggle({ awsRegionName: 'us-east-1' }), 'awsRegionName');
    });

    attack('a routing field buried 12 levels deep inside message content parts', async () => {
      let nested: Record<string, unknown> = { api_base: evil };
      for (let i = 0; i < 10; i++) nested = { inner: nested };
      const body = { ...chat, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', meta: nested }] }] };
      await assertRefused(send('chat/completions', JSON.stringify(body)), `messages[0].content[0].meta${'.inner'.repeat(10)}.api_base`);
    });

    attack('a routing field spelled with a JSON unicode escape', async () => {
      await assertRefused(send('chat/completions', '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"api\\u005fbase":"x"}'), 'api_base');
    });

    attack('a routing field in a duplicated key that JSON.parse keeps', async () => {
      const body = '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"metadata":{},"metadata":{"api_key":"sk-attacker"}}';
      await assertRefused(send('chat/completions', body), 'metadata.api_key');
    });

    attack('a routing field inside a gzip-compressed body', async () => {
      const body = gzipSync(JSON.stringify({ ...chat, metadata: { api_base: evil } }));
      await assertRefused(send('chat/completions', body, { 'content-encoding': 'gzip' }), 'metadata.api_base');
    });

    attack('routing fields on the completions and embeddings routes', async () => {
      await assertRefused(send('completions', JSON.stringify({ model: 'gpt-4o', prompt: 'hi', api_base: evil })), 'api_base');
      await assertRefused(send('embeddings', JSON.stringify({ model: 'embed', input: 'hi', metadata: { api_key: 'sk-x' } })), 'metadata.api_key');
    });

    attack('a routing field under a virtual key as well as the master key', async () => {
      const { secret, displayName } = mintVirtualKey();
      await gh.app.repos.virtualKeys.create({ keyHash: hashVirtualKey(secret, gh.app.keyHashingKey), displayName });
      await assertRefused(send('chat/completions', JSON.stringify({ ...chat, api_base: evil }), { authorization: `Bearer ${secret}` }), 'api_base');
    });

    it('serves tools whose JSON-schema properties are named like routing fields, and refuses them outside a schema', async () => {
      const parameters = { type: 'object', properties: { api_key: { type: 'string' }, base_url: { type: 'string' } }, required: ['api_key'] };
      const tools = [{ type: 'function', function: { name: 'call_service', parameters } }];
      const answer = await smuggle({ tools });
      assert.equal(answer.status, 200, answer.body);
      const smuggled = [{ type: 'function', function: { name: 'call_service', parameters: { ...parameters, properties: { x: { type: 'string', api_base: evil } } } } }];
      await assertRefused(smuggle({ tools: smuggled }), 'tools[0].function.parameters.properties.x.api_base');
    });

    it('still serves bodies whose fields only look similar (api_base_note, base_model, user)', async () => {
      const before = fake.requests.length;
      const answer = await smuggle({ user: 'u-1', metadata: { api_base_note: 'docs', base_model: 'x', apikeys_rotated: 2 } });
      assert.equal(answer.status, 200, answer.body);
      assert.equal(fake.requests.length, before + 1);
    });
  });
}
