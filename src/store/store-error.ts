// The failure of opening, migrating or reading the durable store, with a message fit to print at
// start. Never carries a database password: callers redact before they build one.

export class StoreError extends Error {
  override readonly name: string = 'StoreError';
}

export type StoreConflictReason = 'duplicate' | 'missing_reference' | 'in_use';

/**
 * A write the data forbids: a duplicate id, alias or email; a reference to a row that does not
 * exist; or a delete of a row others still point at. The message names the kind of record only.
 */
export class StoreConflictError extends StoreError {
  override readonly name = 'StoreConflictError';
  readonly reason: StoreConflictReason;

  constructor(reason: StoreConflictReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
