// Retention on one dialect: purging old audit rows keeps the chain verifiable from its anchor and
// audits itself; a forged anchor or a tampered chain is caught; old usage records go (daily
// aggregates stay) with an audit row; the job runs both and stops when told.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AuditChainBrokenError, purgeAudit } from '../../src/audit/purge-audit.js';
import { purgeUsage } from '../../src/audit/purge-usage.js';
import { runRetention, startRetentionJob } from '../../src/audit/start-retention-job.js';
import type { RetentionRun } from '../../src/audit/start-retention-job.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import type { StoreTarget } from '../store/store-contract.js';
import { withRepositories } from '../store/repository-fixture.js';
import { usage } from '../store/usage-contract.js';
import { allRows, appendEvents, deleteRows, editAfter } from './audit-fixture.js';

const march = (day: number): Date => new Date(Date.UTC(2026, 2, day));

export function describeAuditRetentionContract(name: string, target: StoreTarget): void {
  describe(`audit retention: ${name}`, { skip: target.skip }, () => {
    after(() => target.cleanUp());

    it('deletes old rows, records the anchor, audits itself, and still verifies (twice over)', async () => {
      await withRepositories(target, async ({ store }) => {
        const written = await appendEvents(store, 5, (n) => ({ at: march(n) }));
        const first = await purgeAudit(store, { olderThan: march(3), now: march(20) });
        assert.equal(first.deleted, 2);
        assert.equal(first.event?.action, 'audit.retention_purge');
        assert.equal(first.event?.actorKind, 'system');
        assert.deepEqual(JSON.parse(first.event?.afterJson ?? ''), {
          older_than: march(3).toISOString(), deleted_rows: 2, through_sequence: 2, anchor_hash: written[1]?.hash,
        });
        assert.deepEqual((await allRows(store)).map((row) => row.sequence), [3, 4, 5, 6]);
        assert.deepEqual(await verifyAuditChain(store), { ok: true, checked: 4, head: { sequence: 6, hash: first.event?.hash ?? '' } });

        // A later purge removes everything before its cut-off, the first purge's own row included.
        const second = await purgeAudit(store, { olderThan: march(25), now: march(30) });
        assert.equal(second.deleted, 4);
        assert.deepEqual((await allRows(store)).map((row) => row.sequence), [7]);
        assert.equal((await verifyAuditChain(store)).ok, true);
        assert.deepEqual(await purgeAudit(store, { olderThan: march(1) }), { deleted: 0 });
      });
    });

    it('catches rows deleted behind a forged anchor', async () => {
      await withRepositories(target, async ({ store }) => {
        const written = await appendEvents(store, 4, (n) => ({ at: march(n) }));
        await deleteRows(store, [1, 2]);
        const anchor = JSON.stringify({ sequence: 2, hash: written[1]?.hash, prev_hash: null });
        await store.db.insertInto('gatehouse_meta').values({ key: 'audit_chain_anchor', value: anchor, updated_at: march(9).toISOString() }).execute();
        const verdict = await verifyAuditChain(store);
        assert.equal(verdict.ok, false);
        assert.match(verdict.ok ? '' : verdict.firstBroken.reason, /no retention purge recorded that anchor/);
      });
    });

    it('refuses to purge a tampered chain, so the evidence stays', async () => {
      await withRepositories(target, async ({ store }) => {
        await appendEvents(store, 3, (n) => ({ at: march(n) }));
        await editAfter(store, 1, '{}');
        await assert.rejects(purgeAudit(store, { olderThan: march(30) }), AuditChainBrokenError);
        assert.equal((await allRows(store)).length, 3);
      });
    });

    it('deletes old usage records, keeps the daily aggregates, and audits the purge', async () => {
      await withRepositories(target, async ({ store, repos }) => {
        const owner = { keyId: null, userId: null, teamId: null, organizationId: null };
        await repos.usage.writeBatch([
          usage('old', { ...owner, startedAt: march(1).toISOString(), endedAt: march(1).toISOString() }),
          usage('new', { ...owner, startedAt: march(9).toISOString(), endedAt: march(9).toISOString() }),
        ]);
        const purged = await purgeUsage(store, { olderThan: march(5), now: march(10) });
        assert.equal(purged.deleted, 1);
        assert.equal(purged.event?.action, 'usage.retention_purge');
        const logs = await repos.usage.listLogs({ page: 1, pageSize: 10 });
        assert.deepEqual(logs.items.map((record) => record.requestId), ['new']);
        const report = await repos.usage.report({ startAt: '2026-03-01', endAt: '2026-03-31', groupBy: 'day' });
        assert.deepEqual(report.map((row) => [row.group, row.requests]), [['2026-03-01', 1], ['2026-03-09', 1]], 'both days are still reported');
        assert.deepEqual(await purgeUsage(store, { olderThan: march(5) }), { deleted: 0 });
        assert.equal((await verifyAuditChain(store)).ok, true);
      });
    });

    it('runs both purges by period, 0 keeping forever, and the job stops when told', async () => {
      await withRepositories(target, async ({ store, repos }) => {
        await appendEvents(store, 2, (n) => ({ at: march(n) }));
        assert.deepEqual(await runRetention(store, { auditDays: 0, usageDays: 0 }, march(30)), { usage: null, audit: null });
        // The job's timers do not hold the process open; this one keeps the test alive meanwhile.
        const keepAlive = setInterval(() => undefined, 1_000);
        let stop: () => Promise<void> = () => Promise.resolve();
        const run = await new Promise<RetentionRun>((resolve, reject) => {
          stop = startRetentionJob({
            store,
            retention: { auditDays: 10, usageDays: 10 },
            lease: { leases: repos.jobLeases, holder: 'this-instance' },
            firstRunDelayMs: 0,
            now: () => march(30),
            onError: reject,
            onRun: resolve,
          });
        }).finally(() => clearInterval(keepAlive));
        await stop();
        assert.equal((await repos.jobLeases.read('retention'))?.lastRunAt, march(30).toISOString());
        assert.equal(run.audit?.deleted, 2);
        assert.equal(run.usage?.deleted, 0);
        assert.deepEqual((await allRows(store)).map((row) => row.action), ['audit.retention_purge']);
      });
    });
  });
}
