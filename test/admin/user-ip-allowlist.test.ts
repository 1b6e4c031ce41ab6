// A user's IP allowlist over the management API: every key of the user is refused from outside it
// (on top of the key's and team's own lists), changes apply on the next request and are audited,
// and nobody widens a list that binds them. Clients are placed with X-Forwarded-For behind a
// trusted proxy at 127.0.0.1, where the test client connects from.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAuditRepository } from '../../src/store/repositories/audit-repository.js';
import type { TestGatehouse } from '../e2e/harness.js';
import { adminClient, expectStatus, mockModelsYaml, openAdminGatehouse, type AdminClient } from './admin-client.js';

const behindProxyYaml = `${mockModelsYaml}gatehouse:\n  server: { trusted_proxies: [127.0.0.1/32] }\n`;

describe('user IP allowlists through the management API', () => {
  let gh: TestGatehouse;
  let admin: AdminClient;

  before(async () => ({ gh, admin } = await openAdminGatehouse(behindProxyYaml)));
  after(() => gh.close());

  /** Status of `GET /v1/models` with `key` from `address` (as the trusted proxy reports it). */
  const modelsFrom = async (key: string, address: string): Promise<number> => {
    const res = await fetch(`${gh.baseURL}/models`, { headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': address } });
    await res.arrayBuffer();
    return res.status;
  };

  it("refuses every key of the user from outside the user's list, whatever the key's own list", async () => {
    const created = expectStatus(await admin.post('/user/new', { user_id: 'ip-fenced-user', allowed_ips: ['203.0.113.7', '2001:DB8::/32'] }), 200);
    assert.deepEqual(created.body.allowed_ips, ['203.0.113.7/32', '2001:db8::/32']);
    const firstKey = created.body.key as string;
    assert.equal(await modelsFrom(firstKey, '203.0.113.7'), 200);
    assert.equal(await modelsFrom(firstKey, '2001:db8::5'), 200);
    const refused = await fetch(`${gh.baseURL}/models`, { headers: { authorization: `Bearer ${firstKey}`, 'x-forwarded-for': '198.51.100.9' } });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'permission_denied');
    const ownList = expectStatus(await admin.post('/key/generate', { user_id: 'ip-fenced-user', allowed_ips: ['198.51.100.0/24'] }), 200);
    assert.equal(await modelsFrom(ownList.body.key as string, '198.51.100.9'), 403, "the key's own list does not lift its user's");
    const noList = expectStatus(await admin.post('/key/generate', { user_id: 'ip-fenced-user' }), 200);
    assert.equal(await modelsFrom(noList.body.key as string, '198.51.100.9'), 403);
    assert.equal(await modelsFrom(noList.body.key as string, '203.0.113.7'), 200);
    const info = expectStatus(await admin.get('/user/info', { user_id: 'ip-fenced-user' }), 200);
    assert.deepEqual(info.body.user_info.allowed_ips, ['203.0.113.7/32', '2001:db8::/32']);
    const other = expectStatus(await admin.post('/user/new', { user_id: 'ip-open-user' }), 200);
    assert.equal(other.body.allowed_ips, null);
    assert.equal(await modelsFrom(other.body.key as string, '198.51.100.9'), 200);
  });

  it('applies an update on the next request, keeps the list across other changes, and null lifts it', async () => {
    const created = expectStatus(await admin.post('/user/new', { user_id: 'ip-moving-user' }), 200);
    const key = created.body.key as string;
    assert.equal(await modelsFrom(key, '198.51.100.9'), 200);
    const fenced = expectStatus(await admin.post('/user/update', { user_id: 'ip-moving-user', allowed_ips: ['10.0.0.0/8'] }), 200);
    assert.deepEqual(fenced.body.data.allowed_ips, ['10.0.0.0/8']);
    assert.equal(await modelsFrom(key, '198.51.100.9'), 403);
    assert.equal(await modelsFrom(key, '10.1.2.3'), 200);
    expectStatus(await admin.post('/user/update', { user_id: 'ip-moving-user', max_budget: 5 }), 200);
    assert.equal(await modelsFrom(key, '198.51.100.9'), 403, 'a change to another field keeps the allowlist');
    expectStatus(await admin.post('/user/update', { user_id: 'ip-moving-user', allowed_ips: null }), 200);
    assert.equal(await modelsFrom(key, '198.51.100.9'), 200);
  });

  it('records the allowlist before and after in the audit row of the change', async () => {
    expectStatus(await admin.post('/user/new', { user_id: 'ip-audited-user', allowed_ips: ['127.0.0.1'], auto_create_key: false }), 200);
    expectStatus(await admin.post('/user/update', { user_id: 'ip-audited-user', allowed_ips: ['127.0.0.0/8'] }), 200);
    const rows = [];
    for await (const row of createAuditRepository(gh.app.store).export()) if (row.objectId === 'ip-audited-user' && row.action.startsWith('user.')) rows.push(row);
    assert.deepEqual(rows.map((row) => row.action), ['user.create', 'user.update']);
    assert.match(rows[0]?.afterJson ?? '', /"allowedIps":\["127\.0\.0\.1\/32"\]/);
    assert.match(rows[1]?.beforeJson ?? '', /"allowedIps":\["127\.0\.0\.1\/32"\]/);
    assert.match(rows[1]?.afterJson ?? '', /"allowedIps":\["127\.0\.0\.0\/8"\]/);
  });

  it('refuses invalid lists with a 400 naming the field and the entry', async () => {
    expectStatus(await admin.post('/user/new', { user_id: 'ip-valid-user', auto_create_key: false }), 200);
    for (const [path, body] of [['/user/new', { user_id: 'ip-invalid-user' }], ['/user/update', { user_id: 'ip-valid-user' }]] as const) {
      const answer = expectStatus(await admin.post(path, { ...body, allowed_ips: ['10.0.0.1/8'] }), 400);
      assert.equal(answer.body.error.param, 'allowed_ips', path);
      assert.match(answer.body.error.message, /did you mean 10\.0\.0\.0\/8/, path);
      expectStatus(await admin.post(path, { ...body, allowed_ips: [] }), 400);
    }
    expectStatus(await admin.get('/user/info', { user_id: 'ip-invalid-user' }), 404);
    assert.equal(expectStatus(await admin.get('/user/info', { user_id: 'ip-valid-user' }), 200).body.user_info.allowed_ips, null);
  });

  describe('an organisation admin held to its own user allowlist', () => {
    let fenced: AdminClient;

    before(async () => {
      expectStatus(await admin.post('/organization/new', { organization_id: 'org-user-ip', organization_alias: 'User IP' }), 200);
      const created = expectStatus(await admin.post('/user/new', {
        user_id: 'ip-org-admin', user_role: 'org_admin', organizations: ['org-user-ip'], allowed_ips: ['127.0.0.0/8'],
      }), 200);
      fenced = adminClient(gh, created.body.key as string);
    });

    it('may not widen or lift its own list, and may narrow it', async () => {
      for (const allowedIps of [['0.0.0.0/0'], ['127.0.0.1', '10.0.0.1'], null]) {
        const answer = expectStatus(await fenced.post('/user/update', { user_id: 'ip-org-admin', allowed_ips: allowedIps }), 403);
        assert.equal(answer.body.error.param, 'allowed_ips');
        assert.match(answer.body.error.message, /allowlist of your user \(127\.0\.0\.0\/8\)/);
      }
      assert.deepEqual(expectStatus(await admin.get('/user/info', { user_id: 'ip-org-admin' }), 200).body.user_info.allowed_ips, ['127.0.0.0/8']);
      const narrowed = expectStatus(await fenced.post('/user/update', { user_id: 'ip-org-admin', allowed_ips: ['127.0.0.1'] }), 200);
      assert.deepEqual(narrowed.body.data.allowed_ips, ['127.0.0.1/32']);
    });

    it('keeps the users it creates and changes within its list; their keys may lean on the user list', async () => {
      const open = expectStatus(await fenced.post('/user/new', { user_id: 'ip-child-open', organizations: ['org-user-ip'] }), 403);
      assert.equal(open.body.error.param, 'allowed_ips');
      const child = expectStatus(await fenced.post('/user/new', { user_id: 'ip-child', organizations: ['org-user-ip'], allowed_ips: ['127.0.0.1'] }), 200);
      assert.equal(await modelsFrom(child.body.key as string, '127.0.0.1'), 200);
      assert.equal(await modelsFrom(child.body.key as string, '198.51.100.9'), 403);
      expectStatus(await fenced.post('/user/update', { user_id: 'ip-child', allowed_ips: ['0.0.0.0/0'] }), 403);
      expectStatus(await fenced.post('/user/update', { user_id: 'ip-child', allowed_ips: null }), 403);
      const ownKey = expectStatus(await fenced.post('/key/generate', {}), 200);
      assert.equal(ownKey.body.allowed_ips, null, "a key of the fenced user needs no list of its own");
    });
  });
});
