// The egress guard resolves host names itself, yet TLS still verifies the certificate against the
// name in the URL (not the address it connected to). The certificate is made at test time with the
// openssl command line, so no key is committed.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../src/errors/gateway-error.js';
import type { EgressPolicy } from '../../src/upstream/egress-policy.js';
import type { ResolveHost } from '../../src/upstream/resolve-host.js';
import { createUpstreamClient } from '../../src/upstream/undici-client.js';
import { startLocalServer, type LocalServer } from '../upstream/local-server.js';

const serverName = 'model.internal';

function certificateFor(name: string): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-egress-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const subject = ['-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', ...subject, '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = certificateFor(serverName);
const toLoopback: ResolveHost = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
const timeouts = { headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000 };

describe('TLS through the egress guard', { skip: tls === undefined ? 'the openssl command is not available to make a certificate' : false }, () => {
  let server: LocalServer;
  before(async () => {
    server = await startLocalServer((_req, res) => res.end('secure'), tls);
  });
  after(() => server.close());

  async function get(host: string, egress: EgressPolicy): Promise<string> {
    const client = createUpstreamClient({ egress, resolveHost: toLoopback, ca: tls?.cert ?? '' });
    try {
      const response = await client.send({ method: 'GET', url: `https://${host}:${server.port}/`, headers: {}, body: undefined }, timeouts);
      return await response.text(100);
    } finally {
      await client.close();
    }
  }

  it('verifies the certificate against the URL host name', async () => {
    const policy: EgressPolicy = { allowPrivateHosts: [{ kind: 'name', name: serverName }], dangerouslyAllowAllPrivate: false };
    assert.equal(await get(serverName, policy), 'secure');
  });

  it('still refuses a certificate for another name', async () => {
    const policy: EgressPolicy = { allowPrivateHosts: [], dangerouslyAllowAllPrivate: true };
    await assert.rejects(get('other.internal', policy), (error: unknown) => {
      assert.ok(error instanceof GatewayError, String(error));
      assert.match(error.detail ?? '', /ERR_TLS_CERT_ALTNAME_INVALID|does not match|altnames/i);
      return true;
    });
  });
});
