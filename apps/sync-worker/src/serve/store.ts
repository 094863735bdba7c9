/**
 * The store of the service: SQLite (`DATABASE_URL`, a file by default), migrated at start-up, with the connection
 * credentials sealed by `SECRET_KEY`, and the local indexes in the same database.
 */
import { LocalIndex, SqliteSyncStore, createSecretBox, openDatabase } from '@confluence-mcp/sync-engine';
import type { Sink, SyncStore } from '@confluence-mcp/sync-engine';
import type { LocalIndexReader } from './context';

/** The opened store and its local indexes. */
export interface ServiceStore {
  store: SyncStore;
  localSink(indexId: string): Sink;
  localReader(indexId: string): LocalIndexReader;
  close(): Promise<void>;
}

/** Opens (creating and migrating) the database at `url`. */
export async function openServiceStore(url: string | undefined, secretKey: string): Promise<ServiceStore> {
  const db = openDatabase({ url });
  const store = new SqliteSyncStore(db, createSecretBox(secretKey));
  return {
    store,
    localSink: (indexId) => new LocalIndex(db, indexId),
    localReader: (indexId) => new LocalIndex(db, indexId),
    close: () => store.close(),
  };
}
