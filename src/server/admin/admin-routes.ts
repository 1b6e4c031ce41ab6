// The LiteLLM-compatible management API: one line per route naming its method, path, permission
// and schemas. The HTTP edge merges `adminRouteTable` (exact paths; `findAdminRoute` also matches
// `/key/{key}/regenerate`); GET /openapi.json serves `openApiDocument()`, built from the same lines.

import { route, type AdminMethod, type AdminRoute, type HttpHandler } from './define-admin-route.js';
import { globalSpendReport } from './global-spend-report.js';
import { keyInfo, listKeys } from './key-read-handlers.js';
import * as k from './key-schemas.js';
import { blockKey, deleteKeys, generateKey, regenerateKey, regenerateKeyInPath, unblockKey, updateKey } from './key-write-handlers.js';
import { modelGroupInfo, modelInfo, modelInfoV2 } from './model-read-handlers.js';
import * as m from './model-schemas.js';
import { deleteModel, newModel, updateModel } from './model-write-handlers.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { addOrganizationMembers, deleteOrganizationMember } from './organization-member-handlers.js';
import { listOrganizations, organizationInfo } from './organization-read-handlers.js';
import * as o from './organization-schemas.js';
import { deleteOrganizations, newOrganization, updateOrganization } from './organization-write-handlers.js';
import { spendLogs } from './spend-logs.js';
import * as s from './spend-schemas.js';
import { spendSummary } from './spend-summary.js';
import { addTeamMembers, deleteTeamMember } from './team-member-handlers.js';
import { listTeams, teamInfo } from './team-read-handlers.js';
import * as t from './team-schemas.js';
import { deleteTeams, newTeam, updateTeam } from './team-write-handlers.js';
import { listUsers, userInfo } from './user-read-handlers.js';
import * as u from './user-schemas.js';
import { deleteUsers, newUser, updateUser } from './user-write-handlers.js';

const orgUpdate = { summary: 'Change an organization', body: o.organizationUpdateBody, reply: o.organizationReply };
const orgDelete = { summary: 'Delete organizations without teams or keys', body: o.organizationDeleteBody, reply: o.organizationListReply };
const orgMemberDelete = { summary: 'Remove a member from an organization', body: o.organizationMemberDeleteBody, reply: o.organizationMemberDeleteReply };

export const adminRoutes: readonly AdminRoute[] = [
  route('POST', '/key/generate', 'key:create', { summary: 'Create a virtual key (its secret is in this answer only)', body: k.keyGenerateBody, reply: k.keyReply }, generateKey),
  route('POST', '/key/update', 'key:update', { summary: 'Change a key', body: k.keyUpdateBody, reply: k.keyReply }, updateKey),
  route('POST', '/key/delete', 'key:delete', { summary: 'Delete keys by secret, id or alias', body: k.keyDeleteBody, reply: k.keyDeleteReply }, deleteKeys),
  route('GET', '/key/info', 'key:read', { summary: 'One key (the calling key without `key`)', query: k.keyInfoQuery, reply: k.keyInfoReply }, keyInfo),
  route('GET', '/key/list', 'key:read', { summary: 'Keys the caller may read, a page at a time', query: k.keyListQuery, reply: k.keyListReply }, listKeys),
  route('POST', '/key/regenerate', 'key:regenerate', { summary: 'New secret for a key, optionally with a grace period', body: k.keyRegenerateBody, reply: k.keyReply }, regenerateKey),
  route('POST', '/key/{key}/regenerate', 'key:regenerate', { summary: 'Same, with the key in the path', body: k.keyRegenerateBody, optionalBody: true, reply: k.keyReply }, regenerateKeyInPath),
  route('POST', '/key/block', 'key:block', { summary: 'Block a key', body: k.keyBlockBody, reply: k.keyReply }, blockKey),
  route('POST', '/key/unblock', 'key:block', { summary: 'Unblock a key', body: k.keyBlockBody, reply: k.keyReply }, unblockKey),
  route('POST', '/user/new', 'user:create', { summary: 'Create a user (and by default a key for it)', body: u.userNewBody, reply: u.userNewReply }, newUser),
  route('GET', '/user/info', 'user:read', { summary: 'One user with its keys and teams', query: u.userInfoQuery, reply: u.userInfoReply }, userInfo),
  route('POST', '/user/update', 'user:update', { summary: 'Change a user (role changes are checked)', body: u.userUpdateBody, reply: u.userUpdateReply }, updateUser),
  route('POST', '/user/delete', 'user:delete', { summary: 'Delete users with their keys and memberships', body: u.userDeleteBody, reply: u.userDeleteReply }, deleteUsers),
  route('GET', '/user/list', 'user:read', { summary: 'Users the caller may read, a page at a time', query: u.userListQuery, reply: u.userListReply }, listUsers),
  route('POST', '/team/new', 'team:create', { summary: 'Create a team', body: t.teamNewBody, reply: t.teamReply }, newTeam),
  route('GET', '/team/info', 'team:read', { summary: 'One team with its members and keys', query: t.teamInfoQuery, reply: t.teamInfoReply }, teamInfo),
  route('POST', '/team/update', 'team:update', { summary: 'Change a team', body: t.teamUpdateBody, reply: t.teamUpdateReply }, updateTeam),
  route('POST', '/team/delete', 'team:delete', { summary: 'Delete teams with their keys', body: t.teamDeleteBody, reply: t.teamDeleteReply }, deleteTeams),
  route('GET', '/team/list', 'team:read', { summary: 'Teams the caller may read', query: t.teamListQuery, reply: t.teamListReply }, listTeams),
  route('POST', '/team/member_add', 'team:members', { summary: 'Add members to a team', body: t.teamMemberAddBody, reply: t.teamMemberAddReply }, addTeamMembers),
  route('POST', '/team/member_delete', 'team:members', { summary: 'Remove a member from a team', body: t.teamMemberDeleteBody, reply: t.teamReply }, deleteTeamMember),
  route('POST', '/organization/new', 'organization:create', { summary: 'Create an organization', body: o.organizationNewBody, reply: o.organizationReply }, newOrganization),
  route('GET', '/organization/info', 'organization:read', { summary: 'One organization with members and teams', query: o.organizationInfoQuery, reply: o.organizationInfoReply }, organizationInfo),
  route('PATCH', '/organization/update', 'organization:update', orgUpdate, updateOrganization),
  route('POST', '/organization/update', 'organization:update', orgUpdate, updateOrganization),
  route('DELETE', '/organization/delete', 'organization:delete', orgDelete, deleteOrganizations),
  route('POST', '/organization/delete', 'organization:delete', orgDelete, deleteOrganizations),
  route('GET', '/organization/list', 'organization:read', { summary: 'Organizations the caller belongs to or administers', query: o.organizationListQuery, reply: o.organizationListReply }, listOrganizations),
  route('POST', '/organization/member_add', 'organization:members', { summary: 'Add members to an organization', body: o.organizationMemberAddBody, reply: o.organizationMemberAddReply }, addOrganizationMembers),
  route('DELETE', '/organization/member_delete', 'organization:members', orgMemberDelete, deleteOrganizationMember),
  route('POST', '/organization/member_delete', 'organization:members', orgMemberDelete, deleteOrganizationMember),
  route('POST', '/model/new', 'model:create', { summary: 'Add a model, live without a restart', body: m.modelNewBody, reply: m.modelNewReply }, newModel),
  route('POST', '/model/update', 'model:update', { summary: 'Change a model added through the API', body: m.modelUpdateBody, reply: m.modelReply }, updateModel),
  route('POST', '/model/delete', 'model:delete', { summary: 'Remove a model added through the API', body: m.modelDeleteBody, reply: m.modelDeleteReply }, deleteModel),
  route('GET', '/model/info', 'model:read', { summary: 'Deployments, secrets masked', query: m.modelInfoQuery, reply: m.modelInfoReply }, modelInfo),
  route('GET', '/v2/model/info', 'model:read', { summary: 'Deployments, filtered and paged', query: m.modelInfoV2Query, reply: m.modelInfoV2Reply }, modelInfoV2),
  route('GET', '/model_group/info', 'model:read', { summary: 'Model groups the caller may call', query: m.modelGroupInfoQuery, reply: m.modelGroupInfoReply }, modelGroupInfo),
  route('GET', '/spend/logs', 'spend:read', { summary: 'Per-request usage rows (no content)', query: s.spendLogsQuery, reply: s.spendLogsReply }, spendLogs),
  route('GET', '/global/spend/report', 'spend:read', { summary: 'Spend by day and team, customer or model, or by key', query: s.globalSpendReportQuery, reply: s.globalSpendReportReply }, globalSpendReport),
  route('GET', '/spend/summary', 'spend:read', { summary: 'Spend and tokens grouped by key, user, team, organization, model or day (JSON or CSV)', query: s.spendSummaryQuery, reply: s.spendSummaryReply }, spendSummary),
];

function tableOf(routes: readonly AdminRoute[]): ReadonlyMap<string, Readonly<Partial<Record<AdminMethod, HttpHandler>>>> {
  const table = new Map<string, Partial<Record<AdminMethod, HttpHandler>>>();
  for (const r of routes) {
    const methods = table.get(r.path) ?? {};
    if (methods[r.method] !== undefined) throw new Error(`Two admin routes for ${r.method} ${r.path}`);
    table.set(r.path, { ...methods, [r.method]: r.handle });
  }
  return table;
}

/** Path -> method -> handler. Paths are exact; `/key/{key}/regenerate` is a template (see findAdminRoute). */
export const adminRouteTable: ReadonlyMap<string, Readonly<Partial<Record<AdminMethod, HttpHandler>>>> = tableOf(adminRoutes);

const keyInPath = /^\/key\/[^/]+\/regenerate$/;

/** The methods of the route serving `path` (exact, or LiteLLM's `/key/{key}/regenerate`). */
export function findAdminRoute(path: string): Readonly<Partial<Record<AdminMethod, HttpHandler>>> | undefined {
  return adminRouteTable.get(path) ?? (keyInPath.test(path) ? adminRouteTable.get('/key/{key}/regenerate') : undefined);
}

let document: Record<string, unknown> | undefined;

/** OpenAPI 3.1 for every route above, from the same schemas that validate requests (a fresh copy each call). */
export function openApiDocument(): Record<string, unknown> {
  document ??= buildOpenApiDocument(adminRoutes);
  return structuredClone(document);
}
