// Maps team rows to records and back (JSON text, 0/1 booleans, numbers from either dialect),
// and the defaults of a new record. Queries beyond one row by id live in the repository.

import type { Selectable } from 'kysely';
import type { TeamRecord } from '../records.js';
import type { TeamsTable } from '../schema.js';
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
import { parseNullableStringList, toJsonText } from './row-values.js';

export type TeamFields = FieldsOf<TeamRecord>;

export const teamColumnSet = {
  ...budgetColumnSet,
  ...scopeColumnSet,
  id: true,
  alias: true,
  organization_id: true,
  allowed_ips: true,
  created_at: true,
  updated_at: true,
} as const satisfies Record<keyof TeamsTable, true>;

export function teamFromRow(row: Selectable<TeamsTable>): TeamRecord {
  return {
    id: row.id,
    alias: row.alias,
    organizationId: row.organization_id,
    allowedIps: parseNullableStringList(row.allowed_ips, 'teams.allowed_ips'),
    ...budgetFromRow(row),
    ...scopeFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function teamToRow(record: TeamRecord): Omit<TeamsTable, 'spend'> {
  return {
    id: record.id,
    alias: record.alias,
    organization_id: record.organizationId,
    allowed_ips: record.allowedIps === null ? null : toJsonText(record.allowedIps),
    ...budgetToRow(record),
    ...scopeToRow(record),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export const teamRows: RecordRows<TeamRecord> = spendOwnerRows({ table: 'gatehouse_teams', toRow: teamToRow, fromRow: teamFromRow });

export const teamDefaults: TeamFields = { ...defaultBudgetAndLimits, ...defaultScope, alias: null, organizationId: null, allowedIps: null };
