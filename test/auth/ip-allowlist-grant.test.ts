// A caller whose key or team is held to an IP allowlist cannot hand out a key or team reachable
// from anywhere else: the new list must lie inside each of the caller's lists.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actorOf } from '../../src/auth/actor.js';
import { checkIpAllowlistGrant, checkKeyGrant, type KeyGrantRequest } from '../../src/auth/grants.js';
import { masterPrincipal } from '../../src/auth/principal.js';
import { makeKey, makeTeam, teamMember, userActor } from './fixtures.js';

const openKey: KeyGrantRequest = {
  userId: 'me', teamId: null, organizationId: null, models: [], maxBudget: null, budgetDuration: null, tpmLimit: null, rpmLimit: null,
  maxParallelRequests: null, allowedRegions: null, allowedRoutes: [], allowedIps: null, expiresAt: null,
};

function withKeyList(allowedIps: readonly string[]) {
  return userActor('internal_user', {}, { key: makeKey({ userId: 'me', allowedIps }) });
}

function ipProblems(problems: ReadonlyArray<{ readonly field: string; readonly message: string }>): string[] {
  return problems.filter((problem) => problem.field === 'allowedIps').map((problem) => problem.message);
}

describe('checkKeyGrant: IP allowlists', () => {
  it('lets an unrestricted caller give any list, or none', () => {
    assert.deepEqual(checkKeyGrant(userActor('internal_user'), openKey), []);
    assert.deepEqual(checkKeyGrant(actorOf(masterPrincipal), { ...openKey, userId: null, allowedIps: ['0.0.0.0/0'] }), []);
  });

  it('accepts addresses and ranges inside the caller\'s key list, IPv4 and IPv6', () => {
    const actor = withKeyList(['10.0.0.0/8', '2001:db8::/32']);
    assert.deepEqual(checkKeyGrant(actor, { ...openKey, allowedIps: ['10.1.0.0/16', '10.2.3.4/32', '2001:db8:5::/48'] }), []);
    assert.deepEqual(checkKeyGrant(actor, { ...openKey, allowedIps: ['10.0.0.0/8'] }), []);
  });

  it('refuses no list, a wider range, an address outside and the other family, naming what is beyond', () => {
    const actor = withKeyList(['10.0.0.0/8']);
    assert.deepEqual(ipProblems(checkKeyGrant(actor, openKey)), ['must be set, within the allowlist of your key (10.0.0.0/8)']);
    assert.deepEqual(ipProblems(checkKeyGrant(actor, { ...openKey, allowedIps: ['10.0.0.0/7'] })), ['10.0.0.0/7 goes beyond the allowlist of your key (10.0.0.0/8)']);
    assert.deepEqual(ipProblems(checkKeyGrant(actor, { ...openKey, allowedIps: ['10.1.0.0/16', '192.168.1.1/32'] })), [
      '192.168.1.1/32 goes beyond the allowlist of your key (10.0.0.0/8)',
    ]);
    assert.equal(ipProblems(checkKeyGrant(actor, { ...openKey, allowedIps: ['::/0'] })).length, 1);
    assert.equal(ipProblems(checkKeyGrant(actor, { ...openKey, allowedIps: ['not-an-address'] })).length, 1);
  });

  it('needs one containing range: a range spanning two adjacent ones of the caller is refused', () => {
    const actor = withKeyList(['10.0.0.0/24', '10.0.1.0/24']);
    assert.deepEqual(checkKeyGrant(actor, { ...openKey, allowedIps: ['10.0.0.0/24', '10.0.1.128/25'] }), []);
    assert.equal(ipProblems(checkKeyGrant(actor, { ...openKey, allowedIps: ['10.0.0.0/23'] })).length, 1);
  });

  it('bounds by the caller\'s team list as well as its key list', () => {
    const actor = userActor('internal_user', {}, {
      key: makeKey({ userId: 'me', allowedIps: ['10.0.0.0/8'] }),
      team: makeTeam({ id: 'team-x', allowedIps: ['10.5.0.0/16', '192.0.2.0/24'] }),
    });
    assert.deepEqual(checkKeyGrant(actor, { ...openKey, allowedIps: ['10.5.1.0/24'] }), []);
    assert.deepEqual(ipProblems(checkKeyGrant(actor, { ...openKey, allowedIps: ['192.0.2.7/32'] })), [
      '192.0.2.7/32 goes beyond the allowlist of your key (10.0.0.0/8)',
    ]);
    assert.equal(ipProblems(checkKeyGrant(actor, { ...openKey, allowedIps: ['10.6.0.0/16'] })).length, 1);
    assert.equal(ipProblems(checkKeyGrant(actor, openKey)).length, 2);
  });

  it('counts the new key\'s team list, which binds the key too, only when it is given', () => {
    const team = makeTeam({ id: 'team-x', allowedIps: ['192.0.2.0/24'] });
    const admin = userActor('internal_user', { teams: [teamMember('team-x', 'admin')] }, { key: makeKey({ userId: 'me', teamId: 'team-x' }), team });
    const teamKey = { ...openKey, teamId: 'team-x' };
    assert.deepEqual(checkKeyGrant(admin, { ...teamKey, teamAllowedIps: team.allowedIps }), []);
    assert.equal(ipProblems(checkKeyGrant(admin, teamKey)).length, 1);
    assert.equal(ipProblems(checkKeyGrant(admin, { ...teamKey, teamAllowedIps: ['192.0.0.0/16'] })).length, 1);
  });

  it('admits less when the caller\'s stored list is damaged', () => {
    assert.equal(ipProblems(checkKeyGrant(withKeyList(['10.0.0.0/8x']), { ...openKey, allowedIps: ['10.0.0.1/32'] })).length, 1);
  });
});

describe('checkIpAllowlistGrant for teams', () => {
  it('keeps a team list inside the caller\'s own', () => {
    const actor = withKeyList(['2001:db8::/32']);
    assert.deepEqual(checkIpAllowlistGrant(actor, [['2001:db8:1::/48']]), []);
    assert.deepEqual(checkIpAllowlistGrant(actor, [null]).map((problem) => problem.field), ['allowedIps']);
    assert.deepEqual(checkIpAllowlistGrant(actor, [['2001:db9::/32']]).map((problem) => problem.field), ['allowedIps']);
  });
});
