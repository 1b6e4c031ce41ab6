// Who may do what through the management API, acting as users of each role with their own keys:
// organisation admins stay inside their organisation (anything outside answers exactly like
// something missing), internal users manage only their own keys within their own scope, nobody
// raises their own role, viewers only read.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { adminClient, expectStatus, openAdminGatehouse, type AdminClient, type Answer } from './admin-client.js';

/** A refusal for something out of reach must read like the one for something that does not exist. */
function assertSameAsMissing(foreign: Answer, missing: Answer, names: { foreign: string; missing: string }): void {
  assert.equal(foreign.status, 404, foreign.text);
  assert.equal(missing.status, 404, missing.text);
  const shape = (answer: Answer, name: string): unknown => ({ ...answer.body.error, message: String(answer.body.error.message).replace(name, '<id>') });
  assert.deepEqual(shape(foreign, names.foreign), shape(missing, names.missing));
}

describe('role scoping of the management API', () => {
  let gh: TestGatehouse;
  let admin: AdminClient;
  const keys: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const as = (who: string): AdminClient => adminClient(gh, keys[who] ?? '');

  async function user(id: string, body: Record<string, unknown>): Promise<void> {
    const answer = expectStatus(await admin.post('/user/new', { user_id: id, ...body }), 200);
    keys[id] = answer.body.key as string;
    tokens[id] = answer.body.token as string;
  }

  before(async () => {
    ({ gh, admin } = await openAdminGatehouse());
    for (const org of ['org-a', 'org-b']) expectStatus(await admin.post('/organization/new', { organization_id: org, organization_alias: org }), 200);
    expectStatus(await admin.post('/team/new', { team_id: 'team-a', organization_id: 'org-a' }), 200);
    expectStatus(await admin.post('/team/new', { team_id: 'team-b', organization_id: 'org-b' }), 200);
    await user('oa', { user_role: 'org_admin', organizations: ['org-a'] });
    await user('ob', { user_role: 'org_admin', organizations: ['org-b'] });
    expectStatus(await admin.post('/team/new', { team_id: 'team-a-other', organization_id: 'org-a' }), 200);
    await user('iu', { user_role: 'internal_user', organizations: ['org-a'], teams: ['team-a'], models: ['mock-gpt'], max_budget: 10, rpm_limit: 100 });
    await user('iu2', { user_role: 'internal_user', organizations: ['org-a'] });
    await user('ta', { user_role: 'internal_user', organizations: ['org-a'] });
    await user('viewer', { user_role: 'internal_user_viewer', organizations: ['org-a'] });
    await user('ub', { user_role: 'internal_user', organizations: ['org-b'], teams: ['team-b'] });
    expectStatus(await admin.post('/team/member_add', { team_id: 'team-a', member: { user_id: 'ta', role: 'admin' } }), 200);
  });
  after(() => gh.close());

  describe('an organization admin', () => {
    it('reads and changes nothing in another organization: every answer is the one for a missing object', async () => {
      const oa = as('oa');
      assertSameAsMissing(await oa.get('/user/info', { user_id: 'ub' }), await oa.get('/user/info', { user_id: 'ghost' }), { foreign: 'ub', missing: 'ghost' });
      assertSameAsMissing(await oa.get('/team/info', { team_id: 'team-b' }), await oa.get('/team/info', { team_id: 'no-team' }), { foreign: 'team-b', missing: 'no-team' });
      assertSameAsMissing(await oa.get('/organization/info', { organization_id: 'org-b' }), await oa.get('/organization/info', { organization_id: 'no-org' }), {
        foreign: 'org-b', missing: 'no-org',
      });
      assertSameAsMissing(await oa.post('/team/update', { team_id: 'team-b', max_budget: 1 }), await oa.post('/team/update', { team_id: 'no-team', max_budget: 1 }), {
        foreign: 'team-b', missing: 'no-team',
      });
      assertSameAsMissing(await oa.post('/team/member_add', { team_id: 'team-b', member: { user_id: 'oa' } }), await oa.post('/team/member_add', { team_id: 'no-team', member: { user_id: 'oa' } }), {
        foreign: 'team-b', missing: 'no-team',
      });
      assertSameAsMissing(await oa.post('/user/update', { user_id: 'ub', max_budget: 1 }), await oa.post('/user/update', { user_id: 'ghost', max_budget: 1 }), { foreign: 'ub', missing: 'ghost' });
      const ghostKey = 'sk-' + 'Z'.repeat(43);
      for (const [path, body] of [['/key/update', { key_alias: 'x' }], ['/key/block', {}], ['/key/regenerate', {}]] as const) {
        assertSameAsMissing(await oa.post(path, { key: keys['ub'], ...body }), await oa.post(path, { key: ghostKey, ...body }), { foreign: '', missing: '' });
      }
      assertSameAsMissing(await oa.get('/key/info', { key: tokens['ub'] ?? '' }), await oa.get('/key/info', { key: 'no-such-id' }), { foreign: '', missing: '' });
      assertSameAsMissing(await oa.post('/key/delete', { keys: [keys['ub']] }), await oa.post('/key/delete', { keys: [ghostKey] }), { foreign: '', missing: '' });
      assert.equal(await fetch(`${gh.baseURL}/models`, { headers: { authorization: `Bearer ${keys['ub'] ?? ''}` } }).then((r) => r.status), 200);
    });

    it('lists only its own organization\'s users, teams, keys and organizations', async () => {
      const oa = as('oa');
      const users = expectStatus(await oa.get('/user/list', { page_size: '100' }), 200).body.users.map((u: { user_id: string }) => u.user_id).sort();
      assert.deepEqual(users, ['iu', 'iu2', 'oa', 'ta', 'viewer']);
      const teams = expectStatus(await oa.get('/team/list'), 200).body.map((t: { team_id: string }) => t.team_id);
      assert.deepEqual(teams, ['team-a', 'team-a-other']);
      const organizations = expectStatus(await oa.get('/organization/list'), 200).body.map((o: { organization_id: string }) => o.organization_id);
      assert.deepEqual(organizations, ['org-a']);
      const listed = expectStatus(await oa.get('/key/list', { size: '100' }), 200).body.keys as string[];
      assert.ok(listed.includes(tokens['iu'] ?? ''));
      assert.ok(!listed.includes(tokens['ub'] ?? '') && !listed.includes(tokens['ob'] ?? ''));
    });

    it('creates teams, users and keys inside its organization only', async () => {
      const oa = as('oa');
      expectStatus(await oa.post('/team/new', { team_id: 'team-a2', organization_id: 'org-a' }), 200);
      const elsewhere = expectStatus(await oa.post('/team/new', { team_id: 'team-x', organization_id: 'org-b' }), 403);
      assert.equal(elsewhere.body.error.param, 'organization_id');
      expectStatus(await oa.post('/team/new', { team_id: 'team-y' }), 403);
      const made = expectStatus(await oa.post('/user/new', { user_id: 'made-by-oa', organizations: ['org-a'] }), 200);
      assert.match(made.body.key as string, /^sk-/);
      expectStatus(await oa.post('/user/new', { user_id: 'nowhere' }), 403);
      expectStatus(await oa.post('/user/new', { user_id: 'in-b', organizations: ['org-b'] }), 404);
      expectStatus(await oa.post('/key/generate', { user_id: 'iu2', organization_id: 'org-a' }), 200);
      expectStatus(await oa.post('/key/generate', { user_id: 'ub', organization_id: 'org-b' }), 403);
      expectStatus(await oa.post('/key/generate', { team_id: 'team-b' }), 403);
    });
  });

  describe('an internal user', () => {
    it('makes keys for itself within its own models, budget and limits, and not for others', async () => {
      const iu = as('iu');
      const within = { models: ['mock-gpt'], max_budget: 5, rpm_limit: 50 };
      const own = expectStatus(await iu.post('/key/generate', within), 200);
      assert.equal(own.body.user_id, 'iu');
      const forOther = expectStatus(await iu.post('/key/generate', { ...within, user_id: 'iu2' }), 403);
      assert.equal(forOther.body.error.param, 'user_id');
      const wider = expectStatus(await iu.post('/key/generate', { ...within, models: ['mock-small'] }), 403);
      assert.equal(wider.body.error.param, 'models');
      expectStatus(await iu.post('/key/generate', { max_budget: 5, rpm_limit: 50 }), 403);
      const richer = expectStatus(await iu.post('/key/generate', { ...within, max_budget: 50 }), 403);
      assert.equal(richer.body.error.param, 'max_budget');
      const faster = expectStatus(await iu.post('/key/generate', { ...within, rpm_limit: 1000 }), 403);
      assert.equal(faster.body.error.param, 'rpm_limit');
      const unlimited = expectStatus(await iu.post('/key/generate', { models: ['mock-gpt'], max_budget: 5 }), 403);
      assert.equal(unlimited.body.error.param, 'rpm_limit');
      expectStatus(await iu.post('/key/update', { key: own.body.key, max_budget: 100 }), 403);
      expectStatus(await iu.post('/key/generate', { ...within, team_id: 'team-a' }), 403);
    });

    it('sees only its own keys and users', async () => {
      const iu = as('iu');
      const listed = expectStatus(await iu.get('/key/list', { return_full_object: 'true', size: '100' }), 200);
      assert.ok(listed.body.keys.length > 0);
      assert.ok(listed.body.keys.every((k: { user_id: string }) => k.user_id === 'iu'));
      expectStatus(await iu.get('/key/info', { key: tokens['iu2'] ?? '' }), 404);
      expectStatus(await iu.get('/user/info', { user_id: 'iu2' }), 404);
      expectStatus(await iu.get('/user/info'), 200);
      expectStatus(await iu.post('/user/new', { user_id: 'made-by-iu' }), 403);
    });
  });

  describe('role changes', () => {
    it('lets nobody raise their own role', async () => {
      const self = expectStatus(await as('oa').post('/user/update', { user_id: 'oa', user_role: 'proxy_admin' }), 403);
      assert.equal(self.body.error.param, 'user_role');
      expectStatus(await as('iu').post('/user/update', { user_id: 'iu', user_role: 'org_admin' }), 403);
      const promote = expectStatus(await as('oa').post('/user/update', { user_id: 'iu2', user_role: 'proxy_admin' }), 403);
      assert.equal(promote.body.error.param, 'user_role');
      expectStatus(await as('oa').post('/user/new', { user_id: 'wannabe', user_role: 'proxy_admin', organizations: ['org-a'] }), 403);
      expectStatus(await as('oa').post('/user/update', { user_id: 'iu2', user_role: 'internal_user_viewer' }), 200);
    });
  });

  describe('a viewer', () => {
    it('reads its own things and changes nothing', async () => {
      const viewer = as('viewer');
      expectStatus(await viewer.get('/key/info'), 200);
      expectStatus(await viewer.get('/key/list'), 200);
      expectStatus(await viewer.get('/user/info'), 200);
      expectStatus(await viewer.get('/spend/logs'), 200);
      for (const [path, body] of [
        ['/key/generate', {}],
        ['/key/update', { key: keys['viewer'], key_alias: 'mine' }],
        ['/key/delete', { keys: [keys['viewer']] }],
        ['/team/new', { organization_id: 'org-a' }],
        ['/user/update', { user_id: 'viewer', max_budget: 1 }],
      ] as const) {
        const answer = expectStatus(await viewer.post(path, body), 403);
        assert.equal(answer.body.error.code, 'permission_denied');
      }
    });
  });

  describe('a team admin', () => {
    it('reaches no other team: reads and member changes answer like a missing team', async () => {
      const ta = as('ta');
      assertSameAsMissing(await ta.get('/team/info', { team_id: 'team-a-other' }), await ta.get('/team/info', { team_id: 'no-team' }), {
        foreign: 'team-a-other', missing: 'no-team',
      });
      assertSameAsMissing(
        await ta.post('/team/member_add', { team_id: 'team-a-other', member: { user_id: 'iu' } }),
        await ta.post('/team/member_add', { team_id: 'no-team', member: { user_id: 'iu' } }),
        { foreign: 'team-a-other', missing: 'no-team' },
      );
      const foreign = expectStatus(await ta.post('/key/generate', { team_id: 'team-a-other', user_id: 'ta' }), 403);
      const missing = expectStatus(await ta.post('/key/generate', { team_id: 'no-team', user_id: 'ta' }), 403);
      assert.deepEqual(foreign.body, missing.body);
    });

    it('makes keys for members of its team but cannot change the team itself', async () => {
      const ta = as('ta');
      expectStatus(await ta.post('/key/generate', { team_id: 'team-a', user_id: 'iu' }), 200);
      expectStatus(await ta.post('/key/generate', { team_id: 'team-a', user_id: 'iu2' }), 400);
      expectStatus(await ta.post('/team/update', { team_id: 'team-a', max_budget: 1000 }), 403);
      expectStatus(await ta.get('/team/info', { team_id: 'team-a' }), 200);
    });
  });
});
