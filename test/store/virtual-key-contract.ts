// The virtual key and stored model repositories on one dialect: keys round-trip, list within a
// scope, and are found by hash with their user, team and organisation, including a rotated
// secret's grace period and its end.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { KeyLookup } from '../../src/auth/key-lookup.js';
import type { StoreTarget } from './store-contract.js';
import { withRepositories } from './repository-fixture.js';
import type { RepositoryFixture } from './repository-fixture.js';

async function seedTenancy({ repos }: RepositoryFixture): Promise<void> {
  await repos.organizations.create({ id: 'org-1', alias: 'One', maxBudget: 100 });
  await repos.organizations.create({ id: 'org-2', alias: 'Two' });
  await repos.teams.create({ id: 't1', alias: 'Platform', organizationId: 'org-1' });
  await repos.teams.create({ id: 't2', alias: 'Loose' });
  await repos.users.create({ id: 'u1', role: 'internal_user', email: 'u1@example.com' });
  await repos.users.create({ id: 'u2', role: 'internal_user' });
  await repos.teams.addMember('t1', 'u1', 'admin');
  await repos.organizationMemberships.add('org-1', 'u1', 'internal_user');
}

export function describeVirtualKeyContract(name: string, target: StoreTarget): void {
  describe(`virtual key and model repositories: ${name}`, { skip: target.skip }, () => {
    after(() => target.cleanUp());

    it('round-trips a key, finds it by alias, and deletes only keys that exist', async () => {
      await withRepositories(target, async (fixture) => {
        await seedTenancy(fixture);
        const { repos, clock } = fixture;
        const key = await repos.virtualKeys.create({
          id: 'key-1',
          keyHash: 'a'.repeat(64),
          displayName: 'sk-...wxyz',
          alias: 'ci-bot',
          userId: 'u1',
          teamId: 't1',
          models: ['gpt-4o'],
          allowedRoutes: ['/v1/chat/completions', 'llm_api_routes'],
          allowedRegions: ['eu', 'us'],
          metadata: { purpose: 'ci' },
          expiresAt: '2026-06-01T00:00:00Z',
          maxBudget: 5,
          rpmLimit: 10,
          createdBy: 'u1',
        });
        assert.equal(key.expiresAt, '2026-06-01T00:00:00.000Z', 'times are stored in one ISO-8601 form');
        assert.deepEqual(await repos.virtualKeys.get('key-1'), key);
        assert.deepEqual(await repos.virtualKeys.getByAlias('ci-bot'), key);
        assert.equal(await repos.virtualKeys.getByAlias('nope'), null);

        clock.advance(5_000);
        const blocked = await repos.virtualKeys.update('key-1', { blocked: true, alias: null, spend: 1.25 });
        assert.deepEqual(blocked, { ...key, blocked: true, alias: null, spend: 1.25, updatedAt: '2026-03-10T12:00:05.000Z' });

        const other = await repos.virtualKeys.create({ keyHash: 'b'.repeat(64), displayName: 'sk-...abcd' });
        assert.deepEqual((await repos.virtualKeys.delete(['key-1', 'key-missing', other.id])).sort(), ['key-1', other.id].sort());
        assert.deepEqual(await repos.virtualKeys.delete([]), []);
        assert.equal(await repos.virtualKeys.get('key-1'), null);
      });
    });

    it('lists keys by user, team, organization (their own or their team’s) and caller scope', async () => {
      await withRepositories(target, async (fixture) => {
        await seedTenancy(fixture);
        const { repos, clock } = fixture;
        const make = async (id: string, fields: { userId?: string; teamId?: string; organizationId?: string }) => {
          await repos.virtualKeys.create({ id, keyHash: `hash-${id}`, displayName: `sk-...${id}`, ...fields });
          clock.advance(1_000);
        };
        await make('k-team', { userId: 'u1', teamId: 't1' });
        await make('k-org', { organizationId: 'org-2' });
        await make('k-user', { userId: 'u2' });
        await make('k-loose-team', { userId: 'u2', teamId: 't2' });
        const keyIds = async (query: Parameters<typeof repos.virtualKeys.list>[0]) =>
          (await repos.virtualKeys.list(query)).items.map((key) => key.id);
        const page = { page: 1, pageSize: 50 };
        assert.deepEqual(await keyIds(page), ['k-team', 'k-org', 'k-user', 'k-loose-team']);
        assert.deepEqual(await keyIds({ ...page, userId: 'u2' }), ['k-user', 'k-loose-team']);
        assert.deepEqual(await keyIds({ ...page, teamId: 't2' }), ['k-loose-team']);
        assert.deepEqual(await keyIds({ ...page, organizationIds: ['org-1'] }), ['k-team'], 'a team key lies in its team’s organization');
        assert.deepEqual(await keyIds({ ...page, organizationIds: ['org-1', 'org-2'], userId: 'u1' }), ['k-team']);
        assert.deepEqual(await keyIds({ ...page, teamIds: [] }), []);
        assert.deepEqual(await keyIds({ ...page, visibleTo: { organizationIds: ['org-2'], teamIds: ['t2'] } }), ['k-org', 'k-loose-team']);
        assert.deepEqual(await keyIds({ ...page, visibleTo: { userIds: ['u1'] } }), ['k-team']);
        const second = await repos.virtualKeys.list({ page: 2, pageSize: 3 });
        assert.deepEqual({ ids: second.items.map((key) => key.id), total: second.total }, { ids: ['k-loose-team'], total: 4 });
      });
    });

    it('finds a key by hash with its user, team, organization and roles in one lookup', async () => {
      await withRepositories(target, async (fixture) => {
        await seedTenancy(fixture);
        const { repos, clock } = fixture;
        const key = await repos.virtualKeys.create({ id: 'key-1', keyHash: 'current-hash', displayName: 'sk-...1111', userId: 'u1', teamId: 't1' });
        const found = await repos.virtualKeys.findByHash('current-hash', clock.now());
        // Authentication reads keys through its own seam; the repository is what fills it.
        const lookup: KeyLookup = repos.virtualKeys;
        assert.deepEqual(await lookup.findByHash('current-hash', clock.now()), found);
        assert.deepEqual(found?.key, key);
        assert.equal(found?.matched, 'current');
        assert.deepEqual(found?.user, await repos.users.get('u1'));
        assert.deepEqual(found?.team, await repos.teams.get('t1'));
        assert.deepEqual(found?.organization, await repos.organizations.get('org-1'), 'the team’s organization');
        assert.equal(found?.teamRole, 'admin');
        assert.equal(found?.organizationRole, 'internal_user');
        assert.equal(await repos.virtualKeys.findByHash('unknown-hash', clock.now()), undefined);

        const bare = await repos.virtualKeys.create({ keyHash: 'bare-hash', displayName: 'sk-...2222', userId: 'u2', organizationId: 'org-2' });
        assert.deepEqual(await repos.virtualKeys.findByHash('bare-hash', clock.now()), {
          key: bare,
          matched: 'current',
          user: await repos.users.get('u2'),
          team: null,
          organization: await repos.organizations.get('org-2'),
          teamRole: null,
          organizationRole: null,
        });
      });
    });

    it('accepts a rotated key’s previous hash until its grace period ends', async () => {
      await withRepositories(target, async (fixture) => {
        await seedTenancy(fixture);
        const { repos, clock } = fixture;
        await repos.virtualKeys.create({ id: 'key-1', keyHash: 'old-hash', displayName: 'sk-...old1', userId: 'u1' });
        await repos.virtualKeys.update('key-1', {
          keyHash: 'new-hash',
          displayName: 'sk-...new1',
          previousKeyHash: 'old-hash',
          previousKeyExpiresAt: '2026-03-10T13:00:00.000Z',
        });
        assert.equal((await repos.virtualKeys.findByHash('new-hash', clock.now()))?.matched, 'current');
        const viaOld = await repos.virtualKeys.findByHash('old-hash', clock.now());
        assert.equal(viaOld?.key.id, 'key-1');
        assert.equal(viaOld?.matched, 'previous');
        assert.equal(viaOld?.user?.id, 'u1');
        assert.notEqual(await repos.virtualKeys.findByHash('old-hash', new Date('2026-03-10T12:59:59.999Z')), undefined);
        assert.equal(await repos.virtualKeys.findByHash('old-hash', new Date('2026-03-10T13:00:00.000Z')), undefined, 'the grace period has ended');
        assert.notEqual(await repos.virtualKeys.findByHash('new-hash', new Date('2026-03-10T13:00:00.000Z')), undefined);
      });
    });

    it('stores models added through the API and lists them', async () => {
      await withRepositories(target, async ({ repos, clock }) => {
        const model = await repos.storedModels.create({
          modelName: 'gpt-4o',
          litellmParams: { model: 'openai/gpt-4o', api_base: 'https://api.openai.com/v1' },
          encryptedSecrets: 'v1.nonce.ciphertext',
          modelInfo: { mode: 'chat' },
          createdBy: 'admin',
        });
        assert.deepEqual(await repos.storedModels.get(model.id), model);
        clock.advance(1_000);
        const other = await repos.storedModels.create({ id: 'm-2', modelName: 'claude' });
        assert.deepEqual(other.litellmParams, {});
        const updated = await repos.storedModels.update(model.id, { modelInfo: { mode: 'chat', max_tokens: 4096 }, encryptedSecrets: null });
        const modelInfo = { mode: 'chat', max_tokens: 4096 };
        assert.deepEqual(updated, { ...model, modelInfo, encryptedSecrets: null, updatedAt: '2026-03-10T12:00:01.000Z' });
        assert.deepEqual((await repos.storedModels.listAll()).map((entry) => entry.modelName), ['gpt-4o', 'claude']);
        const claude = await repos.storedModels.list({ page: 1, pageSize: 10, modelName: 'claude' });
        assert.deepEqual({ names: claude.items.map((entry) => entry.id), total: claude.total }, { names: ['m-2'], total: 1 });
        assert.equal(await repos.storedModels.delete('m-2'), true);
        assert.equal(await repos.storedModels.delete('m-2'), false);
        assert.equal((await repos.storedModels.list({ page: 1, pageSize: 10 })).total, 1);
      });
    });
  });
}
