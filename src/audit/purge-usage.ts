// Retention of per-request usage records: deletes those that started before the cut-off and audits
// the purge in the same transaction. Daily aggregates (and so reports and spend) are kept.

import type { Store } from '../store/store.js';
import { systemActor } from './audit-actor.js';
import { appendAuditEvent } from './append-audit-event.js';
import type { PurgeOptions, PurgeResult } from './purge-audit.js';

export async function purgeUsage(store: Store, options: PurgeOptions): Promise<PurgeResult> {
  const cutoff = options.olderThan.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('gatehouse_usage_records').where('started_at', '<', cutoff).executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    if (deleted === 0) return { deleted };
    const event = await appendAuditEvent(trx, {
      action: 'usage.retention_purge',
      actor: systemActor('retention'),
      objectId: null,
      after: { older_than: cutoff, deleted_rows: deleted },
      at: options.now ?? new Date(),
    });
    return { deleted, event };
  });
}
