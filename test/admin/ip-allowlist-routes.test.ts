// Per-key and per-team IP allowlists over the management API: set on create and update, shown in
// canonical form, enforced from the very next request, refused when invalid (naming the entry) and
// never wider than the caller's own. The test client always connects from 127.0.0.1.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAuditRepository } from '../../src/store/repositories/audit-repository.js';
import type { TestGatehouse } from '../e2e/harness.js';
import { adminClient, expectStatus, modelsStatus, openAdminGatehouse, type AdminClient } from './admin-client.js';

describe('IP allowlists through the management API', () => {
  let gh: TestGatehouse;
  let admin: AdminClient;

  before(async () => ({ gh, admin } = await openAdminGatehouse()));
  after(() => gh.close());

  const generate = async (body: Record<string, unknown>): Promise<{ key: string; token: string; allowed_ips: string[] | null }> =>
    expectStatus(await admin.post('/key/generate', body), 200).body as { key: string; token: string; allowed_ips: string[] | null };

  it('refuses a key from outside its allowlist and serves it from inside', async () => {
    const fenced = await generate({ allowed_ips: ['10.9.0.0/16'] });
    const local = await generate({ allowed_ips: ['127.0.0.0/8'] });
    const res = await fetch(`${gh.baseURL}/models`, { headers: { authorization: `Bearer ${fenced.key}` } });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'permission_denied');
    assert.equal(await modelsStatus(gh, local.key), 200);
    assert.equal(await modelsStatus(gh, (await generate({ allowed_ips: null })).key), 200);
  });

  it('stores and answers the canonical form in generate, info and list answers', async () => {
    const created = await generate({ key_alias: 'canonical-ips', allowed_ips: ['10.9.0.1', '2001:DB8::/32', '::ffff:127.0.0.1'] });
    const canonical = ['10.9.0.1/32', '2001:db8::/32', '127.0.0.1/32'];
    assert.deepEqual(created.allowed_ips, canonical);
    assert.deepEqual(expectStatus(await admin.get('/key/info', { key: created.token }), 200).body.info.allowed_ips, canonical);
    const list = expectStatus(await admin.get('/key/list', { key_alias: 'canonical-ips', return_full_object: 'true' }), 200);
    assert.deepEqual(list.body.keys[0].allowed_ips, canonical);
    assert.equal(expectStatus(await admin.get('/key/info', { key: (await generate({})).token }), 200).body.info.allowed_ips, null);
  });

  it('applies an updated key allowlist on the next request, and null lifts it', async () => {
    const { key, token } = await generate({ allowed_ips: ['127.0.0.1'] });
    assert.equal(await modelsStatus(gh, key), 200);
    const narrowed = expectStatus(await admin.post('/key/update', { key: token, allowed_ips: ['192.0.2.0/24'] }), 200);
    assert.deepEqual(narrowed.body.allowed_ips, ['192.0.2.0/24']);
    assert.equal(await modelsStatus(gh, key), 403);
    expectStatus(await admin.post('/key/update', { key: token, key_alias: 'still-fenced' }), 200);
    assert.equal(await modelsStatus(gh, key), 403, 'a change to another field keeps the allowlist');
    expectStatus(await admin.post('/key/update', { key: token, allowed_ips: null }), 200);
    assert.equal(await modelsStatus(gh, key), 200);
  });

  it('applies a team allowlist to every key of the team, and its updates on the next request', async () => {
    const team = expectStatus(await admin.post('/team/new', { team_id: 'team-fenced', allowed_ips: ['10.0.0.0/8'] }), 200);
    assert.deepEqual(team.body.allowed_ips, ['10.0.0.0/8']);
    const { key } = await generate({ team_id: 'team-fenced', user_id: null, allowed_ips: ['127.0.0.0/8'] });
    assert.equal(await modelsStatus(gh, key), 403, "the key's own list does not lift its team's");
    const updated = expectStatus(await admin.post('/team/update', { team_id: 'team-fenced', allowed_ips: ['127.0.0.1', '::1'] }), 200);
    assert.deepEqual(updated.body.data.allowed_ips, ['127.0.0.1/32', '::1/128']);
    assert.equal(await modelsStatus(gh, key), 200);
    assert.deepEqual(expectStatus(await admin.get('/team/info', { team_id: 'team-fenced' }), 200).body.team_info.allowed_ips, ['127.0.0.1/32', '::1/128']);
    const listed = expectStatus(await admin.get('/team/list'), 200).body.find((t: { team_id: string }) => t.team_id === 'team-fenced');
    assert.deepEqual(listed.allowed_ips, ['127.0.0.1/32', '::1/128']);
    expectStatus(await admin.post('/team/update', { team_id: 'team-fenced', allowed_ips: ['198.51.100.0/24'] }), 200);
    assert.equal(await modelsStatus(gh, key), 403);
  });

  it('refuses invalid lists with a 400 naming the field and the entry, on every route that takes one', async () => {
    const { token } = await generate({});
    expectStatus(await admin.post('/team/new', { team_id: 'team-valid' }), 200);
    const routes: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ['/key/generate', {}], ['/key/update', { key: token }], ['/team/new', { team_id: 'team-invalid' }], ['/team/update', { team_id: 'team-valid' }],
    ];
    const invalid: ReadonlyArray<readonly [unknown, RegExp]> = [
      [['10.0.0.0/8', '999.1.1.1'], /allowed_ips: \[1\] "999\.1\.1\.1" is not an IPv4 or IPv6 address/],
      [['10.0.0.1/33'], /allowed_ips: \[0\] "10\.0\.0\.1\/33" has an invalid prefix length/],
      [['10.0.0.1/8'], /did you mean 10\.0\.0\.0\/8/],
      [[], /allowed_ips: must list at least one address or range; use null for no restriction/],
      ['10.0.0.0/8', /allowed_ips/],
    ];
    for (const [path, body] of routes) {
      for (const [allowedIps, message] of invalid) {
        const answer = expectStatus(await admin.post(path, { ...body, allowed_ips: allowedIps }), 400);
        assert.equal(answer.body.error.param, 'allowed_ips', `${path} ${answer.text}`);
        assert.match(answer.body.error.message, message, path);
      }
    }
    expectStatus(await admin.get('/team/info', { team_id: 'team-invalid' }), 404);
    assert.equal(expectStatus(await admin.get('/key/info', { key: token }), 200).body.info.allowed_ips, null);
  });

  it('records the allowlist before and after in the audit row of the change', async () => {
    const { token } = await generate({ allowed_ips: ['127.0.0.1'] });
    expectStatus(await admin.post('/key/update', { key: token, allowed_ips: ['127.0.0.0/8'] }), 200);
    const rows = [];
    for await (const row of createAuditRepository(gh.app.store).export()) if (row.objectId === token && row.action === 'key.update') rows.push(row);
    assert.equal(rows.length, 1);
    assert.match(rows[0]?.beforeJson ?? '', /"allowedIps":\["127\.0\.0\.1\/32"\]/);
    assert.match(rows[0]?.afterJson ?? '', /"allowedIps":\["127\.0\.0\.0\/8"\]/);
  });

  describe('a caller held to an allowlist', () => {
    let fenced: AdminClient;
    let fencedAdmin: AdminClient;

    before(async () => {
      const created = expectStatus(await admin.post('/user/new', { user_id: 'ip-user' }), 200);
      expectStatus(await admin.post('/key/update', { key: created.body.token, allowed_ips: ['127.0.0.0/8'] }), 200);
      fenced = adminClient(gh, created.body.key as string);
      expectStatus(await admin.post('/organization/new', { organization_id: 'org-ip', organization_alias: 'IP' }), 200);
      const orgAdmin = expectStatus(await admin.post('/user/new', { user_id: 'ip-admin', user_role: 'org_admin', organizations: ['org-ip'] }), 200);
      expectStatus(await admin.post('/key/update', { key: orgAdmin.body.token, allowed_ips: ['127.0.0.0/8'] }), 200);
      fencedAdmin = adminClient(gh, orgAdmin.body.key as string);
    });

    it('creates keys only within its own list', async () => {
      const within = expectStatus(await fenced.post('/key/generate', { allowed_ips: ['127.0.0.1'] }), 200);
      assert.deepEqual(within.body.allowed_ips, ['127.0.0.1/32']);
      assert.equal(await modelsStatus(gh, within.body.key as string), 200);
      for (const allowedIps of [undefined, null, ['0.0.0.0/0'], ['126.0.0.0/7'], ['127.0.0.1', '10.0.0.1'], ['::1']]) {
        const answer = expectStatus(await fenced.post('/key/generate', allowedIps === undefined ? {} : { allowed_ips: allowedIps }), 403);
        assert.equal(answer.body.error.param, 'allowed_ips');
        assert.match(answer.body.error.message, /allowlist of your key \(127\.0\.0\.0\/8\)/);
      }
    });

    it('cannot widen a key it manages, its own included', async () => {
      const own = expectStatus(await fenced.post('/key/generate', { allowed_ips: ['127.0.0.1'] }), 200);
      expectStatus(await fenced.post('/key/update', { key: own.body.token, allowed_ips: ['127.0.0.0/16'] }), 200);
      const wider = expectStatus(await fenced.post('/key/update', { key: own.body.token, allowed_ips: ['0.0.0.0/0'] }), 403);
      assert.equal(wider.body.error.param, 'allowed_ips');
      expectStatus(await fenced.post('/key/update', { key: own.body.token, allowed_ips: null }), 403);
      expectStatus(await fenced.post('/key/regenerate', { key: own.body.token, allowed_ips: ['10.0.0.0/8'] }), 403);
      assert.deepEqual(expectStatus(await admin.get('/key/info', { key: own.body.token }), 200).body.info.allowed_ips, ['127.0.0.0/16']);
    });

    it('keeps the teams it creates and changes within its list; their keys may lean on the team list', async () => {
      expectStatus(await fencedAdmin.post('/team/new', { team_id: 'team-open', organization_id: 'org-ip' }), 403);
      const team = expectStatus(await fencedAdmin.post('/team/new', { team_id: 'team-ip', organization_id: 'org-ip', allowed_ips: ['127.0.0.1'] }), 200);
      assert.deepEqual(team.body.allowed_ips, ['127.0.0.1/32']);
      const widened = expectStatus(await fencedAdmin.post('/team/update', { team_id: 'team-ip', allowed_ips: ['0.0.0.0/0'] }), 403);
      assert.equal(widened.body.error.param, 'allowed_ips');
      expectStatus(await fencedAdmin.post('/team/update', { team_id: 'team-ip', allowed_ips: null }), 403);
      const teamKey = expectStatus(await fencedAdmin.post('/key/generate', { team_id: 'team-ip', user_id: null }), 200);
      assert.equal(teamKey.body.allowed_ips, null);
      assert.equal(await modelsStatus(gh, teamKey.body.key as string), 200);
      expectStatus(await admin.post('/team/update', { team_id: 'team-ip', allowed_ips: ['10.0.0.0/8'] }), 200);
      assert.equal(await modelsStatus(gh, teamKey.body.key as string), 403);
    });
  });
});
