// No telemetry: from start to stop, through a representative flow, every outbound connection the
// process opens goes to the configured upstream (or is this test calling Gatehouse itself). Seen
// through undici's connect channels and node's `net.client.socket` channel.

import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestGatehouse, type TestGatehouse } from '../e2e/harness.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';

interface Seen {
  readonly channel: string;
  readonly destination: string;
}

/** Records every connection attempt; a socket that never connects is recorded by its lookup host. */
function recordConnections(): { seen: Seen[]; stop(): void } {
  const seen: Seen[] = [];
  const beforeConnect = (message: unknown): void => {
    const params = (message as { connectParams: { hostname: string; port: string; protocol: string } }).connectParams;
    seen.push({ channel: 'undici:client:beforeConnect', destination: `${params.hostname}:${params.port}` });
  };
  const connected = (message: unknown): void => {
    const socket = (message as { socket: Socket }).socket;
    seen.push({ channel: 'undici:client:connected', destination: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}` });
  };
  const netSocket = (message: unknown): void => {
    const socket = (message as { socket: Socket }).socket;
    let outcome = false;
    socket.once('connect', () => {
      outcome = true;
      seen.push({ channel: 'net.client.socket', destination: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}` });
    });
    socket.once('lookup', (_error: Error | null, _address: string, _family: number, host: string) => {
      if (!outcome) seen.push({ channel: 'net.client.socket lookup', destination: host });
    });
    socket.once('close', () => {
      if (!outcome) seen.push({ channel: 'net.client.socket (never connected)', destination: 'unknown' });
    });
  };
  const channels: [string, (message: unknown) => void][] = [
    ['undici:client:beforeConnect', beforeConnect],
    ['undici:client:connected', connected],
    ['net.client.socket', netSocket],
  ];
  for (const [name, listener] of channels) subscribe(name, listener);
  return { seen, stop: () => channels.forEach(([name, listener]) => unsubscribe(name, listener)) };
}

describe('no telemetry', () => {
  let fake: FakeOpenAI;
  let gh: TestGatehouse;
  let recorder: ReturnType<typeof recordConnections>;

  before(async () => {
    fake = await startFakeOpenAI();
    recorder = recordConnections();
    gh = await startTestGatehouse(`
model_list:
  - model_name: gpt
    litellm_params: { model: openai/gpt-4o-mini, api_base: '${fake.baseUrl}', api_key: sk-telemetry-test }
  - model_name: embed
    litellm_params: { model: openai/text-embedding-3-small, api_base: '${fake.baseUrl}', api_key: sk-telemetry-test }
    model_info: { mode: embedding }
  - model_name: mock-gpt
    litellm_params: { model: mock/mock-gpt }
router_settings: { num_retries: 0 }
`);
  });
  after(async () => {
    recorder.stop();
    await fake.close();
  });

  async function call(path: string, body?: unknown): Promise<number> {
    const response = await fetch(`${gh.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${gh.masterKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await response.text();
    return response.status;
  }

  it('connects only to the configured upstream', async () => {
    const messages = [{ role: 'user', content: 'hello' }];
    const statuses = [
      await call('/v1/chat/completions', { model: 'gpt', messages }),
      await call('/v1/chat/completions', { model: 'gpt', messages, stream: true }),
      await call('/v1/embeddings', { model: 'embed', input: 'hello' }),
      await call('/v1/chat/completions', { model: 'mock-gpt', messages }),
      await call('/v1/models'),
      await call('/health/readiness'),
    ];
    fake.script({ status: 500 });
    statuses.push(await call('/v1/chat/completions', { model: 'gpt', messages }));
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 502]);
    await gh.app.usage.flush();
    await gh.close();

    const upstream = `127.0.0.1:${fake.port}`;
    const self = `127.0.0.1:${new URL(gh.url).port}`;
    const elsewhere = recorder.seen.filter((s) => s.destination !== upstream && s.destination !== self);
    assert.deepEqual(elsewhere, []);
    for (const channel of ['undici:client:beforeConnect', 'undici:client:connected', 'net.client.socket']) {
      assert.ok(recorder.seen.some((s) => s.channel === channel && s.destination === upstream), `${channel} saw the upstream connection`);
    }
  });
});
