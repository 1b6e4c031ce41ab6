// Forged and misplaced credentials: keys in query strings, bearer values shaped as SQL or header
// injections, very long, non-ASCII or carrying NUL bytes, the master key with a twist. Each is a
// 401 (or a 400/431 from the HTTP parser for bytes HTTP forbids), never a 500 or a way in.

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { errorOf, probe, rawBody, rawExchange } from './http-probe.js';
import { startMockGatehouse } from './mock-gatehouse.js';

export function credentialForgeryAttacks(): void {
  describe('credential forgery', () => {
    let gh: TestGatehouse;
    before(async () => {
      gh = await startMockGatehouse();
    });
    after(() => gh.close());

    const statusWith = (headers: Record<string, string | string[]>, path = '/v1/models'): Promise<number> =>
      probe(gh.url, path, { headers }).then((answer) => answer.status);

    /** Sends bytes node:http would refuse to write; the answer is the edge's, in the API's error shape. */
    async function rawStatus(authorization: Buffer): Promise<{ status: number; code: string }> {
      const head = Buffer.concat([Buffer.from('GET /v1/models HTTP/1.1\r\nhost: localhost\r\nauthorization: '), authorization, Buffer.from('\r\nconnection: close\r\n\r\n')]);
      const answer = await rawExchange(gh.url, head);
      return { status: answer.status, code: errorOf(rawBody(answer)).code };
    }

    attack('the master key in the query string (api_key, key, token, authorization)', async () => {
      const key = encodeURIComponent(gh.masterKey);
      for (const query of [`api_key=${key}`, `key=${key}`, `token=${key}`, `authorization=Bearer%20${key}`, `x-api-key=${key}`]) {
        assert.equal(await statusWith({}, `/v1/models?${query}`), 401, query);
      }
    });

    attack('bearer values shaped as SQL injection', async () => {
      for (const value of ["sk-'OR'1'='1'--", 'sk-1;DROP/**/TABLE/**/gatehouse_virtual_keys;--', "'||(SELECT/**/key_hash/**/FROM/**/gatehouse_virtual_keys)||'", '%27%20OR%201=1']) {
        assert.equal(await statusWith({ authorization: `Bearer ${value}` }), 401, value);
      }
      assert.ok(Array.isArray((await gh.app.repos.virtualKeys.list({ page: 1, pageSize: 1 })).items), 'the key table is still there');
    });

    attack('bearer values shaped as header injection (encoded CRLF, a second header, a bare CR)', async () => {
      assert.equal(await statusWith({ authorization: 'Bearer sk-x%0d%0ax-admin:%20true' }), 401);
      assert.equal(await statusWith({ authorization: 'Bearer sk-x x-admin: true' }), 401);
      const bareCr = await rawStatus(Buffer.from(`Bearer ${gh.masterKey}\rx-admin: true`, 'latin1'));
      assert.equal(bareCr.status, 400);
      assert.equal(bareCr.code, 'invalid_request');
    });

    attack('a NUL byte inside an otherwise valid master key', async () => {
      const half = gh.masterKey.length >> 1;
      const answer = await rawStatus(Buffer.from(`Bearer ${gh.masterKey.slice(0, half)}\u0000${gh.masterKey.slice(half)}`, 'latin1'));
      assert.ok(answer.status === 400 || answer.status === 401, String(answer.status));
      assert.notEqual(answer.code, 'internal_error');
    });

    attack('non-ASCII bearer values (UTF-8 bytes, Latin-1 lookalikes, emoji)', async () => {
      for (const value of ['sk-ключ', `${gh.masterKey.slice(0, -1)}é`, 'sk-🔑🔑🔑']) {
        const answer = await rawStatus(Buffer.from(`Bearer ${value}`, 'utf8'));
        assert.equal(answer.status, 401, value);
      }
    });

    attack('very long bearer values (just over 1 KiB, 16 KiB, past the head limit)', async () => {
      assert.equal(await statusWith({ authorization: `Bearer ${'a'.repeat(1100)}` }), 401);
      assert.equal(await statusWith({ authorization: `Bearer ${'a'.repeat(16 * 1024)}` }), 401);
      const huge = await rawStatus(Buffer.from(`Bearer ${'a'.repeat(40 * 1024)}`));
      assert.equal(huge.status, 431);
    });

    attack('the master key with a twist (prefix, suffix, other case, Basic scheme, other header twice)', async () => {
      const key = gh.masterKey;
      const twists = [`${key}x`, `x${key}`, key.toUpperCase(), key.slice(0, -1), `${key} ${key}`];
      for (const twist of twists) assert.equal(await statusWith({ authorization: `Bearer ${twist}` }), 401, twist);
      assert.equal(await statusWith({ authorization: `Basic ${Buffer.from(`admin:${key}`).toString('base64')}` }), 401);
      assert.equal(await statusWith({ authorization: key }), 401);
      assert.equal(await statusWith({ 'x-api-key': [key, key] }), 401);
    });

    attack('a second Authorization header carrying the master key after a bad one', async () => {
      const answer = await rawExchange(gh.url, `GET /v1/models HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer sk-bad\r\nauthorization: Bearer ${gh.masterKey}\r\nconnection: close\r\n\r\n`);
      assert.equal(answer.status, 401);
    });

    attack('template and lookup strings as bearer values', async () => {
      for (const value of ['${jndi:ldap://x/a}', '{{7*7}}', '<%=7*7%>', '$(id)', '../../master.key']) {
        assert.equal(await statusWith({ authorization: `Bearer ${value}` }), 401, value);
      }
    });
  });
}
