// The management API leaves an audit trail: every change is a row (who, what, before and after)
// written with the change, secrets only as fingerprints; failed authentication and each use of the
// master key on these routes are rows too.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAuditRepository } from '../../src/store/repositories/audit-repository.js';
import type { AuditRecord } from '../../src/store/repositories/audit-repository.js';
import type { TestGatehouse } from '../e2e/harness.js';
import { adminClient, expectStatus, openAdminGatehouse, type AdminClient } from './admin-client.js';

describe('audit rows of the management API', () => {
  let gh: TestGatehouse;
  let admin: AdminClient;

  before(async () => ({ gh, admin } = await openAdminGatehouse()));
  after(() => gh.close());

  async function rows(): Promise<AuditRecord[]> {
    const found: AuditRecord[] = [];
    for await (const row of createAuditRepository(gh.app.store).export()) found.push(row);
    return found;
  }

  it('records a key\'s creation, regeneration and deletion, with secrets only as fingerprints', async () => {
    const created = expectStatus(await admin.post('/key/generate', { key_alias: 'audited' }), 200);
    const secret = created.body.key as string;
    const token = created.body.token as string;
    const regenerated = expectStatus(await admin.post('/key/regenerate', { key: token }), 200);
    expectStatus(await admin.post('/key/delete', { keys: [token] }), 200);
    const ofKey = (await rows()).filter((row) => row.objectId === token);
    assert.deepEqual(ofKey.map((row) => row.action), ['key.create', 'key.regenerate', 'key.delete']);
    assert.ok(ofKey.every((row) => row.actorKind === 'master'));
    const stored = JSON.stringify(ofKey);
    for (const value of [secret, regenerated.body.key as string]) assert.ok(!stored.includes(value), 'a key secret reached the audit log');
    assert.match(ofKey[0]?.afterJson ?? '', /"keyHash":"fp:[0-9a-f]{16}"/);
  });

  it('records user, role, team and organization changes by the user who made them', async () => {
    expectStatus(await admin.post('/organization/new', { organization_id: 'org-audit', organization_alias: 'Audit' }), 200);
    const oa = expectStatus(await admin.post('/user/new', { user_id: 'audit-admin', user_role: 'org_admin', organizations: ['org-audit'] }), 200);
    const asAdmin = adminClient(gh, oa.body.key as string);
    expectStatus(await asAdmin.post('/user/new', { user_id: 'audit-user', organizations: ['org-audit'], auto_create_key: false }), 200);
    expectStatus(await asAdmin.post('/user/update', { user_id: 'audit-user', user_role: 'internal_user_viewer' }), 200);
    expectStatus(await asAdmin.post('/team/new', { team_id: 'audit-team', organization_id: 'org-audit', members_with_roles: [{ user_id: 'audit-user' }] }), 200);
    const byAdmin = (await rows()).filter((row) => row.actorId === 'audit-admin');
    assert.deepEqual(byAdmin.map((row) => row.action), [
      'user.create', 'organization.member_add', 'user.update', 'user.role_change', 'team.create', 'team.member_add',
    ]);
    assert.ok(byAdmin.every((row) => row.organizationId === 'org-audit' && row.actorKeyId === oa.body.token));
    const roleChange = byAdmin.find((row) => row.action === 'user.role_change');
    assert.match(roleChange?.beforeJson ?? '', /"role":"internal_user"/);
    assert.match(roleChange?.afterJson ?? '', /"role":"internal_user_viewer"/);
  });

  it('records a refused key and each use of the master key on these routes', async () => {
    const before = (await rows()).length;
    expectStatus(await adminClient(gh, 'sk-' + 'W'.repeat(43)).get('/key/list'), 401);
    expectStatus(await admin.get('/key/list'), 200);
    const added = (await rows()).slice(before);
    assert.deepEqual(added.map((row) => [row.action, row.objectId]), [['auth.failed', '/key/list'], ['auth.master_key_used', '/key/list']]);
    assert.ok(!JSON.stringify(added).includes('W'.repeat(43)));
  });

  it('records nothing for a change that is refused', async () => {
    const before = (await rows()).length;
    const viewer = expectStatus(await admin.post('/user/new', { user_id: 'audit-viewer', user_role: 'internal_user_viewer' }), 200);
    const afterCreate = (await rows()).length;
    expectStatus(await adminClient(gh, viewer.body.key as string).post('/key/generate', {}), 403);
    assert.equal((await rows()).length, afterCreate);
    assert.ok(afterCreate > before);
  });
});
