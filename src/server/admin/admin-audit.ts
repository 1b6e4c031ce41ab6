// Audit rows for the management API: authentication on these routes (a failure, or any use of the
// master key), and every change, written in the change's own transaction so neither lands alone.
// Redaction of secrets in before/after is audit/'s, always; which events a change makes is the handler's.

import { anonymousActor, auditActorOf } from '../../audit/audit-actor.js';
import type { AuditEvent } from '../../audit/audit-events.js';
import { appendAuditEvent, withAudit } from '../../audit/append-audit-event.js';
import type { Principal } from '../../auth/principal.js';
import { isGatewayError } from '../../errors/gateway-error.js';
import type { Repositories } from '../../store/repositories/create-repositories.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { storeWrite } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';

/** What a handler says about one change; who, from where and in which request are added here. */
export type ChangeEvent = Pick<AuditEvent, 'action' | 'objectId' | 'organizationId' | 'before' | 'after'>;

export interface AuditedChange<T> {
  readonly result: T;
  readonly events: readonly ChangeEvent[];
}

/**
 * Runs `work` (which must use only the `repos` it is given: they run in the transaction) and
 * appends its events in the same transaction. Store conflicts become client errors.
 */
export function audited<T>(call: AdminCall<unknown>, work: (repos: Repositories) => Promise<AuditedChange<T>>): Promise<T> {
  const context = { actor: auditActorOf(call.actor.principal), actorIp: call.ex.clientIp, requestId: call.ex.requestId };
  return storeWrite(() =>
    withAudit(call.app.store, async (_trx, repos) => {
      const { result, events } = await work(repos);
      return { result, events: events.map((event) => ({ ...event, ...context })) };
    }),
  );
}

/** Authenticates; a failure (401) is audited and still refused, and each use of the master key is audited. */
export async function authenticateAudited(ex: Exchange, app: AppContext): Promise<Principal> {
  const context = { objectId: ex.path, actorIp: ex.clientIp, requestId: ex.requestId };
  let principal: Principal;
  try {
    principal = await app.authenticate(ex.req.headers);
  } catch (error) {
    if (isGatewayError(error) && error.status === 401) {
      // The presented key is never recorded; the refusal stands whether or not the row is written.
      await appendAuditEvent(app.store.db, { ...context, action: 'auth.failed', actor: anonymousActor, after: { code: error.code } }).catch(
        (failure: unknown) => app.log.error('audit row for a failed authentication not written', { requestId: ex.requestId, detail: String(failure) }),
      );
    }
    throw error;
  }
  if (principal.kind === 'master') await appendAuditEvent(app.store.db, { ...context, action: 'auth.master_key_used', actor: auditActorOf(principal) });
  return principal;
}

/** A record about to be deleted, with the organisation its audit row names. */
export interface Doomed<R> {
  readonly record: R;
  readonly organizationId: string | null;
}

export interface Removal {
  readonly deleted: boolean;
  /** Keys that went with the record (a user's or a team's). */
  readonly deletedKeyIds: readonly string[];
}

/** Deletes each record in one audited transaction; answers what was deleted, with the key ids that went along. */
export function deleteAudited<R>(
  call: AdminCall<unknown>,
  change: { readonly action: AuditEvent['action']; readonly doomed: ReadonlyMap<string, Doomed<R>> },
  remove: (repos: Repositories, id: string) => Promise<Removal>,
): Promise<Array<{ readonly id: string; readonly keyIds: readonly string[] }>> {
  return audited(call, async (repos) => {
    const removed: Array<{ id: string; keyIds: readonly string[] }> = [];
    const events: ChangeEvent[] = [];
    for (const [id, { record, organizationId }] of change.doomed) {
      const result = await remove(repos, id);
      if (!result.deleted) continue;
      removed.push({ id, keyIds: result.deletedKeyIds });
      events.push({ action: change.action, objectId: id, organizationId, before: record });
    }
    return { result: removed, events };
  });
}
