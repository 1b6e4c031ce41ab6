// The egress policy where it matters: when the upstream client opens a connection. A refused
// destination never sees a TCP connection, whatever the URL says and whatever DNS answered to an
// earlier check (DNS rebinding).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { checkEgressUrl } from '../../src/upstream/check-egress-url.js';
import { denyPrivateEgress, type EgressPolicy } from '../../src/upstream/egress-policy.js';
import type { ResolveHost } from '../../src/upstream/resolve-host.js';
import { createUpstreamClient, type UpstreamClientOptions } from '../../src/upstream/undici-client.js';
import { startLocalServer, type LocalServer } from '../upstream/local-server.js';

const timeouts = { headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000 };
const loopbackAllowed: EgressPolicy = { allowPrivateHosts: [{ kind: 'range', address: '127.0.0.1', prefix: 32, family: 'ipv4' }], dangerouslyAllowAllPrivate: false };

function refusedWith(pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
    assert.equal(error.code, 'upstream_error');
    assert.match(error.detail ?? '', pattern);
    assert.equal(error.message, 'The upstream provider failed.', 'the client-facing message names no address');
    return true;
  };
}

describe('connections under the egress policy', () => {
  let server: LocalServer;
  before(async () => {
    server = await startLocalServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  });
  after(() => server.close());

  async function get(url: string, options: UpstreamClientOptions): Promise<number> {
    const client = createUpstreamClient(options);
    try {
      const response = await client.send({ method: 'GET', url, headers: {}, body: undefined }, timeouts);
      response.dump();
      return response.status;
    } finally {
      await client.close();
    }
  }

  it('refuses a loopback literal before connecting', async () => {
    const before = server.connections;
    await assert.rejects(get(`${server.origin}/`, { egress: denyPrivateEgress }), refusedWith(/egress refused: 127\.0\.0\.1 is a loopback address/));
    assert.equal(server.connections, before);
  });

  it('refuses a name the system resolver maps to loopback', async () => {
    const before = server.connections;
    await assert.rejects(get(`http://localhost:${server.port}/`, { egress: denyPrivateEgress }), refusedWith(/localhost resolves to .*loopback/));
    assert.equal(server.connections, before);
  });

  it('connects when the policy lists the address, and only on the listed port', async () => {
    assert.equal(await get(`${server.origin}/`, { egress: loopbackAllowed }), 200);
    const otherPort: EgressPolicy = { allowPrivateHosts: [{ kind: 'range', address: '127.0.0.1', prefix: 32, family: 'ipv4', port: server.port + 1 }], dangerouslyAllowAllPrivate: false };
    await assert.rejects(get(`${server.origin}/`, { egress: otherPort }), refusedWith(/loopback/));
  });

  it('checks the answer DNS gives at connect time, not the one an earlier check saw', async () => {
    let lookups = 0;
    const rebinding: ResolveHost = () => {
      lookups += 1;
      return Promise.resolve([{ address: lookups === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
    };
    const url = `http://rebind.example.com:${server.port}/`;
    assert.equal(await checkEgressUrl(url, denyPrivateEgress, { resolveHost: rebinding }), undefined, 'the first answer looked public');
    const before = server.connections;
    await assert.rejects(get(url, { egress: denyPrivateEgress, resolveHost: rebinding }), refusedWith(/rebind\.example\.com resolves to 127\.0\.0\.1/));
    assert.equal(server.connections, before);
  });

  it('refuses a host whose answers mix a public and a private address', async () => {
    const mixed: ResolveHost = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }]);
    await assert.rejects(get(`http://mixed.example.com:${server.port}/`, { egress: denyPrivateEgress, resolveHost: mixed }), refusedWith(/127\.0\.0\.1/));
  });

  it('connects to the address the guarded lookup approved for a listed name', async () => {
    const local: ResolveHost = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const named: EgressPolicy = { allowPrivateHosts: [{ kind: 'name', name: 'model-server.internal' }], dangerouslyAllowAllPrivate: false };
    assert.equal(await get(`http://model-server.internal:${server.port}/`, { egress: named, resolveHost: local }), 200);
  });

  it('refuses cloud metadata even with every private address allowed', async () => {
    const allPrivate: EgressPolicy = { allowPrivateHosts: [], dangerouslyAllowAllPrivate: true };
    await assert.rejects(get('http://169.254.169.254/latest/meta-data/', { egress: allPrivate }), refusedWith(/cloud metadata/));
    await assert.rejects(get('http://metadata.google.internal/', { egress: allPrivate }), refusedWith(/metadata\.google\.internal is a cloud metadata host/));
    assert.equal(await get(`${server.origin}/`, { egress: allPrivate }), 200);
  });
});
