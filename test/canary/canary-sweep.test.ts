// The canary sweep: unique strings stand in for the master key, provider keys (configured, stored
// encrypted through the repositories, and added through the management API), a virtual key, a
// wrong key, a prompt and a completion. After a varied run (chat, streams, tools, embeddings, completions, client errors,
// 401s, unknown routes, upstream failures that echo the provider keys and the content) no answer,
// header, SSE frame, log line or database file may hold a canary. The one exception: content (never
// a key) in an answer to the caller who sent it: its completion, or its prompt as its provider
// quoted it in a relayed 4xx or stream error.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import { createLogger } from '../../src/server/logger.js';
import { storedModelSecretContext } from '../../src/server/live-models.js';
import { startTestGatehouse, type TestGatehouse } from '../e2e/harness.js';
import { openAIErrorBody, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { createSweepCapture, type SweepCapture } from './sweep-capture.js';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
// Keys in real shapes (an OpenAI project key, a bare 32-character key); content as plain words, which
// no credential pattern would catch by accident.
const canary = {
  providerKey: `sk-proj-cfg${hex(12)}`,
  storedKey: `stored${hex(13)}`,
  wrongKey: `sk-wrong${hex(12)}`,
  prompt: `violet ${hex(3)} otter`,
  completion: `amber ${hex(3)} heron`,
};
const messages = [{ role: 'user', content: `Please answer ${canary.prompt}` }];
const tools = [{ type: 'function', function: { name: 'lookup', description: `Looks up ${canary.prompt}`, parameters: { type: 'object', properties: { q: { type: 'string' } } } } }];
const echo = `${canary.providerKey} ${canary.storedKey} "${canary.prompt}" ${canary.completion}`;

function streamBody(chunks: readonly unknown[]): string {
  return chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('');
}

const chunk = (content: string): unknown => ({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content }, finish_reason: null }] });

describe('canary sweep', () => {
  let fake: FakeOpenAI;
  let storedFake: FakeOpenAI;
  let gh: TestGatehouse;
  let virtualKey: string;
  const capture: SweepCapture = createSweepCapture();

  before(async () => {
    fake = await startFakeOpenAI({ apiKey: canary.providerKey });
    storedFake = await startFakeOpenAI({ apiKey: canary.storedKey });
    const base = `api_base: '${fake.baseUrl}', api_key: os.environ/CANARY_PROVIDER_KEY`;
    gh = await startTestGatehouse(
      `
model_list:
  - { model_name: canary-gpt, litellm_params: { model: openai/gpt-4o-mini, ${base} } }
  - { model_name: canary-instruct, litellm_params: { model: openai/gpt-3.5-turbo-instruct, ${base} } }
  - { model_name: canary-embed, litellm_params: { model: openai/text-embedding-3-small, ${base} }, model_info: { mode: embedding } }
router_settings: { num_retries: 0, allowed_fails: 1000 }
`,
      { env: { CANARY_PROVIDER_KEY: canary.providerKey }, log: createLogger({ level: 'debug', write: (line) => capture.logLines.push(line) }) },
    );
    const sealed = gh.app.secretBox.seal(JSON.stringify({ api_key: canary.storedKey }), storedModelSecretContext('stored-1'));
    await gh.app.repos.storedModels.create({ id: 'stored-1', modelName: 'canary-stored', litellmParams: { model: 'openai/gpt-4o', api_base: storedFake.baseUrl }, encryptedSecrets: sealed });
    await gh.app.models.reload();
    const minted = mintVirtualKey();
    virtualKey = minted.secret;
    await gh.app.repos.virtualKeys.create({ keyHash: hashVirtualKey(minted.secret, gh.app.keyHashingKey), displayName: minted.displayName });
  });

  after(async () => {
    await gh.close();
    await fake.close();
    await storedFake.close();
  });

  const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
  const post = (path: string, body: unknown, options: { key?: string; ownContent?: boolean } = {}) =>
    capture.call('POST', `${gh.url}${path}`, { headers: bearer(options.key ?? gh.masterKey), body, ownContent: options.ownContent ?? false });

  /** A model added through the management API (sealed secrets, audit rows), then read back. */
  async function runManagementFlows(): Promise<void> {
    const params = { model: 'openai/gpt-4o', api_base: storedFake.baseUrl, api_key: canary.storedKey };
    const statuses = [
      (await post('/model/new', { model_name: 'canary-api', litellm_params: params, model_info: { id: 'api-1' } })).status,
      (await capture.call('GET', `${gh.url}/model/info`, { headers: bearer(gh.masterKey) })).status,
      (await post('/model/new', { model_name: 'x', litellm_params: { ...params, api_base: 'http://169.254.169.254/v1' } })).status,
      (await post('/model/new', { model_name: 'y', litellm_params: params }, { key: canary.wrongKey })).status,
    ];
    assert.deepEqual(statuses, [200, 200, 400, 401]);
  }

  async function runSuccessfulFlows(): Promise<void> {
    const own = { ownContent: true };
    const answers = [
      await post('/v1/chat/completions', { model: 'canary-gpt', messages }, own),
      await post('/v1/chat/completions', { model: 'canary-gpt', messages, stream: true, stream_options: { include_usage: true } }, own),
      await post('/v1/chat/completions', { model: 'canary-gpt', messages, tools }, own),
      await post('/v1/chat/completions', { model: 'canary-gpt', messages, tools, stream: true }, own),
      await post('/v1/completions', { model: 'canary-instruct', prompt: canary.prompt }, own),
      await post('/v1/embeddings', { model: 'canary-embed', input: canary.prompt }, own),
      await post('/v1/chat/completions', { model: 'canary-stored', messages }, own),
      await post('/v1/chat/completions', { model: 'canary-stored', messages, stream: true }, own),
      await post('/v1/chat/completions', { model: 'canary-api', messages }, own),
      await post('/v1/chat/completions', { model: 'canary-gpt', messages }, { ...own, key: virtualKey }),
      await capture.call('GET', `${gh.url}/v1/models`, { headers: bearer(virtualKey) }),
      await capture.call('GET', `${gh.url}/health/readiness`),
    ];
    fake.script({ status: 200, body: { id: 'x', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: canary.completion }, finish_reason: 'stop' }] } });
    answers.push(await post('/v1/chat/completions', { model: 'canary-gpt', messages }, own));
    fake.script({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: `${streamBody([chunk(canary.completion)])}data: [DONE]\n\n` });
    answers.push(await post('/v1/chat/completions', { model: 'canary-gpt', messages, stream: true }, own));
    assert.deepEqual(answers.map((a) => a.status), answers.map(() => 200), answers.map((a) => a.body.slice(0, 200)).join('\n'));
  }

  async function runClientErrors(): Promise<void> {
    const statuses = [
      (await post('/v1/chat/completions', { model: 'canary-gpt', messages }, { key: canary.wrongKey })).status,
      (await capture.call('POST', `${gh.url}/v1/chat/completions`, { headers: { 'x-api-key': canary.wrongKey }, body: { model: 'canary-gpt', messages } })).status,
      (await capture.call('POST', `${gh.url}/v1/chat/completions`, { body: { model: 'canary-gpt', messages } })).status,
      (await post('/v1/chat/completions', `{"model":"canary-gpt","messages":[{"role":"user","content":"${canary.prompt}"}`)).status,
      (await post('/v1/chat/completions', { model: 'canary-gpt', messages: [{ role: 'tyrant', content: canary.prompt }] })).status,
      (await post('/v1/chat/completions', { model: 'canary-gpt', messages, api_base: 'http://169.254.169.254/', api_key: canary.wrongKey })).status,
      (await post('/v1/chat/completions', { model: 'no-such-model', messages })).status,
      (await post('/v1/no-such-route', { messages })).status,
    ];
    assert.ok(statuses.every((status) => status >= 400 && status < 500), statuses.join(','));
  }

  async function runUpstreamFailures(): Promise<void> {
    // Request errors are relayed to their sender (credentials scrubbed); nothing else is.
    const relayed = { ownContent: true };
    const failures = [
      [{ status: 400, body: openAIErrorBody(`Invalid 'messages[0].content': ${echo}`, { param: 'messages' }) }, relayed],
      [{ status: 400, body: openAIErrorBody(`This model's maximum context length is 10 tokens: ${echo}`, { code: 'context_length_exceeded' }) }, relayed],
      [{ status: 401, body: openAIErrorBody(`Incorrect API key provided: ${echo}.`, { code: 'invalid_api_key' }) }, {}],
      [{ status: 429, body: openAIErrorBody(`Rate limit reached for ${echo}`, { code: 'rate_limit_exceeded' }) }, {}],
      [{ status: 500, body: openAIErrorBody(`The server had an error processing ${echo}`) }, {}],
      [{ status: 502, body: `<html><body>Bad gateway: ${echo}</body></html>` }, {}],
      [{ status: 200, body: `<html>not json ${echo}</html>` }, {}],
    ] as const;
    for (const [failure, options] of failures) {
      fake.script(failure);
      const answer = await post('/v1/chat/completions', { model: 'canary-gpt', messages }, options);
      assert.ok(answer.status >= 400, `${failure.status} became ${answer.status}`);
    }
    fake.script({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: streamBody([chunk('Hi'), { error: { message: `Stream failed: ${echo}`, type: 'server_error' } }]) });
    const broken = await post('/v1/chat/completions', { model: 'canary-gpt', messages, stream: true }, relayed);
    assert.match(broken.body, /Stream failed: \[redacted\]/, 'the upstream error event reaches the client, scrubbed');
    storedFake.script({ status: 401, body: openAIErrorBody(`Incorrect API key provided: ${echo}`, { code: 'invalid_api_key' }) });
    await post('/v1/chat/completions', { model: 'canary-stored', messages });
  }

  it('leaks no key, credential, prompt or completion anywhere', async () => {
    await runManagementFlows();
    await runSuccessfulFlows();
    await runClientErrors();
    await runUpstreamFailures();
    assert.equal(fake.requests.at(0)?.headers.authorization, `Bearer ${canary.providerKey}`, 'the configured key is the one used');
    assert.equal(storedFake.requests.at(0)?.headers.authorization, `Bearer ${canary.storedKey}`, 'the stored key is the one used');
    await gh.app.usage.flush();
    capture.captureFiles(gh.dataDir);
    assert.ok(capture.captured.some((c) => c.ownContent && c.text.includes(canary.prompt)), 'the sweep sees content where it is allowed');
    assert.ok(capture.logLines.length > 0, 'the sweep sees the logs');
    assert.ok(capture.captured.some((c) => c.where.startsWith('file ') && c.text.includes('canary-api')), 'the sweep sees what was stored');
    const leaks: Record<string, string[]> = {};
    for (const [name, secret] of Object.entries({ ...canary, masterKey: gh.masterKey, virtualKey })) {
      const allowOwnContent = name === 'prompt' || name === 'completion';
      const hits = capture.hits(secret, { allowOwnContent });
      if (hits.length > 0) leaks[name] = hits;
    }
    assert.deepEqual(leaks, {});
  });
});
