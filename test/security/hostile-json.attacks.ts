// Hostile JSON bodies: nesting far past the limit, wide bodies, prototype-pollution keys, bodies that
// are not objects. Each is a 400 in the API's error shape (never a 500 or a crash), and nothing
// outside the request changes.

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { errorOf, probe, type Answer } from './http-probe.js';
import { startMockGatehouse } from './mock-gatehouse.js';

export function hostileJsonAttacks(): void {
  describe('hostile JSON', () => {
    let gh: TestGatehouse;
    before(async () => {
      gh = await startMockGatehouse('{ max_json_depth: 32 }');
    });
    after(() => gh.close());

    const post = (body: string): Promise<Answer> => probe(gh.url, '/v1/chat/completions', {
      method: 'POST', headers: { authorization: `Bearer ${gh.masterKey}`, 'content-type': 'application/json' }, body,
    });

    attack('arrays nested 200,000 deep', async () => {
      const answer = await post(`{"model":"mock-gpt","messages":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
      assert.equal(answer.status, 400);
      assert.match(errorOf(answer.body).message, /nested deeper than 32/);
    });

    attack('objects nested 100,000 deep under a routing-looking key', async () => {
      const answer = await post(`{"model":"mock-gpt","messages":[],"metadata":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`);
      assert.equal(answer.status, 400);
      assert.equal(errorOf(answer.body).code, 'invalid_request');
    });

    attack('polluting Object.prototype through __proto__ and constructor keys', async () => {
      const body = '{"model":"mock-gpt","messages":[{"role":"user","content":"hi"}],"__proto__":{"polluted":"yes"},"metadata":{"constructor":{"prototype":{"polluted":"yes"}}}}';
      const answer = await post(body);
      assert.ok(answer.status === 200 || answer.status === 400, String(answer.status));
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    });

    attack('hiding a routing field under a __proto__ key', async () => {
      const answer = await post('{"model":"mock-gpt","messages":[{"role":"user","content":"hi"}],"__proto__":{"api_base":"http://169.254.169.254"}}');
      assert.equal(answer.status, 400);
      assert.equal(errorOf(answer.body).param, '__proto__.api_base');
    });

    attack('bodies that are JSON but not an object (array, string, number, null)', async () => {
      for (const body of ['[]', '"model"', '42', 'null', 'true']) {
        const answer = await post(body);
        assert.equal(answer.status, 400, body);
      }
    });

    attack('a wide body of 50,000 keys', async () => {
      const keys = Array.from({ length: 50_000 }, (_, i) => `"k${i}":${i}`).join(',');
      const answer = await post(`{"model":"mock-gpt","messages":[{"role":"user","content":"hi"}],"metadata":{${keys}}}`);
      assert.equal(answer.status, 200, answer.body.slice(0, 200));
      assert.ok((await post('{"model":"mock-gpt","messages":[{"role":"user","content":"still here"}]}')).status === 200);
    });
  });
}
