// Forged forwarding headers: `X-Forwarded-For` and `Forwarded` are believed only from trusted
// proxies, and then only their right-most untrusted hop. Allowlists and limits see that address,
// so spoofed hops neither open an allowlist nor reset a limit.

import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import { createClientIpResolver, UNKNOWN_CLIENT_IP } from '../../src/server/edge/client-ip.js';
import { createAuditRepository } from '../../src/store/repositories/audit-repository.js';
import type { TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { probe } from './http-probe.js';
import { startMockGatehouse } from './mock-gatehouse.js';

function request(peer: string, headers: Record<string, string> = {}): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers } as unknown as IncomingMessage;
}

/** Creates a key through the management API with these forwarding headers; the audit row's address. */
async function auditedAddress(gh: TestGatehouse, xff: string): Promise<string | null | undefined> {
  const requestId = `xff-${xff.replace(/[^0-9a-f.]/g, '')}-${Date.now()}`;
  const headers = { authorization: `Bearer ${gh.masterKey}`, 'content-type': 'application/json', 'x-forwarded-for': xff, 'x-request-id': requestId };
  const answer = await probe(gh.url, '/key/generate', { method: 'POST', headers, body: '{}' });
  assert.equal(answer.status, 200, answer.body);
  const rows = await createAuditRepository(gh.app.store).list({ page: 1, pageSize: 50 });
  return rows.items.find((row) => row.requestId === requestId && row.action === 'key.create')?.actorIp;
}

function resolverAttacks(): void {
  describe('client address behind proxies', () => {
    const behindProxy = createClientIpResolver(['10.0.0.0/8', 'fd00::/8']);

    attack('X-Forwarded-For and Forwarded sent straight to Gatehouse, with no trusted proxy', () => {
      const direct = createClientIpResolver([]);
      assert.equal(direct(request('203.0.113.9', { 'x-forwarded-for': '10.1.2.3', forwarded: 'for=10.1.2.3' })), '203.0.113.9');
      assert.equal(behindProxy(request('203.0.113.9', { 'x-forwarded-for': '10.1.2.3' })), '203.0.113.9');
    });

    attack('a client-written left-most X-Forwarded-For hop behind a trusted proxy', () => {
      const req = request('10.0.0.2', { 'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.0.0.3' });
      assert.equal(behindProxy(req), '203.0.113.9');
    });

    attack('a Forwarded header with a spoofed first element', () => {
      const req = request('10.0.0.2', { forwarded: 'for=198.51.100.1;proto=https, For="[2001:db8::9]:4711";by=10.0.0.2' });
      assert.equal(behindProxy(req), '2001:db8::9');
    });

    attack('a Forwarded header passed through next to the X-Forwarded-For the proxy wrote', () => {
      const req = request('10.0.0.2', { forwarded: 'for=10.9.9.9', 'x-forwarded-for': '203.0.113.9' });
      assert.equal(behindProxy(req), '203.0.113.9');
    });

    attack('hops that are not addresses (unknown, obfuscated, malformed) behind a trusted proxy', () => {
      for (const hop of ['unknown', '_hidden', '1.2.3.4.5', '203.0.113.9 extra', '[2001:db8::1', '999.0.0.1']) {
        assert.equal(behindProxy(request('10.0.0.2', { 'x-forwarded-for': hop })), UNKNOWN_CLIENT_IP, hop);
      }
      assert.equal(behindProxy(request('10.0.0.2', { forwarded: 'for=unknown' })), UNKNOWN_CLIENT_IP);
    });

    attack('an IPv4-mapped IPv6 peer posing as a different address family', () => {
      assert.equal(behindProxy(request('::ffff:10.0.0.2', { 'x-forwarded-for': '203.0.113.9:5555' })), '203.0.113.9');
      assert.equal(createClientIpResolver([])(request('::ffff:203.0.113.9')), '203.0.113.9');
      assert.equal(behindProxy(request('fd00::1', { 'x-forwarded-for': '[2001:DB8:0:0::9]:443' })), '2001:db8::9');
    });

    attack('a forwarding chain longer than any real one', () => {
      const chain = Array.from({ length: 40 }, () => '10.0.0.9').join(', ');
      assert.equal(behindProxy(request('10.0.0.2', { 'x-forwarded-for': chain })), UNKNOWN_CLIENT_IP);
    });

    it('takes the left-most hop when every hop is a trusted proxy', () => {
      assert.equal(behindProxy(request('10.0.0.2', { 'x-forwarded-for': '10.0.0.7, 10.0.0.8' })), '10.0.0.7');
    });
  });
}

function throughTrustedProxyAttacks(): void {
  describe('X-Forwarded-For through a trusted proxy, end to end', () => {
    let gh: TestGatehouse;
    before(async () => {
      gh = await startMockGatehouse('{ trusted_proxies: [127.0.0.1/32], ip_allowlist: [203.0.113.0/24] }');
    });
    after(() => gh.close());

    const call = (xff: string | undefined, key: string = gh.masterKey): Promise<number> => probe(gh.url, '/v1/models', {
      headers: { authorization: `Bearer ${key}`, ...(xff === undefined ? {} : { 'x-forwarded-for': xff }) },
    }).then((answer) => answer.status);

    it('serves a client the trusted proxy names in X-Forwarded-For', async () => {
      assert.equal(await call('203.0.113.5'), 200);
      assert.equal(await call(undefined), 403);
    });

    attack('prepending an allowed address to X-Forwarded-For behind a trusted proxy', async () => {
      assert.equal(await call('203.0.113.5, 198.51.100.9'), 403);
    });

    attack('forging X-Forwarded-For to put another address in the audit log', async () => {
      assert.equal(await auditedAddress(gh, '6.6.6.6, 203.0.113.5'), '203.0.113.5');
      const direct = await startMockGatehouse();
      try {
        assert.equal(await auditedAddress(direct, '203.0.113.77'), '127.0.0.1');
      } finally {
        await direct.close();
      }
    });

    attack('rotating X-Forwarded-For to escape a key rate limit', async () => {
      // Rate windows are whole clock minutes: do not start the three requests just before one rolls over.
      const intoMinuteMs = Date.now() % 60_000;
      if (intoMinuteMs > 57_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinuteMs));
      const { secret, displayName } = mintVirtualKey();
      await gh.app.repos.virtualKeys.create({ keyHash: hashVirtualKey(secret, gh.app.keyHashingKey), displayName, rpmLimit: 2 });
      const chat = JSON.stringify({ model: 'mock-gpt', messages: [{ role: 'user', content: 'hi' }] });
      const statuses: number[] = [];
      for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'x-forwarded-for': address };
        statuses.push((await probe(gh.url, '/v1/chat/completions', { method: 'POST', headers, body: chat })).status);
      }
      assert.deepEqual(statuses, [200, 200, 429]);
    });
  });
}

export function xffSpoofingAttacks(): void {
  resolverAttacks();
  throughTrustedProxyAttacks();
}
