// Maps user rows to records and back (JSON text, 0/1 booleans, numbers from either dialect),
// and the defaults of a new record. Queries beyond one row by id live in the repository.

import type { Selectable } from 'kysely';
import { userRoles } from '../records.js';
import type { UserRecord } from '../records.js';
import type { UsersTable } from '../schema.js';
import { budgetColumnSet, budgetFromRow, budgetToRow, defaultBudgetAndLimits } from './budget-columns.js';
import type { FieldsOf, RecordRows } from './record-writes.js';
import { spendOwnerRows } from './spend-owner-rows.js';
import { parseJsonObject, parseNullableStringList, parseOneOf, parseStringList, toJsonText } from './row-values.js';

export type UserFields = FieldsOf<UserRecord>;

export const userColumnSet = {
  ...budgetColumnSet,
  id: true,
  email: true,
  role: true,
  models: true,
  metadata: true,
  allowed_ips: true,
  created_at: true,
  updated_at: true,
} as const satisfies Record<keyof UsersTable, true>;

export function userFromRow(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    role: parseOneOf(row.role, userRoles, 'users.role'),
    models: parseStringList(row.models, 'users.models'),
    metadata: parseJsonObject(row.metadata, 'users.metadata'),
    allowedIps: parseNullableStringList(row.allowed_ips, 'users.allowed_ips'),
    ...budgetFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function userToRow(record: UserRecord): Omit<UsersTable, 'spend'> {
  return {
    id: record.id,
    email: record.email,
    role: record.role,
    models: toJsonText(record.models),
    metadata: toJsonText(record.metadata),
    allowed_ips: record.allowedIps === null ? null : toJsonText(record.allowedIps),
    ...budgetToRow(record),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export const userRows: RecordRows<UserRecord> = spendOwnerRows({ table: 'gatehouse_users', toRow: userToRow, fromRow: userFromRow });

export const userDefaults: Omit<UserFields, 'role'> = { ...defaultBudgetAndLimits, email: null, models: [], metadata: {}, allowedIps: null };
