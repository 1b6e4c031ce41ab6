// Maps organisation rows to records and back (JSON text, 0/1 booleans, numbers from either dialect),
// and the defaults of a new record. Queries beyond one row by id live in the repository.

import type { Selectable } from 'kysely';
import type { OrganizationRecord } from '../records.js';
import type { OrganizationsTable } from '../schema.js';
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

export type OrganizationFields = FieldsOf<OrganizationRecord>;

export const organizationColumnSet = {
  ...budgetColumnSet,
  ...scopeColumnSet,
  id: true,
  alias: true,
  created_at: true,
  updated_at: true,
} as const satisfies Record<keyof OrganizationsTable, true>;

export function organizationFromRow(row: Selectable<OrganizationsTable>): OrganizationRecord {
  return {
    id: row.id,
    alias: row.alias,
    ...budgetFromRow(row),
    ...scopeFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function organizationToRow(record: OrganizationRecord): Omit<OrganizationsTable, 'spend'> {
  return {
    id: record.id,
    alias: record.alias,
    ...budgetToRow(record),
    ...scopeToRow(record),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export const organizationRows: RecordRows<OrganizationRecord> = spendOwnerRows({ table: 'gatehouse_organizations', toRow: organizationToRow, fromRow: organizationFromRow });

export const organizationDefaults: OrganizationFields = { ...defaultBudgetAndLimits, ...defaultScope, alias: null };
