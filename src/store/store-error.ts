// The failure of opening, migrating or reading the durable store, with a message fit to print at
// start. Never carries a database password: callers redact before they build one.

export class StoreError extends Error {
  override readonly name = 'StoreError';
}
