// TLS at both ends: the gateway terminates TLS 1.2 or newer and sends HSTS; upstream certificates
// are verified, with an operator's CA file added to the public roots. Certificates are made at
// test time; without openssl every attack here is skipped with that reason.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createTlsServer, connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startLocalServer, type LocalServer } from '../upstream/local-server.js';
import { startTestGatehouse, type TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { probe, rawExchange } from './http-probe.js';
import { certificateFolder, opensslMissing, type CertificateFolder, type TestCertificate } from './test-certificates.js';

const oldProtocol: ConnectionOptions = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' };

function handshake(port: number, options: ConnectionOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ...options }, () => {
      const protocol = socket.getProtocol() ?? 'unknown';
      socket.end();
      resolve(protocol);
    });
    socket.once('error', reject);
  });
}

/** Whether this machine's OpenSSL can speak TLS 1.1 at all (else refusing it proves nothing). */
async function canSpeakTls11(certificate: TestCertificate): Promise<boolean> {
  const server = createTlsServer({ cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, (socket) => socket.end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    return (await handshake((server.address() as AddressInfo).port, { ...oldProtocol, rejectUnauthorized: false })) === 'TLSv1.1';
  } catch {
    return false;
  } finally {
    server.close();
  }
}

const completion = JSON.stringify({
  id: 'chatcmpl-tls', object: 'chat.completion', created: 1, model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

function upstream(certificate: TestCertificate): Promise<LocalServer> {
  return startLocalServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(completion);
  }, { cert: certificate.cert, key: certificate.key });
}

/** `gatehouse start --tls-cert --tls-key`: waits for the banner, calls it over HTTPS, stops it. */
async function startFromCli(server: TestCertificate, cwd: string): Promise<{ banner: string; status: number }> {
  const cli = new URL('../../src/cli/main.js', import.meta.url).pathname;
  const env = { PATH: process.env['PATH'] ?? '', GATEHOUSE_MASTER_KEY: 'Q7f9kLm2Zp4Rt6Vw8Yb1Nc3Hd5Jg0AaXe' };
  const child = spawn(process.execPath, [cli, 'start', '--port', '0', '--tls-cert', server.certFile, '--tls-key', server.keyFile], { cwd, env });
  let banner = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => { banner += text; });
  const exited = once(child, 'exit');
  for (let i = 0; i < 200 && !banner.includes('Try it:') && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
  const url = /listening on (https:\/\/\S+)/.exec(banner)?.[1];
  const status = url === undefined ? 0 : (await probe(url, '/health/liveliness', { ca: server.cert })).status;
  child.kill('SIGTERM');
  await exited;
  return { banner, status };
}

export async function tlsAttacks(): Promise<void> {
  const certs: CertificateFolder | undefined = certificateFolder();
  const skip = certs === undefined ? opensslMissing : false;
  const made = certs === undefined ? undefined : { server: certs.make('gateway'), trusted: certs.make('upstream-ca'), rogue: certs.make('rogue') };
  const tls11 = made === undefined ? false : await canSpeakTls11(made.server);

  describe('TLS', () => {
    let gh: TestGatehouse | undefined;
    let trusted: LocalServer | undefined;
    let rogue: LocalServer | undefined;

    before(async () => {
      if (made === undefined) return;
      trusted = await upstream(made.trusted);
      rogue = await upstream(made.rogue);
      gh = await startTestGatehouse(`
model_list:
  - model_name: trusted
    litellm_params: { model: openai/m, api_base: '${trusted.origin}/v1', api_key: sk-none }
  - model_name: rogue
    litellm_params: { model: openai/m, api_base: '${rogue.origin}/v1', api_key: sk-none }
router_settings: { num_retries: 0 }
gatehouse:
  server: { tls: { cert_file: '${made.server.certFile}', key_file: '${made.server.keyFile}' } }
  upstream: { ca_file: '${made.trusted.certFile}' }
`);
    });

    after(async () => {
      await gh?.close();
      await trusted?.close();
      await rogue?.close();
      certs?.remove();
    });

    const chat = (model: string): Promise<number> => probe(gh?.url ?? '', '/v1/chat/completions', {
      method: 'POST', ca: made?.server.cert ?? '', body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
      headers: { authorization: `Bearer ${gh?.masterKey ?? ''}`, 'content-type': 'application/json' },
    }).then((answer) => answer.status);

    attack('an upstream presenting a certificate no trusted CA signed (interception)', { skip }, async () => {
      assert.equal(await chat('rogue'), 502);
      assert.equal(await chat('trusted'), 200);
    });

    attack('negotiating TLS 1.1 or older with the gateway', { skip: skip || (tls11 ? false : 'this OpenSSL cannot speak TLS 1.1 at all, so a refusal would prove nothing') }, async () => {
      const port = Number(new URL(gh?.url ?? '').port);
      await assert.rejects(handshake(port, { ...oldProtocol, ca: made?.server.cert ?? '' }));
      assert.match(await handshake(port, { ca: made?.server.cert ?? '' }), /^TLSv1\.[23]$/);
    });

    attack('plain HTTP sent to the TLS port', { skip }, async () => {
      const answer = await rawExchange(gh?.url.replace('https:', 'http:') ?? '', 'GET /v1/models HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
      assert.ok(answer.status === 0 || answer.status >= 400, `answered ${answer.status}`);
    });

    attack('starting with a private key that does not belong to the certificate', { skip }, async () => {
      if (made === undefined) return;
      const yaml = `gatehouse: { server: { tls: { cert_file: '${made.server.certFile}', key_file: '${made.rogue.keyFile}' } } }\n`;
      await assert.rejects(startTestGatehouse(yaml), /gatehouse\.server\.tls: the certificate and key cannot be used together/);
    });

    it('sends HSTS on every answer over TLS: served, refused and unknown', { skip }, async () => {
      const ca = made?.server.cert ?? '';
      for (const [path, headers] of [['/v1/models', { authorization: `Bearer ${gh?.masterKey ?? ''}` }], ['/v1/models', {}], ['/nope', {}]] as const) {
        const answer = await probe(gh?.url ?? '', path, { ca, headers });
        assert.equal(answer.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', `${path} ${answer.status}`);
      }
      assert.match(gh?.url ?? '', /^https:\/\//);
    });

    it('gatehouse start --tls-cert/--tls-key serves HTTPS and prints https URLs', { skip }, async () => {
      if (made === undefined || certs === undefined) return;
      const { banner, status } = await startFromCli(made.server, certs.dir);
      assert.match(banner, /listening on https:\/\/127\.0\.0\.1:\d+/);
      assert.match(banner, /base URL: https:\/\//);
      assert.equal(status, 200);
    });
  });
}
