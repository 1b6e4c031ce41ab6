// The tenancy repositories on one dialect: organisations, teams, users and memberships round-trip,
// list in stable pages within a scope, refuse conflicts by name, and delete what depends on them.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { MembershipLookup } from '../../src/auth/actor.js';
import { createTeamRepository } from '../../src/store/repositories/team-repository.js';
import { StoreConflictError } from '../../src/store/store-error.js';
import type { StoreTarget } from './store-contract.js';
import { withRepositories } from './repository-fixture.js';

async function conflictReason(work: Promise<unknown>): Promise<string> {
  const error: unknown = await work.then(
    () => assert.fail('expected a StoreConflictError'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof StoreConflictError, `expected a StoreConflictError, got ${String(error)}`);
  return error.reason;
}

export function describeTenancyContract(name: string, target: StoreTarget): void {
  describe(`tenancy repositories: ${name}`, { skip: target.skip }, () => {
    after(() => target.cleanUp());

    it('round-trips an organization through create, get, update and delete', async () => {
      await withRepositories(target, async ({ repos, clock }) => {
        const created = await repos.organizations.create({
          id: 'org-acme',
          alias: 'Acme',
          maxBudget: 250.5,
          softBudget: 200,
          tpmLimit: 100_000,
          rpmLimit: 600,
          maxParallelRequests: 8,
          models: ['gpt-4o', 'openai/*'],
          allowedRegions: ['eu'],
          metadata: { costCenter: 'R&D', tags: ['a', 'b'], nested: { depth: 2 } },
          blocked: true,
        });
        assert.deepEqual(await repos.organizations.get('org-acme'), created);
        assert.equal(created.spend, 0);
        assert.equal(created.createdAt, '2026-03-10T12:00:00.000Z');

        clock.advance(60_000);
        const patch = { alias: 'Acme Corp', blocked: false, allowedRegions: null, maxBudget: undefined };
        const updated = await repos.organizations.update('org-acme', patch);
        assert.equal(updated?.alias, 'Acme Corp');
        assert.equal(updated?.blocked, false);
        assert.equal(updated?.allowedRegions, null);
        assert.equal(updated?.maxBudget, 250.5, 'undefined in a patch keeps the value');
        assert.deepEqual(updated?.models, ['gpt-4o', 'openai/*']);
        assert.equal(updated?.createdAt, created.createdAt);
        assert.equal(updated?.updatedAt, '2026-03-10T12:01:00.000Z');
        assert.deepEqual(await repos.organizations.get('org-acme'), updated);

        assert.equal(await repos.organizations.update('org-missing', { alias: 'x' }), null);
        // A patch taken from a request body may carry identity fields: they never move the update elsewhere.
        await repos.organizations.create({ id: 'org-other', alias: 'Other' });
        const smuggled = { alias: 'Renamed', id: 'org-other', createdAt: '2000-01-01T00:00:00.000Z' };
        const renamed = await repos.organizations.update('org-acme', smuggled);
        assert.deepEqual([renamed?.id, renamed?.alias, renamed?.createdAt], ['org-acme', 'Renamed', created.createdAt]);
        assert.equal((await repos.organizations.get('org-other'))?.alias, 'Other');
        await repos.organizations.delete('org-other');
        assert.equal(await repos.organizations.delete('org-acme'), true);
        assert.equal(await repos.organizations.get('org-acme'), null);
        assert.equal(await repos.organizations.delete('org-acme'), false);
      });
    });

    it('gives new records a random id and defaults, and starts a budget period with a duration', async () => {
      await withRepositories(target, async ({ repos, clock }) => {
        const team = await repos.teams.create({ budgetDuration: '7d' });
        assert.match(team.id, /^[0-9a-f-]{36}$/);
        assert.deepEqual(
          { ...team, id: 'x' },
          {
            id: 'x',
            alias: null,
            organizationId: null,
            allowedIps: null,
            maxBudget: null,
            softBudget: null,
            budgetDuration: '7d',
            budgetResetAt: '2026-03-17T12:00:00.000Z',
            spend: 0,
            tpmLimit: null,
            rpmLimit: null,
            maxParallelRequests: null,
            models: [],
            allowedRegions: null,
            metadata: {},
            blocked: false,
            createdAt: '2026-03-10T12:00:00.000Z',
            updatedAt: '2026-03-10T12:00:00.000Z',
          },
        );
        clock.advance(86_400_000);
        assert.equal((await repos.teams.update(team.id, { alias: 'Platform' }))?.budgetResetAt, '2026-03-17T12:00:00.000Z');
        assert.equal((await repos.teams.update(team.id, { budgetDuration: '1mo' }))?.budgetResetAt, '2026-04-11T12:00:00.000Z');
        assert.equal((await repos.teams.update(team.id, { budgetDuration: null }))?.budgetResetAt, null);
        await assert.rejects(repos.teams.update(team.id, { budgetDuration: 'three days' }), RangeError);
        await assert.rejects(repos.users.create({ role: 'internal_user', budgetDuration: '0d' }), RangeError);
      });
    });

    it('refuses duplicate ids and emails and unknown references as conflicts', async () => {
      await withRepositories(target, async ({ repos }) => {
        await repos.organizations.create({ id: 'org-1' });
        assert.equal(await conflictReason(repos.organizations.create({ id: 'org-1' })), 'duplicate');
        assert.equal(await conflictReason(repos.teams.create({ organizationId: 'org-nope' })), 'missing_reference');
        const team = await repos.teams.create({ organizationId: 'org-1' });
        assert.equal(await conflictReason(repos.teams.update(team.id, { organizationId: 'org-nope' })), 'missing_reference');

        await repos.users.create({ id: 'u1', role: 'internal_user', email: 'Ada@Example.com' });
        assert.equal(await conflictReason(repos.users.create({ role: 'internal_user', email: 'ada@example.COM' })), 'duplicate');
        const other = await repos.users.create({ role: 'internal_user', email: 'grace@example.com' });
        assert.equal(await conflictReason(repos.users.update(other.id, { email: 'ADA@example.com' })), 'duplicate');
        assert.equal(await conflictReason(repos.teams.addMember(team.id, 'u-nope', 'user')), 'missing_reference');
        assert.equal(await conflictReason(repos.organizationMemberships.add('org-nope', 'u1', 'org_admin')), 'missing_reference');
      });
    });

    it('refuses to delete an organization while teams or keys belong to it, and drops its memberships', async () => {
      await withRepositories(target, async ({ repos }) => {
        await repos.organizations.create({ id: 'org-1' });
        await repos.users.create({ id: 'u1', role: 'org_admin' });
        await repos.organizationMemberships.add('org-1', 'u1', 'org_admin');
        const team = await repos.teams.create({ organizationId: 'org-1' });
        assert.equal(await conflictReason(repos.organizations.delete('org-1')), 'in_use');
        await repos.teams.delete(team.id);
        const key = await repos.virtualKeys.create({ keyHash: 'h1', displayName: 'sk-...aaaa', organizationId: 'org-1' });
        assert.equal(await conflictReason(repos.organizations.delete('org-1')), 'in_use');
        await repos.virtualKeys.delete([key.id]);
        assert.equal(await repos.organizations.delete('org-1'), true);
        assert.deepEqual(await repos.organizationMemberships.organizationsOfUser('u1'), []);
        assert.notEqual(await repos.users.get('u1'), null);
      });
    });

    it('lists in creation order with stable pages, totals and an id scope', async () => {
      await withRepositories(target, async ({ repos, clock }) => {
        // Same timestamp for the first three: the id breaks the tie.
        for (const id of ['org-c', 'org-a', 'org-b']) await repos.organizations.create({ id });
        clock.advance(1_000);
        for (const id of ['org-e', 'org-d']) {
          await repos.organizations.create({ id });
          clock.advance(1_000);
        }
        const ids = async (page: number, pageSize: number, scope?: string[]) => {
          const result = await repos.organizations.list({ page, pageSize, ids: scope });
          return { ids: result.items.map((item) => item.id), total: result.total };
        };
        assert.deepEqual(await ids(1, 2), { ids: ['org-a', 'org-b'], total: 5 });
        assert.deepEqual(await ids(2, 2), { ids: ['org-c', 'org-e'], total: 5 });
        assert.deepEqual(await ids(3, 2), { ids: ['org-d'], total: 5 });
        assert.deepEqual(await ids(4, 2), { ids: [], total: 5 });
        assert.deepEqual(await ids(1, 10, ['org-d', 'org-a', 'org-zz']), { ids: ['org-a', 'org-d'], total: 2 });
        assert.deepEqual(await ids(1, 10, []), { ids: [], total: 0 }, 'an empty scope shows nothing');
        await assert.rejects(repos.organizations.list({ page: 0, pageSize: 10 }), RangeError);
        await assert.rejects(repos.organizations.list({ page: 1, pageSize: 100_000 }), RangeError);
      });
    });

    it('lists teams by organization, by id and by what a caller may see', async () => {
      await withRepositories(target, async ({ repos }) => {
        for (const id of ['org-1', 'org-2']) await repos.organizations.create({ id });
        await repos.teams.create({ id: 't1', organizationId: 'org-1' });
        await repos.teams.create({ id: 't2', organizationId: 'org-1' });
        await repos.teams.create({ id: 't3', organizationId: 'org-2' });
        await repos.teams.create({ id: 't4' });
        await repos.users.create({ id: 'u1', role: 'internal_user' });
        await repos.teams.addMember('t4', 'u1', 'user');
        const teamIds = async (query: Parameters<typeof repos.teams.list>[0]) => (await repos.teams.list(query)).items.map((team) => team.id);
        const page = { page: 1, pageSize: 50 };
        assert.deepEqual(await teamIds({ ...page, organizationIds: ['org-1'] }), ['t1', 't2']);
        assert.deepEqual(await teamIds({ ...page, organizationIds: ['org-1'], ids: ['t2', 't3'] }), ['t2']);
        assert.deepEqual(await teamIds({ ...page, visibleTo: { organizationIds: ['org-2'], userIds: ['u1'] } }), ['t3', 't4']);
        assert.deepEqual(await teamIds({ ...page, visibleTo: { teamIds: ['t1'] } }), ['t1']);
        assert.deepEqual(await teamIds({ ...page, visibleTo: {} }), []);
        assert.equal((await repos.teams.list({ ...page, organizationIds: ['org-1'] })).total, 2);
      });
    });

    it("stores a user's IP allowlist (null by default) and hands it out with the user's keys", async () => {
      await withRepositories(target, async ({ repos }) => {
        assert.equal((await repos.users.create({ id: 'u-open', role: 'internal_user' })).allowedIps, null);
        const fenced = await repos.users.create({ id: 'u-fenced', role: 'internal_user', allowedIps: ['10.0.0.0/8', '2001:db8::/32'] });
        assert.deepEqual((await repos.users.get('u-fenced'))?.allowedIps, ['10.0.0.0/8', '2001:db8::/32']);
        await repos.virtualKeys.create({ keyHash: 'fenced-user-hash', displayName: 'sk-...user', userId: fenced.id });
        assert.deepEqual((await repos.virtualKeys.findByHash('fenced-user-hash', new Date()))?.user?.allowedIps, ['10.0.0.0/8', '2001:db8::/32']);
        assert.deepEqual((await repos.users.update('u-fenced', { email: 'f@example.com' }))?.allowedIps, ['10.0.0.0/8', '2001:db8::/32']);
        assert.equal((await repos.users.update('u-fenced', { allowedIps: null }))?.allowedIps, null);
        assert.equal((await repos.virtualKeys.findByHash('fenced-user-hash', new Date()))?.user?.allowedIps, null);
      });
    });

    it('loads the members of many teams in one query, as listMembers orders them', async () => {
      await withRepositories(target, async ({ store, repos, clock }) => {
        const teamIds = Array.from({ length: 60 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
        for (const id of ['u-a', 'u-b', 'u-c']) await repos.users.create({ id, role: 'internal_user', email: `${id}@example.com` });
        for (const [i, id] of teamIds.entries()) {
          await repos.teams.create({ id });
          if (i % 3 === 0) continue;
          await repos.teams.addMember(id, i % 2 === 0 ? 'u-c' : 'u-a', 'admin');
          clock.advance(1_000);
          await repos.teams.addMember(id, 'u-b', 'user');
        }
        let queries = 0;
        const counting = { ...store, db: store.db.withPlugin({
          transformQuery: (args) => ((queries += 1), args.node),
          transformResult: (args) => Promise.resolve(args.result),
        }) };
        const members = await createTeamRepository(counting).membersOfTeams([...teamIds, 'team-missing']);
        assert.equal(queries, 1, 'one query whatever the number of teams');
        assert.deepEqual([...members.keys()], [...teamIds, 'team-missing']);
        assert.deepEqual(members.get('team-00'), []);
        assert.deepEqual(members.get('team-missing'), []);
        assert.deepEqual(members.get('team-01')?.map((m) => [m.user.id, m.user.email, m.role]), [['u-a', 'u-a@example.com', 'admin'], ['u-b', 'u-b@example.com', 'user']]);
        assert.deepEqual(members.get('team-02')?.map((m) => [m.user.id, m.role]), [['u-c', 'admin'], ['u-b', 'user']]);
        for (const id of teamIds) assert.deepEqual(members.get(id), await repos.teams.listMembers(id), id);
        queries = 0;
        assert.deepEqual(await createTeamRepository(counting).membersOfTeams([]), new Map());
        assert.equal(queries, 0);
      });
    });

    it('adds, re-roles, lists and removes team and organization members', async () => {
      await withRepositories(target, async ({ repos, clock }) => {
        await repos.organizations.create({ id: 'org-1', alias: 'One' });
        await repos.teams.create({ id: 't1', alias: 'Platform', organizationId: 'org-1' });
        await repos.users.create({ id: 'u1', role: 'internal_user', email: 'u1@example.com' });
        await repos.users.create({ id: 'u2', role: 'internal_user' });
        const added = await repos.teams.addMember('t1', 'u1', 'user');
        assert.deepEqual(added, { teamId: 't1', userId: 'u1', role: 'user', createdAt: '2026-03-10T12:00:00.000Z' });
        clock.advance(1_000);
        await repos.teams.addMember('t1', 'u2', 'user');
        const promoted = await repos.teams.addMember('t1', 'u1', 'admin');
        assert.deepEqual(promoted, { ...added, role: 'admin' }, 're-adding changes the role and keeps the join time');
        const members = await repos.teams.listMembers('t1');
        assert.deepEqual(members.map((member) => [member.user.id, member.user.email, member.role]), [
          ['u1', 'u1@example.com', 'admin'],
          ['u2', null, 'user'],
        ]);
        const teams = await repos.teams.teamsOfUser('u1');
        assert.deepEqual(teams.map((entry) => [entry.team.alias, entry.role]), [['Platform', 'admin']]);
        assert.equal(await repos.teams.removeMember('t1', 'u1'), true);
        assert.equal(await repos.teams.removeMember('t1', 'u1'), false);
        assert.deepEqual((await repos.teams.listMembers('t1')).map((member) => member.user.id), ['u2']);

        await repos.organizationMemberships.add('org-1', 'u2', 'internal_user_viewer');
        await repos.organizationMemberships.add('org-1', 'u2', 'org_admin');
        const orgs = await repos.organizationMemberships.organizationsOfUser('u2');
        assert.deepEqual(orgs.map((entry) => [entry.organization.alias, entry.role]), [['One', 'org_admin']]);
        assert.deepEqual((await repos.organizationMemberships.list('org-1')).map((member) => [member.user.id, member.role]), [['u2', 'org_admin']]);
        // Permission checks load every membership of a user through their own seam.
        const lookup: MembershipLookup = repos.users;
        assert.deepEqual(await lookup.membershipsOf('u2'), {
          organizations: [{ organizationId: 'org-1', userId: 'u2', role: 'org_admin', createdAt: '2026-03-10T12:00:01.000Z' }],
          teams: [{ teamId: 't1', userId: 'u2', role: 'user', createdAt: '2026-03-10T12:00:01.000Z' }],
        });
        assert.deepEqual(await lookup.membershipsOf('nobody'), { organizations: [], teams: [] });
        assert.equal(await repos.organizationMemberships.remove('org-1', 'u2'), true);
        assert.deepEqual(await repos.organizationMemberships.list('org-1'), []);
      });
    });

    it('finds users by email in any case and lists them by organization, team and scope', async () => {
      await withRepositories(target, async ({ repos }) => {
        await repos.organizations.create({ id: 'org-1' });
        await repos.teams.create({ id: 't1', organizationId: 'org-1' });
        await repos.teams.create({ id: 't2' });
        for (const id of ['u1', 'u2', 'u3', 'u4']) await repos.users.create({ id, role: 'internal_user', email: `${id}@Example.com` });
        await repos.organizationMemberships.add('org-1', 'u1', 'internal_user');
        await repos.teams.addMember('t1', 'u2', 'user');
        await repos.teams.addMember('t2', 'u3', 'user');
        assert.equal((await repos.users.getByEmail('U3@EXAMPLE.COM'))?.id, 'u3');
        assert.equal(await repos.users.getByEmail('nobody@example.com'), null);
        const userIds = async (query: Parameters<typeof repos.users.list>[0]) => (await repos.users.list(query)).items.map((user) => user.id);
        const page = { page: 1, pageSize: 50 };
        assert.deepEqual(await userIds({ ...page, organizationIds: ['org-1'] }), ['u1', 'u2'], 'direct members and members of its teams');
        assert.deepEqual(await userIds({ ...page, teamIds: ['t2'] }), ['u3']);
        assert.deepEqual(await userIds({ ...page, organizationIds: ['org-1'], ids: ['u2', 'u3'] }), ['u2']);
        assert.deepEqual(await userIds({ ...page, visibleTo: { teamIds: ['t2'], userIds: ['u4'] } }), ['u3', 'u4']);
        assert.deepEqual(await userIds({ ...page, visibleTo: { organizationIds: [] } }), []);
        assert.equal((await repos.users.list({ page: 2, pageSize: 3 })).total, 4);
      });
    });

    it('deletes a user with their memberships and keys, and a team with its keys', async () => {
      await withRepositories(target, async ({ repos }) => {
        await repos.organizations.create({ id: 'org-1' });
        await repos.teams.create({ id: 't1', organizationId: 'org-1' });
        await repos.users.create({ id: 'u1', role: 'internal_user' });
        await repos.users.create({ id: 'u2', role: 'internal_user' });
        await repos.teams.addMember('t1', 'u1', 'admin');
        await repos.organizationMemberships.add('org-1', 'u1', 'org_admin');
        const own = await repos.virtualKeys.create({ keyHash: 'h-own', displayName: 'sk-...0001', userId: 'u1' });
        const teamKey = await repos.virtualKeys.create({ keyHash: 'h-team', displayName: 'sk-...0002', userId: 'u1', teamId: 't1' });
        const othersKey = await repos.virtualKeys.create({ keyHash: 'h-other', displayName: 'sk-...0003', userId: 'u2', teamId: 't1' });

        const deleted = await repos.users.delete('u1');
        assert.equal(deleted.deleted, true);
        assert.deepEqual([...deleted.deletedKeyIds].sort(), [own.id, teamKey.id].sort());
        assert.equal(await repos.users.get('u1'), null);
        assert.deepEqual(await repos.teams.listMembers('t1'), []);
        assert.deepEqual(await repos.organizationMemberships.list('org-1'), []);
        assert.equal(await repos.virtualKeys.get(own.id), null);
        assert.notEqual(await repos.virtualKeys.get(othersKey.id), null);
        assert.deepEqual(await repos.users.delete('u1'), { deleted: false, deletedKeyIds: [] });

        await repos.teams.addMember('t1', 'u2', 'user');
        assert.deepEqual(await repos.teams.delete('t1'), { deleted: true, deletedKeyIds: [othersKey.id] });
        assert.equal(await repos.virtualKeys.get(othersKey.id), null);
        assert.deepEqual(await repos.teams.teamsOfUser('u2'), []);
        assert.notEqual(await repos.users.get('u2'), null);
      });
    });
  });
}
