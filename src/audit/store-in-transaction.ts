// A Store whose every query runs in one open transaction, so the repositories (which open their
// own transactions for multi-statement writes) can be used inside `withAudit`: a transaction they
// begin joins the open one instead. Committing and rolling back stay with the opener.

import type { Transaction, TransactionBuilder } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';

/** Stands in for `trx.transaction()`, which Kysely refuses: runs the callback in `trx` itself. */
function joiningBuilder(trx: Transaction<Database>): TransactionBuilder<Database> {
  const builder = {
    execute: <T>(callback: (inner: Transaction<Database>) => Promise<T>): Promise<T> => callback(trx),
    // The open transaction's isolation and access mode already apply; asking again changes nothing.
    setIsolationLevel: () => builder,
    setAccessMode: () => builder,
  };
  // Structurally the builder's public surface; its private fields are never read by callers.
  return builder as unknown as TransactionBuilder<Database>;
}

export function storeInTransaction(store: Store, trx: Transaction<Database>): Store {
  const db = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => joiningBuilder(target);
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields, so methods must run on the real object.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return Object.freeze({
    db,
    dialect: store.dialect,
    close: () => Promise.reject(new Error('A store inside a transaction cannot be closed; close the store that opened it.')),
  });
}
