// Upstream TLS is verified: a self-signed upstream is refused unless its CA was configured.
// The certificate is made at test time with the openssl command line, so no key is committed.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { createUpstreamClient } from '../../src/upstream/undici-client.js';
import { startLocalServer } from './local-server.js';
import type { LocalServer } from './local-server.js';

function selfSignedCertificate(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-tls-'));
  try {
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'];
    args.push('-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
    args.push('-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'));
    execFileSync('openssl', args, { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSignedCertificate();
const timeouts = { headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000 };

describe('upstream TLS', { skip: tls === undefined ? 'the openssl command is not available to make a certificate' : false }, () => {
  let server: LocalServer;
  before(async () => {
    server = await startLocalServer((_req, res) => res.end('secure'), tls);
  });
  after(() => server.close());

  it('refuses an upstream whose certificate no trusted CA signed', async () => {
    const client = createUpstreamClient();
    const request = { method: 'GET' as const, url: `${server.origin}/`, headers: {}, body: undefined };
    await assert.rejects(client.send(request, timeouts), (error) => error instanceof GatewayError && error.code === 'upstream_error');
    await client.close();
  });

  it('accepts it once its CA is configured', async () => {
    const client = createUpstreamClient({ ca: tls?.cert ?? '' });
    const response = await client.send({ method: 'GET', url: `${server.origin}/`, headers: {}, body: undefined }, timeouts);
    assert.equal(await response.text(100), 'secure');
    await client.close();
  });
});
