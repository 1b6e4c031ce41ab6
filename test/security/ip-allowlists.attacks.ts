// IP allowlists: calls from outside the global allowlist get one 403 whatever they carry (a key,
// the master key, nothing, an unknown route); keys and teams restricted to ranges are refused
// elsewhere; lists that do not parse admit nobody and are refused when written.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ipAllowlistProblems } from '../../src/auth/ip-allowlist.js';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import type { NewVirtualKey } from '../../src/store/repositories/virtual-key-repository.js';
import type { TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { errorOf, probe } from './http-probe.js';
import { startMockGatehouse } from './mock-gatehouse.js';

const chat = JSON.stringify({ model: 'mock-gpt', messages: [{ role: 'user', content: 'hi' }] });

async function mintKeyWithId(gh: TestGatehouse, fields: Omit<NewVirtualKey, 'keyHash' | 'displayName'> = {}): Promise<{ secret: string; id: string }> {
  const { secret, displayName } = mintVirtualKey();
  const record = await gh.app.repos.virtualKeys.create({ ...fields, keyHash: hashVirtualKey(secret, gh.app.keyHashingKey), displayName });
  return { secret, id: record.id };
}

async function mintKey(gh: TestGatehouse, fields: Omit<NewVirtualKey, 'keyHash' | 'displayName'> = {}): Promise<string> {
  return (await mintKeyWithId(gh, fields)).secret;
}

function chatAs(gh: TestGatehouse, secret: string): Promise<number> {
  const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  return probe(gh.url, '/v1/chat/completions', { method: 'POST', headers, body: chat }).then((answer) => answer.status);
}

function globalAllowlistAttacks(): void {
  describe('global IP allowlist', () => {
    let gh: TestGatehouse;
    before(async () => {
      gh = await startMockGatehouse("{ ip_allowlist: [198.51.100.0/24, '2001:db8::/32'] }");
    });
    after(() => gh.close());

    attack('calling from outside the global allowlist with the master key, a virtual key, a bad key or none', async () => {
      const secret = await mintKey(gh);
      const answers = await Promise.all([gh.masterKey, secret, 'sk-wrong', undefined].map((key) => probe(gh.url, '/v1/chat/completions', {
        method: 'POST', body: chat, headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
      })));
      assert.deepEqual(answers.map((answer) => answer.status), [403, 403, 403, 403]);
      assert.equal(new Set(answers.map((answer) => answer.body)).size, 1, 'one answer whatever the key');
      assert.equal(errorOf(answers[0]?.body ?? '').message, 'Requests from this address are not allowed.');
    });

    attack('mapping routes from outside the global allowlist (unknown, admin and model routes)', async () => {
      for (const path of ['/v1/models', '/v1/nope', '/key/generate', '/v1/models/mock-gpt']) {
        const answer = await probe(gh.url, path, { headers: { authorization: `Bearer ${gh.masterKey}` } });
        assert.equal(answer.status, 403, path);
      }
    });

    attack('spoofing X-Forwarded-For into the allowlist when no proxy is trusted', async () => {
      const headers = { authorization: `Bearer ${gh.masterKey}`, 'x-forwarded-for': '198.51.100.7', forwarded: 'for=198.51.100.7' };
      assert.equal((await probe(gh.url, '/v1/models', { headers })).status, 403);
    });

    it('keeps answering the health probes, which say only up or down', async () => {
      assert.equal((await probe(gh.url, '/health/liveliness')).status, 200);
      assert.deepEqual(JSON.parse((await probe(gh.url, '/health/readiness')).body), { status: 'ready' });
    });
  });
}

function keyAndTeamAllowlistAttacks(): void {
  describe('key and team IP allowlists', () => {
    let gh: TestGatehouse;
    before(async () => {
      gh = await startMockGatehouse();
    });
    after(() => gh.close());

    attack('using a key restricted to 10.0.0.0/8 from another address', async () => {
      assert.equal(await chatAs(gh, await mintKey(gh, { allowedIps: ['10.0.0.0/8', '2001:db8::/32'] })), 403);
      assert.equal(await chatAs(gh, await mintKey(gh, { allowedIps: ['127.0.0.0/8'] })), 200);
    });

    attack('using a key the key allows but its team does not', async () => {
      const team = await gh.app.repos.teams.create({ allowedIps: ['192.0.2.0/24'] });
      assert.equal(await chatAs(gh, await mintKey(gh, { teamId: team.id, allowedIps: ['127.0.0.1'] })), 403);
      const open = await gh.app.repos.teams.create({ allowedIps: ['127.0.0.1/32'] });
      assert.equal(await chatAs(gh, await mintKey(gh, { teamId: open.id })), 200);
    });

    attack('listing models with a key from outside its allowlist', async () => {
      const secret = await mintKey(gh, { allowedIps: ['10.0.0.0/8'] });
      const answer = await probe(gh.url, '/v1/models', { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(answer.status, 403);
      assert.ok(!answer.body.includes('mock-gpt'));
    });

    attack('slipping an IPv4 peer past an IPv6-only allowlist, and an IPv4-mapped entry matching it', async () => {
      assert.equal(await chatAs(gh, await mintKey(gh, { allowedIps: ['::/0'] })), 403);
      assert.equal(await chatAs(gh, await mintKey(gh, { allowedIps: ['::ffff:127.0.0.1'] })), 200);
    });

    attack('a stored allowlist damaged outside the validator, which must admit nobody', async () => {
      assert.equal(await chatAs(gh, await mintKey(gh, { allowedIps: ['127.0.0.1/99', 'localhost'] })), 403);
      assert.equal(await chatAs(gh, await mintKey(gh, { allowedIps: [] })), 403);
    });

    attack('using a key after its allowlist was narrowed', async () => {
      const { secret, id } = await mintKeyWithId(gh, { allowedIps: ['127.0.0.1'] });
      assert.equal(await chatAs(gh, secret), 200);
      await gh.app.repos.virtualKeys.update(id, { allowedIps: ['10.0.0.0/8'] });
      await gh.app.state.bus.publish('key', id);
      assert.equal(await chatAs(gh, secret), 403);
    });

    attack('writing an allowlist that does not parse (host bits, bad prefix, names, empty list)', () => {
      assert.deepEqual(ipAllowlistProblems(null), []);
      assert.deepEqual(ipAllowlistProblems(['10.0.0.0/8', '2001:db8::/32', '203.0.113.7', '::ffff:10.0.0.0/104']), []);
      assert.deepEqual(ipAllowlistProblems(['10.0.0.1/8', '::1/129', 'localhost', '010.0.0.1', '10.0.0.0/08']), [
        '[0] "10.0.0.1/8" has bits set past its /8 prefix; did you mean 10.0.0.0/8?',
        '[1] "::1/129" has an invalid prefix length (0 to 128)',
        '[2] "localhost" is not an IPv4 or IPv6 address or CIDR range',
        '[3] "010.0.0.1" is not an IPv4 or IPv6 address or CIDR range',
        '[4] "10.0.0.0/08" has an invalid prefix length (0 to 32)',
      ]);
      assert.equal(ipAllowlistProblems([]).length, 1);
      assert.equal(ipAllowlistProblems('10.0.0.0/8').length, 1);
      assert.equal(ipAllowlistProblems([7]).length, 1);
    });
  });
}

export function ipAllowlistAttacks(): void {
  globalAllowlistAttacks();
  keyAndTeamAllowlistAttacks();
}
