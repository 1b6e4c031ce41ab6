// The outbound client against a local server, one failure at a time: each must surface as the
// GatewayError the router acts on, or as an AbortError when the caller gave up.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { GatewayError, errorSpecs } from '../../src/errors/gateway-error.js';
import { isAbortError } from '../../src/upstream/transport-errors.js';
import { createUpstreamClient } from '../../src/upstream/undici-client.js';
import type { UpstreamClient } from '../../src/upstream/types.js';
import { collectAsync } from '../fakes/collect-async.js';
import { closedPort, startLocalServer } from './local-server.js';
import type { LocalServer } from './local-server.js';

const timeouts = { headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000 };
const short = { headersTimeoutMs: 50, bodyTimeoutMs: 50 };

function routes(path: string, res: ServerResponse, body: string): void {
  if (path === '/echo') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Mixed-Case': 'Yes' });
    res.end(JSON.stringify({ body, headers: res.req.headers, method: res.req.method }));
  } else if (path === '/redirect') {
    res.writeHead(302, { location: '/echo' }).end();
  } else if (path === '/reset') {
    res.socket?.destroy();
  } else if (path === '/stall-body') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: first\n\n');
  } else if (path === '/big-declared') {
    res.writeHead(200, { 'content-length': '100' }).end('x'.repeat(100));
  } else if (path === '/big-chunked') {
    res.writeHead(200);
    res.write('x'.repeat(60));
    res.end('y'.repeat(60));
  }
  // Any other path never answers.
}

function gatewayCode(code: string): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  };
}

describe('createUpstreamClient', () => {
  let server: LocalServer;
  let client: UpstreamClient;
  const seen: string[] = [];
  before(async () => {
    server = await startLocalServer((req, res) => {
      let body = '';
      req.on('data', (part: Buffer) => (body += part.toString()));
      req.on('end', () => {
        seen.push(req.url ?? '');
        routes(req.url ?? '', res, body);
      });
    });
    client = createUpstreamClient();
  });
  after(async () => {
    await client.close();
    await server.close();
  });

  it('sends method, headers and body, and lower-cases response headers', async () => {
    const request = { method: 'POST' as const, url: `${server.origin}/echo`, headers: { Authorization: 'Bearer k' }, body: '{"a":1}' };
    const response = await client.send(request, timeouts);
    assert.equal(response.status, 200);
    assert.equal(response.headers['x-mixed-case'], 'Yes');
    const echoed = JSON.parse(await response.text(10_000)) as { body: string; headers: Record<string, string>; method: string };
    assert.deepEqual([echoed.method, echoed.body, echoed.headers['authorization']], ['POST', '{"a":1}', 'Bearer k']);
  });

  it('keeps the connection alive between requests to one origin', async () => {
    const before = server.connections;
    for (let i = 0; i < 3; i++) {
      const response = await client.send({ method: 'GET', url: `${server.origin}/echo`, headers: {}, body: undefined }, timeouts);
      await response.text(10_000);
    }
    assert.ok(server.connections - before <= 1);
  });

  it('does not follow redirects', async () => {
    const count = seen.length;
    const response = await client.send({ method: 'GET', url: `${server.origin}/redirect`, headers: {}, body: undefined }, timeouts);
    response.dump();
    assert.equal(response.status, 302);
    assert.equal(response.headers['location'], '/echo');
    assert.deepEqual(seen.slice(count), ['/redirect']);
  });

  it('maps a headers timeout and a body timeout to upstream_timeout', async () => {
    // undici's own timers tick about twice a second, so both waits run side by side.
    const headers = client.send({ method: 'GET', url: `${server.origin}/hang`, headers: {}, body: undefined }, short);
    const stalled = client
      .send({ method: 'GET', url: `${server.origin}/stall-body`, headers: {}, body: undefined }, short)
      .then((response) => collectAsync(response.body));
    await Promise.all([
      assert.rejects(headers, gatewayCode('upstream_timeout')),
      assert.rejects(stalled, gatewayCode('upstream_timeout')),
    ]);
  });

  it('maps a reset connection and a refused one to upstream_error with a generic public message', async () => {
    const reset = client.send({ method: 'GET', url: `${server.origin}/reset`, headers: {}, body: undefined }, timeouts);
    await assert.rejects(reset, gatewayCode('upstream_error'));
    const port = await closedPort();
    await assert.rejects(client.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {}, body: undefined }, timeouts), (error) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.message, errorSpecs.upstream_error.publicMessage);
      assert.match(error.detail ?? '', /ECONNREFUSED/);
      return true;
    });
  });

  it('throws a recognisable AbortError when the signal aborts before headers or mid-body', async () => {
    const early = new AbortController();
    const pending = client.send({ method: 'GET', url: `${server.origin}/hang`, headers: {}, body: undefined }, { ...timeouts, signal: early.signal });
    setTimeout(() => early.abort(), 10);
    await assert.rejects(pending, (error) => isAbortError(error) && !(error instanceof GatewayError));

    const late = new AbortController();
    const response = await client.send({ method: 'GET', url: `${server.origin}/stall-body`, headers: {}, body: undefined }, { ...timeouts, signal: late.signal });
    await assert.rejects(async () => {
      for await (const chunk of response.body) if (chunk.byteLength > 0) late.abort();
    }, isAbortError);
  });

  it('rethrows a GatewayError given as the abort reason (an overall deadline)', async () => {
    const deadline = new AbortController();
    const pending = client.send({ method: 'GET', url: `${server.origin}/hang`, headers: {}, body: undefined }, { ...timeouts, signal: deadline.signal });
    setTimeout(() => deadline.abort(new GatewayError('upstream_timeout', { detail: 'deadline' })), 10);
    await assert.rejects(pending, (error) => error instanceof GatewayError && error.detail === 'deadline');
  });

  it('caps text() whether the size is declared or streamed', async () => {
    for (const path of ['/big-declared', '/big-chunked']) {
      const response = await client.send({ method: 'GET', url: `${server.origin}${path}`, headers: {}, body: undefined }, timeouts);
      await assert.rejects(response.text(50), gatewayCode('upstream_malformed'));
    }
    const fits = await client.send({ method: 'GET', url: `${server.origin}/big-chunked`, headers: {}, body: undefined }, timeouts);
    assert.equal((await fits.text(120)).length, 120);
  });
});
