// Upstream response headers never reach the client: Gatehouse writes its own head for every answer
// (JSON, stream, relayed error), so a provider's cookies, credentials, server banner or request id
// cannot pass through.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestGatehouse, type TestGatehouse } from '../e2e/harness.js';
import { openAIErrorBody, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';

const marker = `hdrcanary${randomBytes(6).toString('hex')}`;
const upstreamHeaders = {
  'set-cookie': `session=${marker}; Path=/; HttpOnly`,
  authorization: `Bearer ${marker}`,
  'x-api-key': marker,
  server: `upstream-${marker}/1.0`,
  'openai-organization': `org-${marker}`,
  'x-upstream-secret': marker,
};

describe('upstream response headers', () => {
  let fake: FakeOpenAI;
  let gh: TestGatehouse;

  before(async () => {
    fake = await startFakeOpenAI();
    gh = await startTestGatehouse(`
model_list:
  - model_name: gpt
    litellm_params: { model: openai/gpt-4o-mini, api_base: '${fake.baseUrl}', api_key: sk-upstream-test }
router_settings: { num_retries: 0 }
`);
  });
  after(async () => {
    await gh.close();
    await fake.close();
  });

  async function headersOf(body: unknown): Promise<{ status: number; headers: Record<string, string> }> {
    const response = await fetch(`${gh.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gh.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.text();
    return { status: response.status, headers: Object.fromEntries(response.headers.entries()) };
  }

  function assertNoneForwarded(headers: Record<string, string>): void {
    for (const name of Object.keys(upstreamHeaders)) assert.equal(headers[name], undefined, `${name} was forwarded`);
    for (const [name, value] of Object.entries(headers)) assert.ok(!value.includes(marker), `${name}: ${value}`);
    assert.ok(!(headers['x-request-id'] ?? '').startsWith('req_fake'), 'the request id is Gatehouse\'s own');
    assert.equal(headers['openai-version'], undefined);
  }

  const messages = [{ role: 'user', content: 'hi' }];

  it('forwards none on a JSON answer', async () => {
    fake.script({ headers: upstreamHeaders });
    const answer = await headersOf({ model: 'gpt', messages });
    assert.equal(answer.status, 200);
    assertNoneForwarded(answer.headers);
  });

  it('forwards none on a streamed answer', async () => {
    fake.script({ headers: upstreamHeaders });
    const answer = await headersOf({ model: 'gpt', messages, stream: true });
    assert.equal(answer.status, 200);
    assert.match(answer.headers['content-type'] ?? '', /^text\/event-stream/);
    assertNoneForwarded(answer.headers);
  });

  it('forwards none on a relayed upstream error', async () => {
    fake.script({ status: 400, body: openAIErrorBody('Invalid value for temperature.', { param: 'temperature' }), headers: upstreamHeaders });
    const answer = await headersOf({ model: 'gpt', messages });
    assert.equal(answer.status, 400);
    assertNoneForwarded(answer.headers);
  });

  it('forwards none on a failed upstream', async () => {
    fake.script({ status: 500, headers: upstreamHeaders });
    const answer = await headersOf({ model: 'gpt', messages });
    assert.equal(answer.status, 502);
    assertNoneForwarded(answer.headers);
  });
});
