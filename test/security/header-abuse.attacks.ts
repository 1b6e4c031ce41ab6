// Abusive request heads: too many headers, oversized headers, ambiguous framing (request
// smuggling), a spoofed Host. Each gets a 4xx in the API's error shape or changes nothing; never
// a 500, and the server keeps serving.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { errorOf, probe, rawBody, rawExchange } from './http-probe.js';
import { startMockGatehouse } from './mock-gatehouse.js';

export function headerAbuseAttacks(): void {
  describe('header abuse', () => {
    let gh: TestGatehouse;
    before(async () => {
      gh = await startMockGatehouse('{ max_header_count: 40, max_header_bytes: 8192 }');
    });
    after(() => gh.close());

    const head = (lines: string[]): string => `GET /v1/models HTTP/1.1\r\nhost: localhost\r\n${lines.map((line) => `${line}\r\n`).join('')}connection: close\r\n\r\n`;

    attack('sending more headers than the limit', async () => {
      const many = Array.from({ length: 60 }, (_, i) => `x-filler-${i}: ${i}`);
      const answer = await rawExchange(gh.url, head([`authorization: Bearer ${gh.masterKey}`, ...many]));
      assert.equal(answer.status, 431);
      assert.equal(errorOf(rawBody(answer)).type, 'invalid_request_error');
    });

    attack('sending one header larger than the head limit', async () => {
      const answer = await rawExchange(gh.url, head([`x-big: ${'a'.repeat(20_000)}`]));
      assert.equal(answer.status, 431);
      assert.match(answer.text, /content-type: application\/json/);
      assert.equal(errorOf(rawBody(answer)).message, 'The request headers are too large.');
    });

    attack('a credential header of 7 KiB, under the head limit but over the credential limit', async () => {
      const answer = await probe(gh.url, '/v1/models', { headers: { authorization: `Bearer ${'k'.repeat(7 * 1024)}` } });
      assert.equal(answer.status, 401);
    });

    attack('request smuggling with both Content-Length and Transfer-Encoding', async () => {
      const smuggled = 'GET /v1/models HTTP/1.1\r\nhost: x\r\n\r\n';
      const body = `0\r\n\r\n${smuggled}`;
      const answer = await rawExchange(gh.url, `POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-length: ${body.length}\r\ntransfer-encoding: chunked\r\n\r\n${body}`);
      assert.equal(answer.status, 400);
      assert.equal((answer.text.match(/HTTP\/1\.1 /g) ?? []).length, 1, 'the smuggled request got no answer of its own');
    });

    attack('request smuggling with two different Content-Length headers', async () => {
      const answer = await rawExchange(gh.url, 'POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-length: 5\r\ncontent-length: 40\r\nconnection: close\r\n\r\nhello');
      assert.equal(answer.status, 400);
    });

    attack('a header line that is not HTTP (no colon, bare LF tricks, obs-fold)', async () => {
      for (const bad of ['this is not a header', 'x-a: 1\n x-folded: 2', 'x\u0000y: 1']) {
        const answer = await rawExchange(gh.url, head([bad]));
        assert.equal(answer.status, 400, JSON.stringify(bad));
      }
    });

    attack('spoofing Host, X-Forwarded-Host and X-Original-URL to reach an admin route', async () => {
      const spoofs = [
        { host: 'localhost' }, { host: '127.0.0.1' }, { host: 'admin.internal' },
        { 'x-forwarded-host': 'localhost', 'x-original-url': '/health/liveliness', 'x-rewrite-url': '/health/liveliness' },
      ];
      const generate = (headers: Record<string, string>): Promise<number> =>
        probe(gh.url, '/key/generate', { method: 'POST', headers, body: '{}' }).then((answer) => answer.status);
      const unspoofed = await generate({});
      assert.ok(unspoofed === 401 || unspoofed === 404, `unauthenticated /key/generate answered ${unspoofed}`);
      for (const headers of spoofs) {
        assert.equal(await generate(headers), unspoofed, JSON.stringify(headers));
        assert.equal((await probe(gh.url, '/v1/models', { headers })).status, 401, JSON.stringify(headers));
      }
    });

    it('keeps serving after all of the above', async () => {
      assert.equal((await probe(gh.url, '/v1/models', { headers: { authorization: `Bearer ${gh.masterKey}` } })).status, 200);
    });
  });
}
