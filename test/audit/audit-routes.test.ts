// `GET /audit` and `GET /audit/export` over HTTP on a running Gatehouse's dependencies: who may read,
// which rows each caller sees, filters and pages, the JSON-lines export in chain order, and the
// authentication events these admin routes leave (never the presented key).

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import { rolePermissions } from '../../src/auth/permissions.js';
import { appendAuditEvent } from '../../src/audit/append-audit-event.js';
import { GatewayError, toGatewayError } from '../../src/errors/gateway-error.js';
import { auditRouteTable } from '../../src/server/audit-routes.js';
import { createExchange } from '../../src/server/exchange.js';
import { sendError } from '../../src/server/respond.js';
import type { UserRole } from '../../src/store/records.js';
import { startTestGatehouse, type TestGatehouse } from '../e2e/harness.js';
import { keyEvent } from './audit-fixture.js';

interface AuditRow {
  sequence: number;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  organization_id: string | null;
  object_id: string | null;
  after: unknown;
}
interface AuditPage {
  audit_logs: AuditRow[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

/** Serves the audit route table over the running instance's dependencies, errors rendered as the gateway does. */
function serveAuditRoutes(gh: TestGatehouse): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const ex = createExchange(req, res, path);
    const handler = auditRouteTable.get(path)?.GET;
    const handled = handler === undefined ? Promise.reject(new GatewayError('not_found')) : handler(ex, gh.app);
    handled.catch((error: unknown) => sendError(res, toGatewayError(error), ex.requestId));
  });
}

describe('audit routes', () => {
  let gh: TestGatehouse;
  let server: Server;
  let base = '';
  const keys: Record<string, string> = {};

  async function keyFor(userId: string, role: UserRole, allowedRoutes: string[] = []): Promise<string> {
    await gh.app.repos.users.create({ id: userId, role });
    const { secret, displayName } = mintVirtualKey();
    await gh.app.repos.virtualKeys.create({ userId, keyHash: hashVirtualKey(secret, gh.app.keyHashingKey), displayName, allowedRoutes });
    return secret;
  }

  async function get(path: string, key: string | undefined): Promise<Response> {
    return fetch(`${base}${path}`, { headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });
  }

  async function page(path: string, key: string): Promise<AuditPage> {
    const response = await get(path, key);
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as AuditPage;
  }

  before(async () => {
    gh = await startTestGatehouse('model_list:\n  - model_name: m\n    litellm_params: { model: mock/m }\n');
    server = serveAuditRoutes(gh);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const id of ['org-a', 'org-b']) await gh.app.repos.organizations.create({ id });
    keys['viewer'] = await keyFor('viewer', 'proxy_admin_viewer');
    keys['member'] = await keyFor('member', 'internal_user');
    keys['orgAdmin'] = await keyFor('org-admin', 'org_admin');
    await gh.app.repos.organizationMemberships.add('org-a', 'org-admin', 'org_admin');
    keys['llmOnly'] = await keyFor('admin-llm-only', 'proxy_admin', ['llm_api_routes']);
    for (let n = 1; n <= 4; n++) {
      await appendAuditEvent(gh.app.store.db, keyEvent(n, { organizationId: n <= 2 ? 'org-a' : 'org-b', at: new Date(Date.UTC(2026, 2, n)) }));
    }
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gh.close();
  });

  it('lists rows newest first for the master key, and records that the master key was used', async () => {
    const listed = await page('/audit?action=key.update', gh.masterKey);
    assert.deepEqual(listed.audit_logs.map((row) => row.object_id), ['key-4', 'key-3', 'key-2', 'key-1']);
    assert.deepEqual({ ...listed, audit_logs: [] }, { audit_logs: [], total: 4, page: 1, page_size: 50, total_pages: 1 });
    const used = await page('/audit?action=auth.master_key_used', gh.masterKey);
    assert.ok(used.total >= 1);
    assert.deepEqual(
      { kind: used.audit_logs[0]?.actor_kind, object: used.audit_logs[0]?.object_id },
      { kind: 'master', object: '/audit' },
    );
  });

  it('filters by object, actor and dates, and pages', async () => {
    assert.deepEqual((await page('/audit?object_id=key-2', keys['viewer']!)).audit_logs.map((row) => row.object_id), ['key-2']);
    assert.equal((await page('/audit?actor_id=key-admin&action=key.update', keys['viewer']!)).total, 4);
    const days = await page('/audit?action=key.update&start_date=2026-03-02&end_date=2026-03-03', keys['viewer']!);
    assert.deepEqual(days.audit_logs.map((row) => row.object_id), ['key-3', 'key-2']);
    const second = await page('/audit?action=key.update&page=2&page_size=3', keys['viewer']!);
    assert.deepEqual({ ids: second.audit_logs.map((row) => row.object_id), pages: second.total_pages }, { ids: ['key-1'], pages: 2 });
  });

  it('refuses bad filters with a 400 naming the parameter', async () => {
    for (const [query, param] of [['action=key.steal', 'action'], ['start_date=yesterday', 'start_date'], ['page_size=5000', 'page_size'], ['sort=asc', 'sort']]) {
      const response = await get(`/audit?${query}`, keys['viewer']);
      assert.equal(response.status, 400, query);
      assert.equal(((await response.json()) as { error: { param: string } }).error.param, param);
    }
  });

  it('lets only audit readers in, organisation admins to their organisations only', async () => {
    assert.equal((await get('/audit', keys['member'])).status, 403);
    assert.equal((await get('/audit', keys['llmOnly'])).status, 403, 'a key limited to LLM routes may not read the audit log');
    const orgAdminsRead = (rolePermissions.org_admin as readonly string[]).includes('audit:read');
    const response = await get('/audit?action=key.update', keys['orgAdmin']);
    if (!orgAdminsRead) {
      assert.equal(response.status, 403);
      return;
    }
    const rows = ((await response.json()) as AuditPage).audit_logs;
    assert.deepEqual([...new Set(rows.map((row) => row.organization_id))], ['org-a']);
  });

  it('records failed authentication without the presented key', async () => {
    const wrong = 'sk-this-key-does-not-exist-0123456789';
    assert.equal((await get('/audit', wrong)).status, 401);
    assert.equal((await get('/audit/export', undefined)).status, 401);
    const failed = await page('/audit?action=auth.failed', gh.masterKey);
    assert.deepEqual(
      failed.audit_logs.map((row) => [row.actor_kind, row.object_id, row.after]),
      [['anonymous', '/audit/export', { code: 'missing_api_key' }], ['anonymous', '/audit', { code: 'invalid_api_key' }]],
    );
    const everything = await (await get('/audit/export', gh.masterKey)).text();
    assert.ok(!everything.includes('this-key-does-not-exist'));
  });

  it('exports matching rows as JSON lines in chain order, with the same filters', async () => {
    const response = await get('/audit/export?action=key.update&start_date=2026-03-02', keys['viewer']);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/x-ndjson/);
    const rows = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as AuditRow);
    assert.deepEqual(rows.map((row) => row.object_id), ['key-2', 'key-3', 'key-4']);
    assert.ok(rows.every((row, index) => index === 0 || row.sequence > (rows[index - 1]?.sequence ?? 0)));
    assert.equal((await get('/audit/export?page=2', keys['viewer'])).status, 400);
    assert.equal((await get('/audit/export', keys['member'])).status, 403);
  });
});
