// The permission table, role by role and permission by permission, and how `can` confines each
// role to its scope: organisation admins to their organisations, users to their own objects,
// team roles to their team, viewers to reading, keys without a user to LLM calls.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actorOf } from '../../src/auth/actor.js';
import { masterPrincipal } from '../../src/auth/principal.js';
import { can, permissions, type Permission, type ScopeTarget } from '../../src/auth/permissions.js';
import { userRoles, type UserRole } from '../../src/store/records.js';
import { keyPrincipal, orgMember, teamMember, userActor } from './fixtures.js';

/** Written out by hand: what each role may do on an object within its scope. */
const expectedTable = `
                      proxy_admin  proxy_admin_viewer  org_admin  internal_user  internal_user_viewer
llm:call              yes          yes                 yes        yes            yes
key:create            yes          -                   yes        yes            -
key:read              yes          yes                 yes        yes            yes
key:update            yes          -                   yes        yes            -
key:delete            yes          -                   yes        yes            -
key:regenerate        yes          -                   yes        yes            -
key:block             yes          -                   yes        -              -
user:create           yes          -                   yes        -              -
user:read             yes          yes                 yes        yes            yes
user:update           yes          -                   yes        -              -
user:delete           yes          -                   -          -              -
team:create           yes          -                   yes        -              -
team:read             yes          yes                 yes        -              -
team:update           yes          -                   yes        -              -
team:delete           yes          -                   yes        -              -
team:members          yes          -                   yes        -              -
organization:create   yes          -                   -          -              -
organization:read     yes          yes                 yes        -              -
organization:update   yes          -                   -          -              -
organization:delete   yes          -                   -          -              -
organization:members  yes          -                   yes        -              -
model:create          yes          -                   -          -              -
model:read            yes          yes                 yes        yes            yes
model:update          yes          -                   -          -              -
model:delete          yes          -                   -          -              -
spend:read            yes          yes                 yes        yes            yes
audit:read            yes          yes                 yes        -              -
`;

function parseTable(text: string): Map<Permission, Map<UserRole, boolean>> {
  const [header, ...rows] = text.trim().split('\n');
  const roles = (header ?? '').trim().split(/\s+/) as UserRole[];
  return new Map(rows.map((row) => {
    const [permission, ...cells] = row.trim().split(/\s+/);
    return [permission as Permission, new Map(roles.map((role, index) => [role, cells[index] === 'yes']))];
  }));
}

/** An object inside the role's scope: anywhere, in its organisation, or its own. */
function inScope(role: UserRole): ScopeTarget {
  if (role === 'org_admin') return { organizationId: 'org-a', teamId: 'team-x' };
  if (role === 'proxy_admin' || role === 'proxy_admin_viewer') return { organizationId: 'org-z', teamId: 'team-z', userId: 'someone' };
  return { userId: 'me' };
}

describe('the permission table', () => {
  const table = parseTable(expectedTable);

  it('lists every permission once', () => {
    assert.deepEqual([...table.keys()].sort(), [...permissions].sort());
  });

  for (const role of userRoles) {
    it(`${role}: every permission as the table says`, () => {
      const actor = userActor(role, { organizations: [orgMember('org-a', 'org_admin')] });
      for (const permission of permissions) {
        const expected = table.get(permission)?.get(role);
        assert.equal(can(actor, permission, inScope(role)), expected, `${role} ${permission}`);
      }
    });
  }

  it('the master key may do everything, anywhere', () => {
    const actor = actorOf(masterPrincipal);
    for (const permission of permissions) assert.equal(can(actor, permission), true, permission);
  });

  it('a key without a user may only call LLM routes', () => {
    const actor = actorOf(keyPrincipal(), { organizations: [orgMember('org-a', 'org_admin')], teams: [teamMember('team-x', 'admin')] });
    for (const permission of permissions) {
      assert.equal(can(actor, permission, { organizationId: 'org-a', teamId: 'team-x' }), permission === 'llm:call', permission);
    }
  });
});

describe('can: scopes', () => {
  it('confines an organisation admin to the organisations it administers', () => {
    const actor = userActor('org_admin', { organizations: [orgMember('org-a', 'org_admin'), orgMember('org-b', 'internal_user')] });
    assert.equal(can(actor, 'team:create', { organizationId: 'org-a' }), true);
    assert.equal(can(actor, 'key:delete', { organizationId: 'org-a', teamId: 't', userId: 'u' }), true);
    assert.equal(can(actor, 'team:create', { organizationId: 'org-b' }), false, 'a plain member of org-b');
    assert.equal(can(actor, 'key:read', { organizationId: 'org-c', userId: 'u' }), false, 'not a member at all');
    assert.equal(can(actor, 'team:read'), false, 'nothing platform-wide');
    assert.equal(can(actor, 'organization:read', { organizationId: 'org-b' }), true, 'members see their organisation');
  });

  it('gives no organisation powers to an org_admin without an org_admin membership, nor to a member without the role', () => {
    const roleOnly = userActor('org_admin', { organizations: [orgMember('org-a', 'internal_user')] });
    const membershipOnly = userActor('internal_user', { organizations: [orgMember('org-a', 'org_admin')] });
    for (const actor of [roleOnly, membershipOnly]) {
      assert.equal(can(actor, 'team:create', { organizationId: 'org-a' }), false);
      assert.equal(can(actor, 'key:read', { organizationId: 'org-a', userId: 'other' }), false);
    }
  });

  it('lets users manage their own keys but not anyone else\'s', () => {
    const actor = userActor('internal_user');
    assert.equal(can(actor, 'key:delete', { userId: 'me' }), true);
    assert.equal(can(actor, 'key:delete', { userId: 'other' }), false);
    assert.equal(can(actor, 'key:read'), false);
  });

  it('makes creating a team key a team matter, even for one\'s own key', () => {
    const member = userActor('internal_user', { teams: [teamMember('team-x', 'user')] });
    const admin = userActor('internal_user', { teams: [teamMember('team-x', 'admin')] });
    assert.equal(can(member, 'key:create', { userId: 'me', teamId: 'team-x' }), false);
    assert.equal(can(member, 'key:read', { userId: 'me', teamId: 'team-x' }), true);
    assert.equal(can(member, 'team:read', { teamId: 'team-x' }), true);
    assert.equal(can(admin, 'key:create', { userId: 'me', teamId: 'team-x' }), true);
    assert.equal(can(admin, 'key:create', { userId: 'other', teamId: 'team-x' }), true);
    assert.equal(can(admin, 'team:members', { teamId: 'team-x' }), true);
    assert.equal(can(admin, 'team:update', { teamId: 'team-x' }), false, 'a team admin may not widen the team');
    assert.equal(can(admin, 'key:create', { userId: 'me', teamId: 'team-y' }), false);
  });

  it('keeps viewers read-only whatever their memberships', () => {
    const actor = userActor('internal_user_viewer', { teams: [teamMember('team-x', 'admin')] });
    assert.equal(can(actor, 'key:read', { teamId: 'team-x', userId: 'other' }), true);
    assert.equal(can(actor, 'key:create', { teamId: 'team-x' }), false);
    assert.equal(can(actor, 'team:members', { teamId: 'team-x' }), false);
    assert.equal(can(actor, 'key:create', { userId: 'me' }), false);
  });
});
