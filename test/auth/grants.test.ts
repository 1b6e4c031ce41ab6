// No principal can create or widen a key beyond its own scope, hand keys to others without being
// their admin, or raise a role beyond what it may grant: one refusal per dimension.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actorOf } from '../../src/auth/actor.js';
import { checkKeyGrant, checkRoleChange, type KeyGrantRequest } from '../../src/auth/grants.js';
import { masterPrincipal } from '../../src/auth/principal.js';
import { checkScopeGrant } from '../../src/auth/scope-grant.js';
import { makeKey, makeTeam, makeUser, orgMember, teamMember, userActor } from './fixtures.js';

const ownKey: KeyGrantRequest = {
  userId: 'me', teamId: null, organizationId: null, models: ['gpt-4o'], maxBudget: 5, budgetDuration: '30d',
  tpmLimit: 1_000, rpmLimit: 10, maxParallelRequests: 2, allowedRegions: ['eu'], allowedRoutes: ['/chat/completions'],
  allowedIps: null, expiresAt: '2025-12-01T00:00:00.000Z',
};

/** An internal user acting through a narrowly scoped key. */
const scopedActor = userActor('internal_user', {}, {
  key: makeKey({
    userId: 'me', models: ['gpt-4o', 'openai/*'], maxBudget: 10, budgetDuration: '30d', tpmLimit: 1_000, rpmLimit: 10,
    maxParallelRequests: 2, allowedRegions: ['eu', 'us'], allowedRoutes: ['llm_api_routes'], expiresAt: '2026-01-01T00:00:00.000Z',
  }),
});

function fields(problems: ReadonlyArray<{ readonly field: string }>): string[] {
  return problems.map((problem) => problem.field);
}

describe('checkKeyGrant: scope', () => {
  it('accepts a key within the actor\'s own scope', () => {
    assert.deepEqual(checkKeyGrant(scopedActor, ownKey), []);
    assert.deepEqual(checkKeyGrant(scopedActor, { ...ownKey, models: ['openai/gpt-4o-mini', 'openai/gpt-4*'] }), []);
  });

  const widenings: ReadonlyArray<readonly [string, Partial<KeyGrantRequest>, string]> = [
    ['a model outside the list', { models: ['anthropic/claude-sonnet-4'] }, 'models'],
    ['a wider wildcard', { models: ['*'] }, 'models'],
    ['every model (empty list)', { models: [] }, 'models'],
    ['all-proxy-models', { models: ['all-proxy-models'] }, 'models'],
    ['all-team-models of another team', { models: ['all-team-models'], teamId: 'team-x' }, 'models'],
    ['a bigger budget', { maxBudget: 10.01 }, 'maxBudget'],
    ['no budget', { maxBudget: null }, 'maxBudget'],
    ['a budget resetting more often', { budgetDuration: '1d' }, 'budgetDuration'],
    ['an unreadable budget period', { budgetDuration: 'monthly' }, 'budgetDuration'],
    ['more tokens per minute', { tpmLimit: 1_001 }, 'tpmLimit'],
    ['no rpm limit', { rpmLimit: null }, 'rpmLimit'],
    ['more parallel requests', { maxParallelRequests: 3 }, 'maxParallelRequests'],
    ['another region', { allowedRegions: ['eu', 'ap'] }, 'allowedRegions'],
    ['no region restriction', { allowedRegions: null }, 'allowedRegions'],
    ['a management route', { allowedRoutes: ['/key/generate'] }, 'allowedRoutes'],
    ['the default routes', { allowedRoutes: [] }, 'allowedRoutes'],
    ['a later expiry', { expiresAt: '2026-01-01T00:00:00.001Z' }, 'expiresAt'],
    ['no expiry', { expiresAt: null }, 'expiresAt'],
  ];
  for (const [what, change, field] of widenings) {
    it(`refuses ${what}`, () => {
      const problems = checkKeyGrant(scopedActor, { ...ownKey, ...change });
      assert.deepEqual(fields(problems).filter((f) => f !== 'teamId'), [field], JSON.stringify(problems));
    });
  }

  it('bounds by the actor\'s user and team as well as its key', () => {
    const actor = userActor('internal_user', { teams: [teamMember('team-x', 'admin')] }, {
      key: makeKey({ userId: 'me', teamId: 'team-x' }),
      user: makeUser({ id: 'me', role: 'internal_user', rpmLimit: 5 }),
      team: makeTeam({ id: 'team-x', models: ['gpt-4o', 'gpt-4o-mini'] }),
    });
    const teamKey = { ...ownKey, teamId: 'team-x', allowedRoutes: [], allowedRegions: null, expiresAt: null };
    assert.deepEqual(fields(checkKeyGrant(actor, teamKey)), ['rpmLimit']);
    assert.deepEqual(checkKeyGrant(actor, { ...teamKey, rpmLimit: 5, models: ['all-team-models'] }), []);
    assert.deepEqual(fields(checkKeyGrant(actor, { ...teamKey, rpmLimit: 5, models: ['gpt-5'] })), ['models']);
  });

  it('rejects unusable route patterns from anyone, the master key included', () => {
    const master = actorOf(masterPrincipal);
    assert.deepEqual(fields(checkKeyGrant(master, { ...ownKey, userId: 'u', allowedRoutes: ['/v1/*'] })), ['allowedRoutes']);
    assert.deepEqual(fields(checkKeyGrant(master, { ...ownKey, userId: 'u', allowedRoutes: ['llm_routes_typo'] })), ['allowedRoutes']);
    assert.deepEqual(checkKeyGrant(master, { ...ownKey, userId: 'u', models: [], maxBudget: null, allowedRoutes: ['management_routes'] }), []);
  });

  it('applies to users too: an org admin cannot give a user more than it has', () => {
    const actor = userActor('org_admin', { organizations: [orgMember('org-a', 'org_admin')] }, { key: makeKey({ userId: 'me', models: ['gpt-4o'] }) });
    const user = { models: ['all-proxy-models'], maxBudget: null, budgetDuration: null, tpmLimit: null, rpmLimit: null, maxParallelRequests: null };
    assert.deepEqual(fields(checkScopeGrant(actor, user)), ['models']);
    assert.deepEqual(checkScopeGrant(actor, { ...user, models: ['gpt-4o'] }), []);
  });
});

describe('checkKeyGrant: whose key', () => {
  const open = { ...ownKey, models: [], maxBudget: null, budgetDuration: null, tpmLimit: null, rpmLimit: null, maxParallelRequests: null, allowedRegions: null, allowedRoutes: [], expiresAt: null };

  it('lets a user create their own keys only', () => {
    const actor = userActor('internal_user');
    assert.deepEqual(checkKeyGrant(actor, open), []);
    assert.deepEqual(fields(checkKeyGrant(actor, { ...open, userId: 'other' })), ['userId']);
    assert.deepEqual(fields(checkKeyGrant(actor, { ...open, userId: null })), ['userId']);
    assert.deepEqual(fields(checkKeyGrant(userActor('internal_user_viewer'), open)), ['userId']);
  });

  it('leaves team keys to team admins', () => {
    const member = userActor('internal_user', { teams: [teamMember('team-x', 'user')] });
    const admin = userActor('internal_user', { teams: [teamMember('team-x', 'admin')] });
    assert.deepEqual(fields(checkKeyGrant(member, { ...open, teamId: 'team-x' })), ['teamId']);
    assert.deepEqual(checkKeyGrant(admin, { ...open, teamId: 'team-x' }), []);
    assert.deepEqual(checkKeyGrant(admin, { ...open, teamId: 'team-x', userId: 'teammate' }), []);
    assert.deepEqual(fields(checkKeyGrant(admin, { ...open, teamId: 'team-y' })), ['teamId']);
  });

  it('lets organisation admins manage keys in their organisations only', () => {
    const actor = userActor('org_admin', { organizations: [orgMember('org-a', 'org_admin')] });
    assert.deepEqual(checkKeyGrant(actor, { ...open, userId: 'someone', organizationId: 'org-a' }), []);
    assert.deepEqual(fields(checkKeyGrant(actor, { ...open, userId: 'someone', organizationId: 'org-b' })), ['userId']);
    assert.deepEqual(fields(checkKeyGrant(actor, { ...open, userId: 'someone' })), ['userId']);
  });

  it('keeps a user from charging an organisation they do not belong to', () => {
    const actor = userActor('internal_user', { organizations: [orgMember('org-a', 'internal_user')] });
    assert.deepEqual(checkKeyGrant(actor, { ...open, organizationId: 'org-a' }), []);
    assert.deepEqual(fields(checkKeyGrant(actor, { ...open, organizationId: 'org-b' })), ['organizationId']);
  });
});

describe('checkRoleChange', () => {
  const member = (id: string, role: 'internal_user' | 'proxy_admin_viewer' | 'org_admin', organizationIds: string[] = ['org-a']) => ({ id, role, organizationIds });

  it('refuses anyone raising their own role', () => {
    const orgAdmin = userActor('org_admin', { organizations: [orgMember('org-a', 'org_admin')] });
    assert.deepEqual(fields(checkRoleChange(orgAdmin, member('me', 'org_admin'), 'proxy_admin')), ['role', 'role']);
    assert.deepEqual(fields(checkRoleChange(userActor('internal_user'), member('me', 'internal_user'), 'org_admin')), ['role', 'role']);
    const viewer = userActor('proxy_admin_viewer');
    assert.deepEqual(fields(checkRoleChange(viewer, member('me', 'proxy_admin_viewer'), 'internal_user')), ['role', 'role']);
    assert.deepEqual(checkRoleChange(orgAdmin, member('me', 'org_admin'), 'internal_user'), [], 'stepping down is allowed');
  });

  it('leaves proxy_admin and proxy_admin_viewer to proxy admins, both ways', () => {
    const orgAdmin = userActor('org_admin', { organizations: [orgMember('org-a', 'org_admin')] });
    assert.deepEqual(fields(checkRoleChange(orgAdmin, member('u', 'internal_user'), 'proxy_admin_viewer')), ['role']);
    assert.deepEqual(fields(checkRoleChange(orgAdmin, member('u', 'proxy_admin_viewer'), 'internal_user')), ['role']);
    assert.deepEqual(checkRoleChange(userActor('proxy_admin'), member('u', 'internal_user'), 'proxy_admin'), []);
    assert.deepEqual(checkRoleChange(actorOf(masterPrincipal), member('u', 'internal_user'), 'proxy_admin'), []);
  });

  it('lets an organisation admin assign organisation roles to users of its organisations only', () => {
    const orgAdmin = userActor('org_admin', { organizations: [orgMember('org-a', 'org_admin')] });
    assert.deepEqual(checkRoleChange(orgAdmin, member('u', 'internal_user'), 'org_admin'), []);
    assert.deepEqual(fields(checkRoleChange(orgAdmin, member('u', 'internal_user', ['org-a', 'org-b']), 'org_admin')), ['role']);
    assert.deepEqual(fields(checkRoleChange(orgAdmin, member('u', 'internal_user', []), 'internal_user_viewer')), ['role']);
    assert.deepEqual(fields(checkRoleChange(userActor('internal_user'), member('u', 'internal_user'), 'internal_user_viewer')), ['role']);
  });
});
