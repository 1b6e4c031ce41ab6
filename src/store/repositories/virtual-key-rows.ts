// Maps virtual key rows to records and back (JSON text, 0/1 booleans, numbers from either dialect),
// and the defaults of a new key. Holds the key's HMAC only: the secret never reaches the store.

import type { Selectable } from 'kysely';
import type { VirtualKeyRecord } from '../records.js';
import type { VirtualKeysTable } from '../schema.js';
import {
  budgetColumnSet,
  budgetFromRow,
  budgetToRow,
  defaultBudgetAndLimits,
  defaultScope,
  scopeColumnSet,
  scopeFromRow,
  scopeToRow,
} from './budget-columns.js';
import type { FieldsOf, RecordRows } from './record-writes.js';
import { spendOwnerRows } from './spend-owner-rows.js';
import { parseNullableStringList, parseStringList, toJsonText, toNullableIsoTime } from './row-values.js';

export type VirtualKeyFields = FieldsOf<VirtualKeyRecord>;

export const virtualKeyColumnSet = {
  ...budgetColumnSet,
  ...scopeColumnSet,
  id: true,
  key_hash: true,
  alias: true,
  display_name: true,
  user_id: true,
  team_id: true,
  organization_id: true,
  allowed_routes: true,
  allowed_ips: true,
  expires_at: true,
  previous_key_hash: true,
  previous_key_expires_at: true,
  created_by: true,
  created_at: true,
  updated_at: true,
} as const satisfies Record<keyof VirtualKeysTable, true>;

export function virtualKeyFromRow(row: Selectable<VirtualKeysTable>): VirtualKeyRecord {
  return {
    id: row.id,
    keyHash: row.key_hash,
    alias: row.alias,
    displayName: row.display_name,
    userId: row.user_id,
    teamId: row.team_id,
    organizationId: row.organization_id,
    allowedRoutes: parseStringList(row.allowed_routes, 'virtual_keys.allowed_routes'),
    allowedIps: parseNullableStringList(row.allowed_ips, 'virtual_keys.allowed_ips'),
    expiresAt: row.expires_at,
    previousKeyHash: row.previous_key_hash,
    previousKeyExpiresAt: row.previous_key_expires_at,
    createdBy: row.created_by,
    ...budgetFromRow(row),
    ...scopeFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function virtualKeyToRow(record: VirtualKeyRecord): Omit<VirtualKeysTable, 'spend'> {
  return {
    id: record.id,
    key_hash: record.keyHash,
    alias: record.alias,
    display_name: record.displayName,
    user_id: record.userId,
    team_id: record.teamId,
    organization_id: record.organizationId,
    allowed_routes: toJsonText(record.allowedRoutes),
    allowed_ips: record.allowedIps === null ? null : toJsonText(record.allowedIps),
    expires_at: toNullableIsoTime(record.expiresAt, 'expiresAt'),
    previous_key_hash: record.previousKeyHash,
    previous_key_expires_at: toNullableIsoTime(record.previousKeyExpiresAt, 'previousKeyExpiresAt'),
    created_by: record.createdBy,
    ...budgetToRow(record),
    ...scopeToRow(record),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export const virtualKeyRows: RecordRows<VirtualKeyRecord> = spendOwnerRows({ table: 'gatehouse_virtual_keys', toRow: virtualKeyToRow, fromRow: virtualKeyFromRow });

export const virtualKeyDefaults: Omit<VirtualKeyFields, 'keyHash' | 'displayName'> = {
  ...defaultBudgetAndLimits,
  ...defaultScope,
  alias: null,
  userId: null,
  teamId: null,
  organizationId: null,
  allowedRoutes: [],
  allowedIps: null,
  expiresAt: null,
  previousKeyHash: null,
  previousKeyExpiresAt: null,
  createdBy: null,
};
