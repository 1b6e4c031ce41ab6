// The audit chain on one dialect: appended rows verify; an edited, deleted, reordered or forged row
// is named as the first broken one; concurrent appends from two connections keep one chain; and a
// change made through withAudit commits with its audit rows or not at all.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { appendAuditEvent, withAudit } from '../../src/audit/append-audit-event.js';
import { genesisHash } from '../../src/audit/audit-hash.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { createAuditRepository } from '../../src/store/repositories/audit-repository.js';
import type { StoreTarget } from '../store/store-contract.js';
import { withRepositories } from '../store/repository-fixture.js';
import { allRows, appendEvents, deleteRows, editAfter, forgeRow, keyEvent, swapRows } from './audit-fixture.js';
import { raceAppendingProcesses } from './race-appending-processes.js';

function brokenAt(verdict: Awaited<ReturnType<typeof verifyAuditChain>>): number | undefined {
  return verdict.ok ? undefined : verdict.firstBroken.sequence;
}

export function describeAuditChainContract(name: string, target: StoreTarget): void {
  describe(`audit chain: ${name}`, { skip: target.skip }, () => {
    after(() => target.cleanUp());

    it('appends rows in one chain that verifies, secrets fingerprinted', async () => {
      await withRepositories(target, async ({ store }) => {
        assert.deepEqual(await verifyAuditChain(store), { ok: true, checked: 0, head: { sequence: 0, hash: genesisHash } });
        const written = await appendEvents(store, 3, (n) => ({ after: { api_key: `sk-secret-${n}`, max_budget: n } }));
        const rows = await allRows(store);
        assert.deepEqual(rows.map((row) => row.sequence), [1, 2, 3]);
        assert.equal(rows[0]?.prevHash, genesisHash);
        assert.equal(rows[1]?.prevHash, rows[0]?.hash);
        assert.equal(rows[2]?.prevHash, rows[1]?.hash);
        assert.deepEqual(rows, written);
        assert.equal(rows[0]?.objectType, 'key');
        assert.ok(!rows.some((row) => row.afterJson?.includes('sk-secret')), 'no secret is stored');
        assert.match(rows[0]?.afterJson ?? '', /"api_key":"fp:[0-9a-f]{16}"/);
        const verdict = await verifyAuditChain(store);
        assert.equal(verdict.ok, true);
        assert.equal(verdict.checked, 3);
      });
    });

    it('names an edited row', async () => {
      await withRepositories(target, async ({ store }) => {
        await appendEvents(store, 5);
        await editAfter(store, 3, '{"max_budget":1000000}');
        assert.deepEqual(await verifyAuditChain(store), {
          ok: false,
          checked: 2,
          firstBroken: { sequence: 3, reason: "row 3's content does not match its hash (edited)" },
        });
      });
    });

    it('names a deleted row, a deleted prefix and a truncated tail', async () => {
      await withRepositories(target, async ({ store }) => {
        await appendEvents(store, 6);
        await deleteRows(store, [3]);
        const middle = await verifyAuditChain(store);
        assert.equal(brokenAt(middle), 3);
        assert.match(middle.ok ? '' : middle.firstBroken.reason, /row 3 is missing/);
      });
      await withRepositories(target, async ({ store }) => {
        await appendEvents(store, 4);
        await deleteRows(store, [1, 2]);
        assert.equal(brokenAt(await verifyAuditChain(store)), 1);
      });
      await withRepositories(target, async ({ store }) => {
        await appendEvents(store, 5);
        await deleteRows(store, [4, 5]);
        const tail = await verifyAuditChain(store);
        assert.equal(brokenAt(tail), 4);
        assert.match(tail.ok ? '' : tail.firstBroken.reason, /rows 4 to 5 are missing/);
      });
    });

    it('names the first of two swapped rows', async () => {
      await withRepositories(target, async ({ store }) => {
        await appendEvents(store, 4);
        await swapRows(store, 2, 3);
        assert.equal(brokenAt(await verifyAuditChain(store)), 2);
      });
    });

    it('names a forged row that replaces a truncated tail or is appended behind the head', async () => {
      await withRepositories(target, async ({ store }) => {
        const rows = await appendEvents(store, 5);
        await deleteRows(store, [4, 5]);
        await forgeRow(store, rows[2]!, '{"max_budget":0}');
        const verdict = await verifyAuditChain(store);
        assert.equal(brokenAt(verdict), 4);
        assert.match(verdict.ok ? '' : verdict.firstBroken.reason, /forged/);
      });
      await withRepositories(target, async ({ store }) => {
        const rows = await appendEvents(store, 3);
        await forgeRow(store, rows[2]!, '{"max_budget":0}');
        assert.equal(brokenAt(await verifyAuditChain(store)), 4);
      });
    });

    it('keeps one valid chain when appends and audited changes race in one process', async () => {
      await withRepositories(target, async ({ store }) => {
        const appends = Array.from({ length: 24 }, (_, n) => appendAuditEvent(store.db, keyEvent(n + 1)));
        const audited = Array.from({ length: 6 }, (_, n) =>
          withAudit(store, () => Promise.resolve({ result: n, events: [keyEvent(100 + n), keyEvent(200 + n)] })),
        );
        await Promise.all([...appends, ...audited]);
        const rows = await allRows(store);
        assert.deepEqual(rows.map((row) => row.sequence), Array.from({ length: 36 }, (_, n) => n + 1));
        assert.deepEqual(await verifyAuditChain(store), { ok: true, checked: 36, head: { sequence: 36, hash: rows.at(-1)?.hash ?? '' } });
      });
    });

    it('keeps one valid chain when two processes append at once', async () => {
      const options = await target.fresh();
      await withRepositories({ ...target, fresh: () => Promise.resolve(options) }, async ({ store }) => {
        await raceAppendingProcesses(options, ['a', 'b'], 15);
        const rows = await allRows(store);
        assert.deepEqual(rows.map((row) => row.sequence), Array.from({ length: 30 }, (_, n) => n + 1));
        assert.equal(rows.filter((row) => row.requestId?.startsWith('a-')).length, 15);
        assert.equal((await verifyAuditChain(store)).ok, true);
      });
    });

    it('commits a change with its audit rows, and neither when either fails', async () => {
      await withRepositories(target, async ({ store, repos }) => {
        const created = await withAudit(store, async (_trx, scoped) => {
          const user = await scoped.users.create({ id: 'u1', role: 'internal_user' });
          // update opens a transaction of its own; inside withAudit it joins this one.
          const updated = await scoped.users.update('u1', { role: 'org_admin' });
          return { result: updated, events: [{ action: 'user.create', actor: { kind: 'master', id: null }, objectId: user.id, after: user }] };
        });
        assert.equal(created?.role, 'org_admin');
        assert.equal((await repos.users.get('u1'))?.role, 'org_admin');

        await assert.rejects(
          withAudit(store, async (_trx, scoped) => {
            await scoped.users.create({ id: 'u2', role: 'internal_user' });
            throw new Error('the change fails half-way');
          }),
          /half-way/,
        );
        assert.equal(await repos.users.get('u2'), null);

        await store.db.deleteFrom('gatehouse_meta').where('key', '=', 'audit_chain_head').execute();
        await assert.rejects(
          withAudit(store, async (_trx, scoped) => ({
            result: await scoped.users.create({ id: 'u3', role: 'internal_user' }),
            events: [{ action: 'user.create', actor: { kind: 'master', id: null }, objectId: 'u3' }],
          })),
          /audit chain head is missing/,
        );
        assert.equal(await repos.users.get('u3'), null, 'a change whose audit row cannot be written does not happen');
        assert.equal((await createAuditRepository(store).list({ page: 1, pageSize: 10 })).total, 1);
      });
    });

    it('lists newest first with filters and organisation scope', async () => {
      await withRepositories(target, async ({ store }) => {
        await appendEvents(store, 6, (n) => ({
          organizationId: n % 2 === 0 ? 'org-even' : 'org-odd',
          at: new Date(Date.UTC(2026, 2, n)),
          actor: n === 5 ? { kind: 'key', id: 'key-5' } : { kind: 'user', id: 'u-admin', keyId: 'key-admin' },
        }));
        const repo = createAuditRepository(store);
        const page = await repo.list({ page: 1, pageSize: 2 });
        assert.deepEqual(page.items.map((row) => row.sequence), [6, 5]);
        assert.equal(page.total, 6);
        const even = await repo.list({ page: 1, pageSize: 10, organizationIds: ['org-even'] });
        assert.deepEqual(even.items.map((row) => row.sequence), [6, 4, 2]);
        assert.equal((await repo.list({ page: 1, pageSize: 10, organizationIds: [] })).total, 0);
        const window = await repo.list({ page: 1, pageSize: 10, startAt: '2026-03-02', endAt: '2026-03-04' });
        assert.deepEqual(window.items.map((row) => row.sequence), [3, 2]);
        assert.deepEqual((await repo.list({ page: 1, pageSize: 10, actorId: 'key-admin', objectId: 'key-3' })).items.map((row) => row.sequence), [3]);
        assert.deepEqual((await repo.list({ page: 1, pageSize: 10, actorId: 'key-5' })).items.map((row) => row.sequence), [5]);
        const exported: number[] = [];
        for await (const row of repo.export({ batchSize: 2, organizationIds: ['org-odd'] })) exported.push(row.sequence);
        assert.deepEqual(exported, [1, 3, 5]);
      });
    });
  });
}
