// The `/user/*`, `/team/*` and `/organization/*` routes over HTTP with the master key: create, read,
// list, update, members and delete, in LiteLLM's shapes, with the methods LiteLLM uses.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { chatStatus, expectStatus, modelsStatus, openAdminGatehouse, type AdminClient } from './admin-client.js';

describe('users, teams and organizations', () => {
  let gh: TestGatehouse;
  let admin: AdminClient;

  before(async () => ({ gh, admin } = await openAdminGatehouse()));
  after(() => gh.close());

  it('runs an organization through its life: new, info, PATCH update, list, members, DELETE', async () => {
    const created = expectStatus(await admin.post('/organization/new', { organization_id: 'org-life', organization_alias: 'Life', max_budget: 100, models: ['mock-gpt'] }), 200);
    assert.equal(created.body.organization_alias, 'Life');
    assert.equal(created.body.litellm_budget_table.max_budget, 100);
    const updated = expectStatus(await admin.send('PATCH', '/organization/update', { organization_id: 'org-life', organization_alias: 'Renamed', budget_duration: '30d' }), 200);
    assert.equal(updated.body.organization_alias, 'Renamed');
    assert.ok(updated.body.budget_reset_at !== null);
    expectStatus(await admin.post('/user/new', { user_id: 'life-member', auto_create_key: false }), 200);
    const added = expectStatus(await admin.post('/organization/member_add', { organization_id: 'org-life', member: [{ user_id: 'life-member', role: 'org_admin' }] }), 200);
    assert.equal(added.body.updated_organization_memberships[0].user_role, 'org_admin');
    const info = expectStatus(await admin.get('/organization/info', { organization_id: 'org-life' }), 200);
    assert.deepEqual(info.body.members.map((m: { user_id: string }) => m.user_id), ['life-member']);
    const list = expectStatus(await admin.get('/organization/list'), 200);
    assert.ok(list.body.some((o: { organization_id: string }) => o.organization_id === 'org-life'));
    expectStatus(await admin.send('DELETE', '/organization/member_delete', { organization_id: 'org-life', user_id: 'life-member' }), 200);
    assert.deepEqual(expectStatus(await admin.get('/organization/info', { organization_id: 'org-life' }), 200).body.members, []);
    const deleted = expectStatus(await admin.send('DELETE', '/organization/delete', { organization_ids: ['org-life'] }), 200);
    assert.equal(deleted.body[0].organization_id, 'org-life');
    expectStatus(await admin.get('/organization/info', { organization_id: 'org-life' }), 404);
  });

  it('refuses to delete an organization that still has teams', async () => {
    expectStatus(await admin.post('/organization/new', { organization_id: 'org-busy', organization_alias: 'Busy' }), 200);
    expectStatus(await admin.post('/team/new', { team_id: 'team-busy', organization_id: 'org-busy' }), 200);
    const answer = expectStatus(await admin.post('/organization/delete', { organization_ids: ['org-busy'] }), 400);
    assert.match(answer.body.error.message, /still has teams or keys/);
  });

  it('runs a team through its life: new with members, info, update, member_add and member_delete, list, delete', async () => {
    expectStatus(await admin.post('/organization/new', { organization_id: 'org-t', organization_alias: 'T' }), 200);
    expectStatus(await admin.post('/user/new', { user_id: 'team-admin', organizations: ['org-t'], auto_create_key: false }), 200);
    expectStatus(await admin.post('/user/new', { user_id: 'team-user', user_email: 'Team.User@example.com', organizations: ['org-t'], auto_create_key: false }), 200);
    const created = expectStatus(
      await admin.post('/team/new', { team_id: 'team-life', team_alias: 'Life team', organization_id: 'org-t', models: ['mock-gpt'], members_with_roles: [{ user_id: 'team-admin', role: 'admin' }] }),
      200,
    );
    assert.deepEqual(created.body.members_with_roles, [{ user_id: 'team-admin', user_email: null, role: 'admin' }]);
    const added = expectStatus(await admin.post('/team/member_add', { team_id: 'team-life', member: { user_email: 'team.user@example.com' } }), 200);
    assert.equal(added.body.updated_team_memberships[0].user_id, 'team-user');
    assert.equal(added.body.members_with_roles.length, 2);
    const updated = expectStatus(await admin.post('/team/update', { team_id: 'team-life', max_budget: 20, team_alias: 'Renamed team' }), 200);
    assert.equal(updated.body.data.team_alias, 'Renamed team');
    assert.equal(updated.body.data.max_budget, 20);
    const info = expectStatus(await admin.get('/team/info', { team_id: 'team-life' }), 200);
    assert.equal(info.body.team_memberships.length, 2);
    expectStatus(await admin.post('/team/member_delete', { team_id: 'team-life', user_id: 'team-user' }), 200);
    expectStatus(await admin.post('/team/member_delete', { team_id: 'team-life', user_id: 'team-user' }), 404);
    const listed = expectStatus(await admin.get('/team/list', { organization_id: 'org-t' }), 200);
    assert.deepEqual(listed.body.map((t: { team_id: string }) => t.team_id), ['team-life']);
    const key = expectStatus(await admin.post('/key/generate', { team_id: 'team-life', user_id: 'team-admin' }), 200).body.key as string;
    assert.equal(await modelsStatus(gh, key), 200);
    const deleted = expectStatus(await admin.post('/team/delete', { team_ids: ['team-life'] }), 200);
    assert.deepEqual(deleted.body.deleted_teams, ['team-life']);
    assert.equal(await modelsStatus(gh, key), 401);
  });

  it('checks a key\'s owners: the user must be in the team, the organization must be the team\'s', async () => {
    expectStatus(await admin.post('/organization/new', { organization_id: 'org-k1', organization_alias: 'K1' }), 200);
    expectStatus(await admin.post('/organization/new', { organization_id: 'org-k2', organization_alias: 'K2' }), 200);
    expectStatus(await admin.post('/team/new', { team_id: 'team-k', organization_id: 'org-k1' }), 200);
    expectStatus(await admin.post('/user/new', { user_id: 'outsider', auto_create_key: false }), 200);
    const notMember = expectStatus(await admin.post('/key/generate', { team_id: 'team-k', user_id: 'outsider' }), 400);
    assert.equal(notMember.body.error.param, 'user_id');
    const mismatch = expectStatus(await admin.post('/key/generate', { team_id: 'team-k', organization_id: 'org-k2' }), 400);
    assert.equal(mismatch.body.error.param, 'organization_id');
    expectStatus(await admin.post('/key/generate', { team_id: 'no-such-team' }), 404);
  });

  it('creates a user with a first key, reads, lists, updates and deletes it (its keys go with it)', async () => {
    const created = expectStatus(await admin.post('/user/new', { user_id: 'u-life', user_email: 'life@example.com', user_alias: 'Life', models: ['mock-gpt'], max_budget: 10 }), 200);
    assert.match(created.body.key as string, /^sk-/);
    assert.equal(created.body.user_alias, 'Life');
    assert.equal(await chatStatus(gh, created.body.key as string), 200);
    const info = expectStatus(await admin.get('/user/info', { user_id: 'u-life' }), 200);
    assert.equal(info.body.user_info.user_email, 'life@example.com');
    assert.deepEqual(info.body.keys.map((k: { token: string }) => k.token), [created.body.token]);
    assert.ok(!info.text.includes(created.body.key as string));
    const list = expectStatus(await admin.get('/user/list', { user_ids: 'u-life,nobody', page_size: '10' }), 200);
    assert.deepEqual(list.body.users.map((u: { user_id: string }) => u.user_id), ['u-life']);
    assert.equal(list.body.total, 1);
    const updated = expectStatus(await admin.post('/user/update', { user_email: 'LIFE@example.com', user_role: 'internal_user_viewer', max_budget: 5 }), 200);
    assert.equal(updated.body.data.user_role, 'internal_user_viewer');
    assert.equal(updated.body.data.max_budget, 5);
    assert.equal(updated.body.data.user_alias, 'Life');
    const deleted = expectStatus(await admin.post('/user/delete', { user_ids: ['u-life'] }), 200);
    assert.deepEqual(deleted.body.deleted_users, ['u-life']);
    assert.equal(await modelsStatus(gh, created.body.key as string), 401);
  });

  it('refuses a duplicate user id and an email that differs only in case', async () => {
    expectStatus(await admin.post('/user/new', { user_id: 'dup', user_email: 'dup@example.com', auto_create_key: false }), 200);
    expectStatus(await admin.post('/user/new', { user_id: 'dup', auto_create_key: false }), 400);
    expectStatus(await admin.post('/user/new', { user_email: 'DUP@example.com', auto_create_key: false }), 400);
  });
});
