// Path tricks on admin-like routes: dot segments, doubled or encoded slashes, trailing slashes,
// case, absolute-form targets, a model id that decodes to a path. Paths are matched exactly, so
// none of them reaches a handler without authentication, and none answers 2xx without a key.

import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import type { TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { probe } from './http-probe.js';
import { startMockGatehouse } from './mock-gatehouse.js';

const tricks = [
  '/v1/../key/generate', '//key/generate', '/v1//key/generate', '/%2e%2e/key/generate', '/v1/%2e%2e/key/generate',
  '/v1/%2E%2E/key/generate', '/key%2fgenerate', '/key%2Fgenerate', '/key/generate/', '/KEY/GENERATE', '/key/generate;x',
  '/key/generate%00', '/./key/generate', '/key/./generate', '/key//generate', '/\\key\\generate', '/key/generate%20',
  'http://localhost/key/generate', '/v1/chat/completions/../../key/generate', '/health/liveliness/../../key/generate',
];

/** Unauthenticated or unroutable: never served. */
const refused = new Set([400, 401, 403, 404, 405]);

export function pathTrickAttacks(): void {
  describe('path tricks', () => {
    let gh: TestGatehouse;
    let memberKey: string;
    before(async () => {
      gh = await startMockGatehouse();
      const { secret, displayName } = mintVirtualKey();
      await gh.app.repos.virtualKeys.create({ keyHash: hashVirtualKey(secret, gh.app.keyHashingKey), displayName });
      memberKey = secret;
    });
    after(() => gh.close());

    async function statusOf(path: string, key?: string): Promise<number> {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) };
      return (await probe(gh.url, path, { method: 'POST', headers, body: '{"models":["*"]}' })).status;
    }

    attack('dot segments, doubled, encoded and trailing slashes towards /key/generate without a key', async () => {
      for (const path of tricks) {
        const status = await statusOf(path);
        assert.ok(refused.has(status), `${path} answered ${status}`);
      }
    });

    attack('the same paths with a key that may only call LLM routes', async () => {
      for (const path of tricks) {
        const status = await statusOf(path, memberKey);
        assert.ok(refused.has(status), `${path} answered ${status}`);
      }
      const direct = await statusOf('/key/generate', memberKey);
      assert.ok(direct === 403 || direct === 404, `/key/generate answered ${direct}`);
    });

    attack('a model id that decodes to an admin path', async () => {
      for (const path of ['/v1/models/..%2f..%2fkey%2fgenerate', '/v1/models/%2e%2e%2fkey%2fgenerate', '/v1/models/%252e%252e']) {
        const anonymous = await probe(gh.url, path);
        assert.equal(anonymous.status, 401, path);
        const master = await probe(gh.url, path, { headers: { authorization: `Bearer ${gh.masterKey}` } });
        assert.equal(master.status, 404, path);
      }
    });

    attack('path tricks towards the inference routes without a key', async () => {
      for (const path of ['/v1/chat/completions/', '/V1/chat/completions', '/v1/chat//completions', '/v1/chat%2fcompletions', '/v1/./chat/completions']) {
        const status = (await probe(gh.url, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status;
        assert.ok(refused.has(status), `${path} answered ${status}`);
      }
    });
  });
}
