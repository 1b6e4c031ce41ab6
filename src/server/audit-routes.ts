// `GET /audit` (a filtered page, newest first) and `GET /audit/export` (JSON lines in chain order,
// streamed): who may read (`audit:read`), which rows they see (organisation admins: their
// organisations only), and the authentication events of these admin routes. No route writes rows.

import { administeredOrganizationIds, loadActor } from '../auth/actor.js';
import { can } from '../auth/permissions.js';
import { isRouteAllowed } from '../auth/route-access.js';
import { auditEventJson } from '../audit/audit-event-json.js';
import { parseAuditRequest } from '../audit/audit-filters.js';
import { GatewayError } from '../errors/gateway-error.js';
import { createAuditRepository } from '../store/repositories/audit-repository.js';
import { authenticateAudited } from './admin/admin-audit.js';
import type { AppContext } from './app-context.js';
import type { Exchange } from './exchange.js';
import { securityHeaders, sendJson } from './respond.js';
import { writeOrWait } from './write-or-wait.js';

type AuditHandler = (ex: Exchange, app: AppContext) => Promise<void>;

/** The organisations whose rows the caller may read; undefined means every row. */
async function readableOrganizations(ex: Exchange, app: AppContext): Promise<readonly string[] | undefined> {
  const principal = await authenticateAudited(ex, app);
  if (!isRouteAllowed(principal, ex.path)) throw new GatewayError('permission_denied', { message: `This key may not call ${ex.path}.` });
  const actor = await loadActor(principal, app.repos.users);
  if (can(actor, 'audit:read')) return undefined;
  const organizationIds = [...administeredOrganizationIds(actor)].filter((organizationId) => can(actor, 'audit:read', { organizationId }));
  if (organizationIds.length === 0) throw new GatewayError('permission_denied', { message: 'This caller may not read the audit log.' });
  return organizationIds;
}

function searchParams(ex: Exchange): URLSearchParams {
  const url = ex.req.url ?? '';
  const query = url.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
}

async function listAudit(ex: Exchange, app: AppContext): Promise<void> {
  const organizationIds = await readableOrganizations(ex, app);
  const { query, page, pageSize } = parseAuditRequest(searchParams(ex));
  const found = await createAuditRepository(app.store).list({ ...query, organizationIds, page, pageSize });
  sendJson(
    ex.res,
    200,
    { audit_logs: found.items.map(auditEventJson), total: found.total, page, page_size: pageSize, total_pages: Math.ceil(found.total / pageSize) },
    ex.requestId,
  );
}

/** One JSON object per line, written as rows are read; waits for the client to drain. */
async function exportAudit(ex: Exchange, app: AppContext): Promise<void> {
  const organizationIds = await readableOrganizations(ex, app);
  const { query } = parseAuditRequest(searchParams(ex), { paged: false });
  const rows = createAuditRepository(app.store).export({ ...query, organizationIds });
  ex.res.writeHead(200, { ...securityHeaders, 'content-type': 'application/x-ndjson; charset=utf-8', 'x-request-id': ex.requestId });
  for await (const record of rows) {
    if (ex.signal.aborted) return;
    await writeOrWait(ex.res, `${JSON.stringify(auditEventJson(record))}\n`);
  }
  ex.res.end();
}

export const auditRouteTable: ReadonlyMap<string, Partial<Record<'GET', AuditHandler>>> = new Map([
  ['/audit', { GET: listAudit }],
  ['/audit/export', { GET: exportAudit }],
]);
