/** The core store contract (leases, runs, page records, connections, cascades) on `SqliteSyncStore`, `:memory:` with the real migrations. */
import { storeCoreContract } from './contract/store-core';
import { openSyncStore } from './open-sync-store';
import { SqliteSyncStore } from './sqlite-store';

storeCoreContract(async (now, secrets) => {
  const opened = await openSyncStore({ url: ':memory:', secrets, now });
  const db = (opened.store as SqliteSyncStore).db;
  return {
    ...opened,
    rawSecret: async (id) => (db.$client.prepare('SELECT secret FROM connections WHERE id = ?').get(id) as { secret: string }).secret,
  };
});
