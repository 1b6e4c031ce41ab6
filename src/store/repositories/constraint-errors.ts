// Turns the database's constraint violations (unique, foreign key) into StoreConflictError with a
// message the caller chose, on both dialects. The driver's own message (which may quote values) is
// never passed on.

import { StoreConflictError } from '../store-error.js';
import type { StoreConflictReason } from '../store-error.js';

export interface ConflictMessages {
  /** A unique key (id, alias, email, hash) is taken. */
  readonly duplicate?: string;
  /** A foreign key points at a row that does not exist (on insert or update). */
  readonly missingReference?: string;
  /** A row is still referenced (on delete). */
  readonly inUse?: string;
}

const messageOf = {
  duplicate: 'duplicate',
  missing_reference: 'missingReference',
  in_use: 'inUse',
} as const satisfies Record<StoreConflictReason, keyof ConflictMessages>;

export async function withConflictMessages<T>(work: () => Promise<T>, messages: ConflictMessages): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const reason = reasonOf(constraintKind(error), messages);
    const message = reason === undefined ? undefined : messages[messageOf[reason]];
    if (reason === undefined || message === undefined) throw error;
    throw new StoreConflictError(reason, message);
  }
}

/** A foreign-key failure means "in use" to a delete (which supplies that message), else "missing". */
function reasonOf(kind: 'unique' | 'foreign_key' | undefined, messages: ConflictMessages): StoreConflictReason | undefined {
  if (kind === 'unique') return 'duplicate';
  if (kind === 'foreign_key') return messages.inUse === undefined ? 'missing_reference' : 'in_use';
  return undefined;
}

/** better-sqlite3 sets `code` to SQLITE_CONSTRAINT_*; pg sets the SQLSTATE (23505, 23503). */
function constraintKind(error: unknown): 'unique' | 'foreign_key' | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key';
  return undefined;
}
