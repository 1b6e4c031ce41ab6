// The usage and budget repositories on one dialect: batches count each request once, add to the
// daily aggregates and to spend (also when written concurrently), logs and reports filter and
// group, budgets reset on schedule, and no table has anywhere to put prompt or response content.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { UsageRecord } from '../../src/store/records.js';
import type { UsageSink } from '../../src/usage/usage-recorder.js';
import type { StoreTarget } from './store-contract.js';
import { withRepositories } from './repository-fixture.js';
import type { RepositoryFixture } from './repository-fixture.js';

export function usage(requestId: string, fields: Partial<UsageRecord> = {}): UsageRecord {
  return {
    requestId,
    startedAt: '2026-03-10T12:00:00.000Z',
    endedAt: '2026-03-10T12:00:01.500Z',
    keyId: 'key-1',
    userId: 'u1',
    teamId: 't1',
    organizationId: 'org-1',
    route: '/v1/chat/completions',
    modelGroup: 'gpt-4o',
    deploymentId: 'gpt-4o-eu',
    provider: 'openai',
    region: 'eu',
    promptTokens: 100,
    completionTokens: 20,
    cachedTokens: 10,
    totalTokens: 120,
    costUsd: 0.25,
    latencyMs: 1500,
    ttftMs: 300,
    stream: true,
    status: 'success',
    httpStatus: 200,
    errorCode: null,
    ...fields,
  };
}

async function seedOwners({ repos }: RepositoryFixture): Promise<void> {
  await repos.organizations.create({ id: 'org-1' });
  await repos.teams.create({ id: 't1', organizationId: 'org-1' });
  await repos.users.create({ id: 'u1', role: 'internal_user' });
  await repos.virtualKeys.create({ id: 'key-1', keyHash: 'hash-1', displayName: 'sk-...0001', userId: 'u1', teamId: 't1' });
  await repos.virtualKeys.create({ id: 'key-2', keyHash: 'hash-2', displayName: 'sk-...0002', userId: 'u1' });
}

async function spends({ repos }: RepositoryFixture): Promise<Record<string, number | undefined>> {
  return {
    organization: (await repos.organizations.get('org-1'))?.spend,
    team: (await repos.teams.get('t1'))?.spend,
    user: (await repos.users.get('u1'))?.spend,
    key1: (await repos.virtualKeys.get('key-1'))?.spend,
    key2: (await repos.virtualKeys.get('key-2'))?.spend,
  };
}

const wholeMarch = { startAt: '2026-03-01', endAt: '2026-03-31' };

export function describeUsageContract(name: string, target: StoreTarget): void {
  describe(`usage and budget repositories: ${name}`, { skip: target.skip }, () => {
    after(() => target.cleanUp());

    it('writes a batch once: repeated request ids add nothing to rows, aggregates or spend', async () => {
      await withRepositories(target, async (fixture) => {
        await seedOwners(fixture);
        const { repos } = fixture;
        // The usage recorder writes through its own seam; the repository is what fills it.
        const sink: UsageSink = repos.usage;
        const first = [usage('r1'), usage('r2', { status: 'error', httpStatus: 502, errorCode: 'upstream_error', costUsd: 0 }), usage('r1')];
        assert.deepEqual(await sink.writeBatch(first), { inserted: 2, duplicates: 1 });
        assert.deepEqual(await repos.usage.writeBatch([usage('r2'), usage('r3', { keyId: 'key-2', teamId: null, costUsd: 1 })]), {
          inserted: 1,
          duplicates: 1,
        });
        assert.deepEqual(await repos.usage.writeBatch([]), { inserted: 0, duplicates: 0 });
        await assert.rejects(repos.usage.writeBatch([usage('r9', { costUsd: Number.NaN })]), /r9: costUsd is NaN/);

        assert.deepEqual(await spends(fixture), { organization: 1.25, team: 0.25, user: 1.25, key1: 0.25, key2: 1 });
        const logs = await repos.usage.listLogs({ page: 1, pageSize: 10 });
        assert.equal(logs.total, 3);
        assert.deepEqual(logs.items.find((record) => record.requestId === 'r1'), usage('r1'));
        assert.deepEqual(await repos.usage.report({ ...wholeMarch, groupBy: 'day' }), [
          { group: '2026-03-10', requests: 3, errors: 1, promptTokens: 300, completionTokens: 60, cachedTokens: 30, totalTokens: 360, costUsd: 1.25 },
        ]);
      });
    });

    it('adds every request of concurrent batches exactly once', async () => {
      await withRepositories(target, async (fixture) => {
        await seedOwners(fixture);
        const { repos } = fixture;
        // Eight batches of ten, each sharing five request ids with the next: 45 distinct requests.
        const batches = Array.from({ length: 8 }, (_, batch) =>
          Array.from({ length: 10 }, (_, index) => usage(`r${String(batch * 5 + index).padStart(3, '0')}`, { costUsd: 0.5 })),
        );
        const results = await Promise.all(batches.map((batch) => repos.usage.writeBatch(batch)));
        assert.equal(results.reduce((sum, result) => sum + result.inserted, 0), 45);
        assert.deepEqual(await spends(fixture), { organization: 22.5, team: 22.5, user: 22.5, key1: 22.5, key2: 0 });
        const [daily] = await repos.usage.report({ ...wholeMarch, groupBy: 'key' });
        assert.deepEqual(daily, {
          group: 'key-1',
          requests: 45,
          errors: 0,
          promptTokens: 4500,
          completionTokens: 900,
          cachedTokens: 450,
          totalTokens: 5400,
          costUsd: 22.5,
        });
      });
    });

    it('lists usage logs newest first with filters, a time window and pages', async () => {
      await withRepositories(target, async (fixture) => {
        await seedOwners(fixture);
        const { repos } = fixture;
        await repos.usage.writeBatch([
          usage('r1', { startedAt: '2026-03-10T10:00:00.000Z' }),
          usage('r2', { startedAt: '2026-03-10T11:00:00.000Z', keyId: 'key-2', teamId: null }),
          usage('r3', { startedAt: '2026-03-10T12:00:00.000Z', organizationId: null, teamId: null, userId: null, keyId: null }),
          usage('r4', { startedAt: '2026-03-10T12:00:00.000Z' }),
        ]);
        const ids = async (query: Partial<Parameters<typeof repos.usage.listLogs>[0]>) =>
          (await repos.usage.listLogs({ page: 1, pageSize: 10, ...query })).items.map((record) => record.requestId);
        assert.deepEqual(await ids({}), ['r4', 'r3', 'r2', 'r1']);
        assert.deepEqual(await ids({ keyId: 'key-2' }), ['r2']);
        assert.deepEqual(await ids({ teamId: 't1', userId: 'u1' }), ['r4', 'r1']);
        assert.deepEqual(await ids({ organizationIds: ['org-1'] }), ['r4', 'r2', 'r1']);
        assert.deepEqual(await ids({ organizationIds: [] }), []);
        assert.deepEqual(await ids({ requestId: 'r3' }), ['r3']);
        assert.deepEqual(await ids({ startAt: '2026-03-10T11:00:00Z', endAt: '2026-03-10T12:00:00Z' }), ['r2']);
        assert.deepEqual(await ids({ visibleTo: { userIds: ['nobody'], teamIds: ['t1'] } }), ['r4', 'r1']);
        const second = await repos.usage.listLogs({ page: 2, pageSize: 3 });
        assert.deepEqual({ ids: second.items.map((record) => record.requestId), total: second.total }, { ids: ['r1'], total: 4 });
      });
    });

    it('reports usage grouped by day, key, user, team, organization and model over whole days', async () => {
      await withRepositories(target, async (fixture) => {
        await seedOwners(fixture);
        const { repos } = fixture;
        await repos.usage.writeBatch([
          usage('r1', { startedAt: '2026-03-09T23:59:59.999Z', costUsd: 1 }),
          usage('r2', { startedAt: '2026-03-10T00:00:00.000Z', costUsd: 2, modelGroup: 'claude' }),
          usage('r3', { startedAt: '2026-03-10T08:00:00.000Z', costUsd: 4, keyId: 'key-2', teamId: null, status: 'cut' }),
          usage('r4', { startedAt: '2026-03-11T08:00:00.000Z', costUsd: 8, keyId: null, userId: null, teamId: null, organizationId: null }),
          usage('r5', { startedAt: '2026-02-28T08:00:00.000Z', costUsd: 16 }),
        ]);
        const groups = async (groupBy: Parameters<typeof repos.usage.report>[0]['groupBy'], extra = {}) =>
          (await repos.usage.report({ ...wholeMarch, groupBy, ...extra })).map((row) => [row.group, row.requests, row.costUsd]);
        assert.deepEqual(await groups('day'), [
          ['2026-03-09', 1, 1],
          ['2026-03-10', 2, 6],
          ['2026-03-11', 1, 8],
        ]);
        assert.deepEqual(await groups('key'), [[null, 1, 8], ['key-2', 1, 4], ['key-1', 2, 3]]);
        assert.deepEqual(await groups('user'), [[null, 1, 8], ['u1', 3, 7]]);
        assert.deepEqual(await groups('team'), [[null, 2, 12], ['t1', 2, 3]]);
        assert.deepEqual(await groups('organization'), [[null, 1, 8], ['org-1', 3, 7]]);
        assert.deepEqual(await groups('model'), [['gpt-4o', 3, 13], ['claude', 1, 2]]);
        assert.deepEqual(await groups('day', { startAt: '2026-03-10T23:00:00Z', endAt: new Date('2026-03-10T01:00:00Z') }), [['2026-03-10', 2, 6]]);
        assert.deepEqual(await groups('model', { organizationIds: ['org-1'], keyIds: ['key-1'] }), [['claude', 1, 2], ['gpt-4o', 1, 1]]);
        assert.deepEqual(await groups('key', { visibleTo: { userIds: ['u1'] }, teamIds: ['t1'] }), [['key-1', 2, 3]]);
        assert.deepEqual(await groups('day', { organizationIds: [] }), []);
        const [day] = await repos.usage.report({ startAt: '2026-03-10', endAt: '2026-03-10', groupBy: 'day' });
        assert.equal(day?.errors, 0, 'a stream the client cut short is not an error');
        assert.equal(typeof day?.totalTokens, 'number');
      });
    });

    it('breaks usage down by several groupings at once, ordered by them, with the same filters', async () => {
      await withRepositories(target, async (fixture) => {
        await seedOwners(fixture);
        const { repos } = fixture;
        await repos.usage.writeBatch([
          usage('r1', { startedAt: '2026-03-10T01:00:00.000Z', costUsd: 1 }),
          usage('r2', { startedAt: '2026-03-10T02:00:00.000Z', costUsd: 2, modelGroup: 'claude', status: 'error', httpStatus: 502 }),
          usage('r3', { startedAt: '2026-03-10T03:00:00.000Z', costUsd: 4 }),
          usage('r4', { startedAt: '2026-03-10T04:00:00.000Z', costUsd: 8, keyId: 'key-2', teamId: null }),
          usage('r5', { startedAt: '2026-03-09T04:00:00.000Z', costUsd: 16, keyId: null, userId: null, teamId: null, organizationId: null }),
          usage('r6', { startedAt: '2026-04-01T00:00:00.000Z', costUsd: 32 }),
        ]);
        const rows = await repos.usage.breakdown({ ...wholeMarch, groupBy: ['day', 'key', 'team', 'model'] });
        assert.deepEqual(rows.map((row) => [row.groups.day, row.groups.key, row.groups.team, row.groups.model, row.requests, row.errors, row.costUsd]), [
          ['2026-03-09', null, null, 'gpt-4o', 1, 0, 16],
          ['2026-03-10', 'key-1', 't1', 'claude', 1, 1, 2],
          ['2026-03-10', 'key-1', 't1', 'gpt-4o', 2, 0, 5],
          ['2026-03-10', 'key-2', null, 'gpt-4o', 1, 0, 8],
        ]);
        assert.deepEqual(Object.keys(rows[0]?.groups ?? {}), ['day', 'key', 'team', 'model']);
        assert.deepEqual(rows[2], {
          groups: { day: '2026-03-10', key: 'key-1', team: 't1', model: 'gpt-4o' },
          requests: 2, errors: 0, promptTokens: 200, completionTokens: 40, cachedTokens: 20, totalTokens: 240, costUsd: 5,
        });
        const pairs = async (query: Partial<Parameters<typeof repos.usage.report>[0]>) =>
          (await repos.usage.breakdown({ ...wholeMarch, ...query, groupBy: ['model', 'user'] })).map((row) => [row.groups.model, row.groups.user, row.costUsd]);
        assert.deepEqual(await pairs({}), [['claude', 'u1', 2], ['gpt-4o', null, 16], ['gpt-4o', 'u1', 13]]);
        assert.deepEqual(await pairs({ keyIds: ['key-2'] }), [['gpt-4o', 'u1', 8]]);
        assert.deepEqual(await pairs({ teamIds: ['t1'], userIds: ['u1'] }), [['claude', 'u1', 2], ['gpt-4o', 'u1', 5]]);
        assert.deepEqual(await pairs({ visibleTo: { organizationIds: ['org-1'] } }), [['claude', 'u1', 2], ['gpt-4o', 'u1', 13]]);
        assert.deepEqual(await pairs({ visibleTo: {} }), []);
        assert.deepEqual(await pairs({ startAt: '2026-03-09T23:00:00Z', endAt: '2026-03-09T01:00:00Z' }), [['gpt-4o', null, 16]]);
        await assert.rejects(repos.usage.breakdown({ ...wholeMarch, groupBy: [] }), RangeError);
      });
    });

    it('resets due budgets to zero, moves their period on by whole periods, and only once', async () => {
      await withRepositories(target, async (fixture) => {
        await seedOwners(fixture);
        const { repos } = fixture;
        await repos.organizations.update('org-1', { budgetDuration: '1mo', budgetResetAt: '2026-01-31T00:00:00.000Z' });
        await repos.teams.update('t1', { budgetDuration: '1d', budgetResetAt: '2026-03-07T06:00:00.000Z' });
        await repos.users.update('u1', { budgetDuration: '30d', budgetResetAt: '2026-04-01T00:00:00.000Z' });
        await repos.virtualKeys.update('key-1', { budgetDuration: null, budgetResetAt: '2026-03-01T00:00:00.000Z' });
        await repos.usage.writeBatch([usage('r1', { costUsd: 3 })]);

        const now = new Date('2026-03-10T12:00:00.000Z');
        const resets = await repos.budgets.resetDueBudgets(now);
        assert.deepEqual(
          [...resets].sort((a, b) => a.kind.localeCompare(b.kind)),
          [
            { kind: 'key', id: 'key-1', budgetResetAt: null },
            { kind: 'organization', id: 'org-1', budgetResetAt: '2026-03-31T00:00:00.000Z' },
            { kind: 'team', id: 't1', budgetResetAt: '2026-03-11T06:00:00.000Z' },
          ],
        );
        assert.deepEqual(await spends(fixture), { organization: 0, team: 0, user: 3, key1: 0, key2: 0 });
        assert.equal((await repos.users.get('u1'))?.budgetResetAt, '2026-04-01T00:00:00.000Z');
        assert.deepEqual(await repos.budgets.resetDueBudgets(now), [], 'nothing is due twice');
      });
    });

    it('has no column that could hold prompt or response content or a raw key', async () => {
      await withRepositories(target, async ({ store }) => {
        const forbidden = /content|message|prompt(?!_tokens$)|completion(?!_tokens$)|response|body|text|input|output|raw|plain|secret_key|api_key/i;
        const tables = await store.db.introspection.getTables();
        const usageTable = tables.find((table) => table.name === 'gatehouse_usage_records');
        assert.ok(usageTable?.columns.some((column) => column.name === 'prompt_tokens'), 'the check sees the usage columns');
        const offending = tables.flatMap((table) =>
          table.columns.filter((column) => forbidden.test(column.name)).map((column) => `${table.name}.${column.name}`),
        );
        assert.deepEqual(offending, []);
      });
    });
  });
}
