// The spend routes over HTTP, on usage rows written straight to the store: LiteLLM's SpendLogs and
// spend report shapes with key ids (never secrets or hashes), Gatehouse's summaries as JSON and as
// CSV that a spreadsheet cannot turn into formulas, all limited to what the caller may read; on
// SQLite and on PostgreSQL (a named skip when PostgreSQL is not reachable outside CI).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UsageRecord } from '../../src/store/records.js';
import type { TestGatehouse } from '../e2e/harness.js';
import { createTestDatabase, postgresSkipReason } from '../store/postgres-test-database.js';
import { adminClient, expectStatus, openAdminGatehouse, type AdminClient } from './admin-client.js';

const range = { start_date: '2026-01-01', end_date: '2026-01-31' };

function usage(fields: Partial<UsageRecord> & Pick<UsageRecord, 'requestId' | 'startedAt' | 'costUsd'>): UsageRecord {
  return {
    endedAt: fields.startedAt, keyId: null, userId: null, teamId: null, organizationId: null, route: '/v1/chat/completions',
    modelGroup: 'mock-gpt', deploymentId: null, provider: 'mock', region: null, promptTokens: 10, completionTokens: 5, cachedTokens: 0,
    totalTokens: 15, latencyMs: 20, ttftMs: null, stream: false, status: 'success', httpStatus: 200, errorCode: null, ...fields,
  };
}

/** Run on both stores: the reports read the daily aggregates with their own query. */
async function openStore(dialect: 'sqlite' | 'postgres'): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') return { env: {}, drop: async () => undefined };
  const database = await createTestDatabase();
  return { env: { DATABASE_URL: database.url }, drop: () => database.drop() };
}

for (const dialect of ['sqlite', 'postgres'] as const) describe(`spend routes (${dialect})`, { skip: dialect === 'postgres' && (await postgresSkipReason()) }, () => {
  let gh: TestGatehouse;
  let admin: AdminClient;
  let dropStore: () => Promise<void>;
  const keys: Record<string, { key: string; token: string }> = {};

  before(async () => {
    const store = await openStore(dialect);
    dropStore = store.drop;
    ({ gh, admin } = await openAdminGatehouse(undefined, { env: store.env }));
    for (const org of ['org-a', 'org-b']) expectStatus(await admin.post('/organization/new', { organization_id: org, organization_alias: org }), 200);
    expectStatus(await admin.post('/team/new', { team_id: 'team-a', team_alias: 'Team A', organization_id: 'org-a' }), 200);
    for (const [id, body] of [
      ['oa', { user_role: 'org_admin', organizations: ['org-a'] }],
      ['iu', { organizations: ['org-a'], teams: ['team-a'] }],
      ['iu2', { organizations: ['org-a'] }],
      ['ub', { organizations: ['org-b'] }],
    ] as const) {
      const answer = expectStatus(await admin.post('/user/new', { user_id: id, ...body }), 200);
      keys[id] = { key: answer.body.key as string, token: answer.body.token as string };
    }
    const owner = (id: string, organizationId: string, teamId: string | null = null): Partial<UsageRecord> => ({ keyId: keys[id]?.token ?? null, userId: id, organizationId, teamId });
    await gh.app.repos.usage.writeBatch([
      usage({ requestId: 'req-iu', startedAt: '2026-01-10T10:00:00.000Z', costUsd: 0.5, ...owner('iu', 'org-a', 'team-a') }),
      usage({ requestId: 'req-iu2', startedAt: '2026-01-11T10:00:00.000Z', costUsd: 0.25, modelGroup: 'mock-small', ...owner('iu2', 'org-a') }),
      usage({ requestId: 'req-ub', startedAt: '2026-01-12T10:00:00.000Z', costUsd: 2, status: 'error', httpStatus: 502, ...owner('ub', 'org-b') }),
      usage({ requestId: 'req-master', startedAt: '2026-01-12T11:00:00.000Z', costUsd: 1 }),
      usage({ requestId: 'req-formula', startedAt: '2026-01-13T11:00:00.000Z', costUsd: 0.125, teamId: '=HYPERLINK("http://x")' }),
    ]);
  });
  after(async () => {
    await gh.close();
    await dropStore();
  });

  const requestIds = (rows: Array<{ request_id: string }>): string[] => rows.map((r) => r.request_id).sort();

  it('lists spend logs in LiteLLM\'s shape, with key ids and no secrets or hashes', async () => {
    const answer = expectStatus(await admin.get('/spend/logs', range), 200);
    assert.deepEqual(requestIds(answer.body), ['req-formula', 'req-iu', 'req-iu2', 'req-master', 'req-ub']);
    const row = answer.body.find((r: { request_id: string }) => r.request_id === 'req-iu');
    assert.equal(row.api_key, keys['iu']?.token);
    assert.equal(row.spend, 0.5);
    assert.equal(row.total_tokens, 15);
    assert.equal(row.model_group, 'mock-gpt');
    assert.equal(row.user, 'iu');
    assert.equal(row.team_id, 'team-a');
    assert.equal(row.startTime, '2026-01-10T10:00:00.000Z');
    assert.equal(row.call_type, 'acompletion');
    assert.equal(answer.body.find((r: { request_id: string }) => r.request_id === 'req-ub').status, 'failure');
    const stored = await gh.app.repos.virtualKeys.get(keys['iu']?.token ?? '');
    assert.ok(stored !== null && !answer.text.includes(stored.keyHash) && !answer.text.includes(keys['iu']?.key ?? ''));
  });

  it('filters spend logs by key (secret or id), user, request and dates', async () => {
    const bySecret = expectStatus(await admin.get('/spend/logs', { api_key: keys['iu']?.key ?? '' }), 200);
    assert.deepEqual(requestIds(bySecret.body), ['req-iu']);
    const byId = expectStatus(await admin.get('/spend/logs', { api_key: keys['iu2']?.token ?? '' }), 200);
    assert.deepEqual(requestIds(byId.body), ['req-iu2']);
    assert.deepEqual(requestIds(expectStatus(await admin.get('/spend/logs', { user_id: 'ub' }), 200).body), ['req-ub']);
    assert.deepEqual(requestIds(expectStatus(await admin.get('/spend/logs', { request_id: 'req-master' }), 200).body), ['req-master']);
    const oneDay = expectStatus(await admin.get('/spend/logs', { start_date: '2026-01-12', end_date: '2026-01-12' }), 200);
    assert.deepEqual(requestIds(oneDay.body), ['req-master', 'req-ub']);
    assert.deepEqual(expectStatus(await admin.get('/spend/logs', { api_key: 'sk-' + 'Q'.repeat(43) }), 200).body, []);
  });

  it('shows organization admins their organization\'s spend and users their own', async () => {
    const ofOrgAdmin = expectStatus(await adminClient(gh, keys['oa']?.key ?? '').get('/spend/logs', range), 200);
    assert.deepEqual(requestIds(ofOrgAdmin.body), ['req-iu', 'req-iu2']);
    const ofUser = expectStatus(await adminClient(gh, keys['iu']?.key ?? '').get('/spend/logs', range), 200);
    assert.deepEqual(requestIds(ofUser.body), ['req-iu']);
    const asOther = expectStatus(await adminClient(gh, keys['ub']?.key ?? '').get('/spend/logs', { user_id: 'iu' }), 200);
    assert.deepEqual(asOther.body, []);
    const summary = expectStatus(await adminClient(gh, keys['oa']?.key ?? '').get('/spend/summary', { ...range, group_by: 'organization' }), 200);
    assert.deepEqual(summary.body.data.map((r: { group: string }) => r.group), ['org-a']);
    assert.equal(summary.body.data[0].spend, 0.75);
  });

  it('reports spend per day and team, per customer, and per key in LiteLLM\'s shapes', async () => {
    const byTeam = expectStatus(await admin.get('/global/spend/report', { ...range, group_by: 'team' }), 200);
    const day = byTeam.body.find((d: { group_by_day: string }) => d.group_by_day === '2026-01-10');
    assert.deepEqual(day.teams.map((t: { team_name: string }) => t.team_name), ['Team A']);
    assert.equal(day.teams[0].total_spend, 0.5);
    assert.deepEqual(day.teams[0].metadata, [{ model: 'mock-gpt', api_key: keys['iu']?.token, spend: 0.5, total_tokens: 15 }]);
    const byCustomer = expectStatus(await admin.get('/global/spend/report', { ...range, group_by: 'customer' }), 200);
    assert.ok(byCustomer.body.some((d: { customers: Array<{ customer: string }> }) => d.customers.some((c) => c.customer === 'ub')));
    const byKey = expectStatus(await admin.get('/global/spend/report', { ...range, group_by: 'api_key', api_key: keys['iu2']?.key ?? '' }), 200);
    assert.deepEqual(byKey.body, [{
      api_key: keys['iu2']?.token, total_cost: 0.25, total_input_tokens: 10, total_output_tokens: 5,
      model_details: [{ model: 'mock-small', total_cost: 0.25, total_input_tokens: 10, total_output_tokens: 5 }],
    }]);
    // A secret nobody holds matches nothing, not the master key's spend (stored with no key).
    const unknown = expectStatus(await admin.get('/global/spend/report', { ...range, group_by: 'api_key', api_key: 'sk-' + 'Q'.repeat(43) }), 200);
    assert.deepEqual(unknown.body, []);
  });

  it('summarises spend as JSON and as CSV whose cells cannot become formulas', async () => {
    const json = expectStatus(await admin.get('/spend/summary', { ...range, group_by: 'model' }), 200);
    const models = Object.fromEntries(json.body.data.map((r: { group: string; spend: number }) => [r.group, r.spend]));
    assert.deepEqual(models, { 'mock-gpt': 3.625, 'mock-small': 0.25 });
    const csv = expectStatus(await admin.get('/spend/summary', { ...range, group_by: 'team', format: 'csv' }), 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    assert.equal(lines[0], 'team,requests,errors,prompt_tokens,completion_tokens,cached_tokens,total_tokens,spend');
    assert.ok(lines.includes('team-a,1,0,10,5,0,15,0.5'));
    assert.ok(lines.includes(`"'=HYPERLINK(""http://x"")",1,0,10,5,0,15,0.125`), csv.text);
    assert.ok(lines.every((line) => !/^[=+\-@]/.test(line)));
    const errors = Object.fromEntries(json.body.data.map((r: { group: string; errors: number }) => [r.group, r.errors]));
    assert.equal(errors['mock-gpt'], 1);
  });

  describe('the spend report in full, on its own month', () => {
    const february = { start_date: '2026-02-01', end_date: '2026-02-28' };
    type Entry = { model?: string; api_key: string };
    const byEntry = (a: Entry, b: Entry): number => `${a.model ?? ''} ${a.api_key}`.localeCompare(`${b.model ?? ''} ${b.api_key}`);
    /** Order inside a day (or key) is not part of the answer: sorted here so both dialects compare. */
    const normalised = (days: Array<Record<string, unknown>>): unknown => days.map((day) => Object.fromEntries(Object.entries(day).map(([name, value]) => {
      if (!Array.isArray(value)) return [name, value];
      const groups = (value as Array<Record<string, unknown>>).map((group) => ({
        ...group,
        ...(Array.isArray(group['metadata']) ? { metadata: [...(group['metadata'] as Entry[])].sort(byEntry) } : {}),
        ...(Array.isArray(group['model_details']) ? { model_details: [...(group['model_details'] as Entry[])].sort((a, b) => (a.model ?? '').localeCompare(b.model ?? '')) } : {}),
      }));
      const groupOf = (group: Record<string, unknown>): string => String(Object.values(group)[0] ?? '');
      return [name, groups.sort((a, b) => groupOf(a).localeCompare(groupOf(b)))];
    })));
    const report = async (query: Record<string, string>, client: AdminClient = admin): Promise<unknown> =>
      normalised(expectStatus(await client.get('/global/spend/report', { ...february, ...query }), 200).body as Array<Record<string, unknown>>);
    let oa = '';

    before(async () => {
      oa = keys['oa']?.token ?? '';
      const ofOa = { keyId: oa, userId: 'oa', organizationId: 'org-a' };
      await gh.app.repos.usage.writeBatch([
        usage({ requestId: 'feb-1', startedAt: '2026-02-03T09:00:00.000Z', costUsd: 0.5, ...ofOa, teamId: 'team-a' }),
        usage({ requestId: 'feb-2', startedAt: '2026-02-03T10:00:00.000Z', costUsd: 0.25, ...ofOa, teamId: 'team-a', modelGroup: 'mock-small', promptTokens: 20, completionTokens: 10, totalTokens: 30 }),
        usage({ requestId: 'feb-3', startedAt: '2026-02-03T11:00:00.000Z', costUsd: 0.125, ...ofOa, teamId: 'team-a' }),
        usage({ requestId: 'feb-4', startedAt: '2026-02-03T12:00:00.000Z', costUsd: 1 }),
        usage({ requestId: 'feb-5', startedAt: '2026-02-04T08:00:00.000Z', costUsd: 2, ...ofOa }),
      ]);
    });

    it('groups by team, customer and model per day with the model and key breakdown', async () => {
      const unassigned = { total_spend: 1, metadata: [{ model: 'mock-gpt', api_key: '', spend: 1, total_tokens: 15 }] };
      const teamA = { total_spend: 0.875, metadata: [{ model: 'mock-gpt', api_key: oa, spend: 0.625, total_tokens: 30 }, { model: 'mock-small', api_key: oa, spend: 0.25, total_tokens: 30 }] };
      const fourth = { total_spend: 2, metadata: [{ model: 'mock-gpt', api_key: oa, spend: 2, total_tokens: 15 }] };
      assert.deepEqual(await report({ group_by: 'team' }), [
        { group_by_day: '2026-02-03', teams: [{ team_id: null, team_name: 'Unassigned Team', ...unassigned }, { team_id: 'team-a', team_name: 'Team A', ...teamA }] },
        { group_by_day: '2026-02-04', teams: [{ team_id: null, team_name: 'Unassigned Team', ...fourth }] },
      ]);
      assert.deepEqual(await report({}), await report({ group_by: 'team' }), 'team is the default');
      assert.deepEqual(await report({ group_by: 'customer' }), [
        { group_by_day: '2026-02-03', customers: [{ customer: null, ...unassigned }, { customer: 'oa', ...teamA }] },
        { group_by_day: '2026-02-04', customers: [{ customer: 'oa', ...fourth }] },
      ]);
      assert.deepEqual(await report({ group_by: 'model' }), [
        { group_by_day: '2026-02-03', models: [
          { model: 'mock-gpt', total_spend: 1.625, metadata: [...unassigned.metadata, ...teamA.metadata.slice(0, 1)] },
          { model: 'mock-small', total_spend: 0.25, metadata: teamA.metadata.slice(1) },
        ] },
        { group_by_day: '2026-02-04', models: [{ model: 'mock-gpt', ...fourth }] },
      ]);
    });

    it('totals per key with a breakdown by model', async () => {
      assert.deepEqual(await report({ group_by: 'api_key' }), [
        { api_key: '', total_cost: 1, total_input_tokens: 10, total_output_tokens: 5, model_details: [{ model: 'mock-gpt', total_cost: 1, total_input_tokens: 10, total_output_tokens: 5 }] },
        { api_key: oa, total_cost: 2.875, total_input_tokens: 50, total_output_tokens: 25, model_details: [
          { model: 'mock-gpt', total_cost: 2.625, total_input_tokens: 30, total_output_tokens: 15 },
          { model: 'mock-small', total_cost: 0.25, total_input_tokens: 20, total_output_tokens: 10 },
        ] },
      ]);
    });

    it('filters by team, user and key, and keeps each caller to what it may read', async () => {
      const teamA = await report({ group_by: 'team', team_id: 'team-a' });
      assert.deepEqual((teamA as Array<{ teams: unknown[] }>).map((day) => day.teams.length), [1]);
      assert.deepEqual((await report({ group_by: 'customer', internal_user_id: 'oa' }) as Array<{ customers: Array<{ total_spend: number }> }>)
        .map((day) => day.customers.map((c) => c.total_spend)), [[0.875], [2]]);
      assert.deepEqual((await report({ group_by: 'model', api_key: keys['oa']?.key ?? '' }) as Array<{ models: Array<{ model: string; total_spend: number }> }>)
        .map((day) => day.models.map((m) => [m.model, m.total_spend])), [[['mock-gpt', 0.625], ['mock-small', 0.25]], [['mock-gpt', 2]]]);
      const ofOrgAdmin = await report({ group_by: 'team' }, adminClient(gh, keys['oa']?.key ?? ''));
      assert.deepEqual((ofOrgAdmin as Array<{ teams: Array<{ team_name: string; total_spend: number }> }>)
        .map((day) => day.teams.map((t) => [t.team_name, t.total_spend])), [[['Team A', 0.875]], [['Unassigned Team', 2]]]);
      assert.deepEqual(await report({ group_by: 'team' }, adminClient(gh, keys['ub']?.key ?? '')), []);
    });
  });

  it('refuses unknown groupings and dates it cannot read', async () => {
    expectStatus(await admin.get('/spend/summary', { group_by: 'region' }), 400);
    expectStatus(await admin.get('/spend/logs', { start_date: 'yesterday' }), 400);
    expectStatus(await admin.get('/global/spend/report', { group_by: 'everything' }), 400);
  });
});
