// Two real Gatehouse instances over one PostgreSQL database, with their periodic jobs checking
// every few milliseconds: the retention purge runs and gives its lease up; the budget reset runs on
// the instance holding its lease and moves to the other the moment that one shuts down. That only
// one instance runs a job per period is shown in test/store/cluster-jobs.test.ts, where runs are counted.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '../store/postgres-test-database.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

// No Redis: each instance's invalidation bus is its own, so the bus that hears of a reset names
// the instance that did it.
function configYaml(databaseUrl: string): string {
  return `
model_list:
  - model_name: mock-a
    litellm_params: { model: mock/mock-a, mock_response: ok }
general_settings: { database_url: '${databaseUrl}' }
`;
}

/** Waits (polling, bounded) until `done()`; the bound only turns a hang into a failure. */
async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 2000; attempt++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.fail(`gave up waiting until ${what}`);
}

describe('periodic jobs of two instances over one PostgreSQL', { skip: await postgresSkipReason() }, () => {
  const masterKey = `sk-test-${randomBytes(24).toString('base64url')}`;
  // The budget lease outlasts the test: only a shutdown, never timing, can move it.
  const jobs = { budgetResets: { intervalMs: 10, leaseMs: 10 * 60_000 }, retention: { checkIntervalMs: 10, firstRunDelayMs: 0 } };
  let database: TestDatabase;
  let a: TestGatehouse;
  let b: TestGatehouse;
  const heard = new Map<TestGatehouse, string[]>();

  before(async () => {
    database = await createTestDatabase();
    a = await startTestGatehouse(configYaml(database.url), { masterKey, jobs });
    b = await startTestGatehouse(configYaml(database.url), { masterKey, jobs });
    for (const instance of [a, b]) {
      const ids: string[] = [];
      heard.set(instance, ids);
      instance.app.state.bus.subscribe('key', (id) => ids.push(id));
    }
  });

  after(async () => {
    await Promise.all([a, b].map((instance) => instance?.close()));
    await database?.drop();
  });

  /** Makes a key's budget period end in the past (through `via`), and returns the instance that reset it. */
  async function resetOnce(keyId: string, via = a): Promise<TestGatehouse> {
    await via.app.repos.virtualKeys.update(keyId, { budgetResetAt: '2026-01-01T00:00:00.000Z' });
    const resetBy = (): TestGatehouse[] => [a, b].filter((instance) => heard.get(instance)?.includes(keyId));
    await until(() => resetBy().length > 0, `key ${keyId} is reset`);
    const by = resetBy();
    assert.equal(by.length, 1, 'one reset, told once');
    for (const ids of heard.values()) ids.splice(0);
    return by[0] ?? assert.fail('nobody reset it');
  }

  it('purges on one instance, records the run and gives the retention lease up', async () => {
    const read = () => a.app.repos.jobLeases.read('retention');
    await until(async () => typeof (await read())?.lastRunAt === 'string', 'the first purge is recorded');
    const lease = await read();
    assert.ok(lease !== undefined && lease.expiresAt <= new Date().toISOString(), `still held: ${JSON.stringify(lease)}`);
  });

  it('resets budgets on the lease holder only, and on the other instance once the holder shuts down', async () => {
    const key = await a.app.repos.virtualKeys.create({ keyHash: 'e'.repeat(64), displayName: 'sk-...eeee', maxBudget: 1, budgetDuration: '30d' });
    const holder = await resetOnce(key.id);
    for (let round = 0; round < 5; round++) assert.equal(await resetOnce(key.id), holder, `round ${round}`);
    const lease = await a.app.repos.jobLeases.read('budget-reset');
    const other = holder === a ? b : a;

    await holder.close();
    assert.equal(await resetOnce(key.id, other), other);
    const after = await other.app.repos.jobLeases.read('budget-reset');
    assert.notEqual(after?.holder, lease?.holder);
    assert.match(after?.holder ?? '', /^.+\/\d+\/[0-9a-f]{8}$/);
  });
});
