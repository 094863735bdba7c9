/** The contract specs' factory for SQLite: an in-memory database with the real migrations. */
import { openDatabase } from '../database';
import { SqliteSyncStore } from '../sqlite-store';
import type { StoreFactory } from './factory';

/** A fresh `:memory:` `SqliteSyncStore` on the given clock. */
export const sqliteFactory: StoreFactory = async (now) => {
  const store = new SqliteSyncStore(openDatabase({ url: ':memory:' }), undefined, now);
  return { store, close: () => store.close() };
};
