// Cross-origin reads from a hostile page: CORS is off by default (no CORS header at all); when
// origins are configured, only those exact origins are named back, never `*`, and preflights are
// answered for them alone.

import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { probe, type Answer } from './http-probe.js';
import { startMockGatehouse } from './mock-gatehouse.js';

const allowed = 'https://app.example.com';

function corsHeaders(headers: IncomingHttpHeaders): string[] {
  return Object.keys(headers).filter((name) => name.startsWith('access-control-'));
}

function preflight(gh: TestGatehouse, origin: string, requestHeaders = 'authorization, content-type'): Promise<Answer> {
  return probe(gh.url, '/v1/chat/completions', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
  });
}

export function corsAttacks(): void {
  describe('CORS', () => {
    let off: TestGatehouse;
    let on: TestGatehouse;
    before(async () => {
      off = await startMockGatehouse();
      on = await startMockGatehouse(`{ cors: { allowed_origins: ['${allowed}'], allow_credentials: true } }`);
    });
    after(async () => {
      await off.close();
      await on.close();
    });

    const get = (gh: TestGatehouse, origin: string): Promise<Answer> =>
      probe(gh.url, '/v1/models', { headers: { origin, authorization: `Bearer ${gh.masterKey}` } });

    attack('a hostile page reading the API when CORS is off', async () => {
      for (const origin of [allowed, 'https://evil.example', 'null']) {
        assert.deepEqual(corsHeaders((await get(off, origin)).headers), [], origin);
        const answer = await preflight(off, origin);
        assert.deepEqual(corsHeaders(answer.headers), [], origin);
        assert.notEqual(answer.status, 204);
      }
    });

    attack('an origin outside the list, and origins that only look like the allowed one', async () => {
      const lookalikes = [
        'https://evil.example', 'https://app.example.com.evil.net', 'https://evil-app.example.com', 'http://app.example.com',
        'https://app.example.com:8443', 'HTTPS://APP.EXAMPLE.COM', 'https://app.example.com/', 'null', `${allowed}, https://evil.example`,
      ];
      for (const origin of lookalikes) {
        const answer = await get(on, origin);
        assert.equal(answer.status, 200);
        assert.deepEqual(corsHeaders(answer.headers), [], origin);
        assert.equal(answer.headers.vary, 'origin');
      }
    });

    attack('a preflight from an origin outside the list', async () => {
      for (const origin of ['https://evil.example', 'null']) {
        const answer = await preflight(on, origin);
        assert.notEqual(answer.status, 204);
        assert.deepEqual(corsHeaders(answer.headers), [], origin);
      }
    });

    attack('asking for a wildcard together with credentials', async () => {
      for (const answer of [await get(on, allowed), await preflight(on, allowed), await get(on, '*')]) {
        assert.notEqual(answer.headers['access-control-allow-origin'], '*');
      }
    });

    attack('a preflight requesting headers with junk in their names', async () => {
      const answer = await preflight(on, allowed, 'authorization, x-evil<script>, content-type');
      assert.equal(answer.status, 204);
      assert.equal(answer.headers['access-control-allow-headers'], 'authorization, content-type, api-key, x-api-key, x-request-id');
    });

    it('answers the allowed origin, naming it and never anything else', async () => {
      const answer = await preflight(on, allowed, 'authorization, content-type, x-stainless-os');
      assert.equal(answer.status, 204);
      assert.equal(answer.headers['access-control-allow-origin'], allowed);
      assert.equal(answer.headers['access-control-allow-credentials'], 'true');
      assert.equal(answer.headers['access-control-allow-headers'], 'authorization, content-type, x-stainless-os');
      const read = await get(on, allowed);
      assert.equal(read.headers['access-control-allow-origin'], allowed);
      assert.match(String(read.headers['access-control-expose-headers']), /x-request-id/);
    });

    it('sends no HSTS over plain HTTP', async () => {
      assert.equal((await get(off, allowed)).headers['strict-transport-security'], undefined);
    });
  });
}
