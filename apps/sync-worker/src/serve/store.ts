/**
 * The store of the service: SQLite (a file; `./data/sync.db` by default) or PostgreSQL (`DATABASE_URL=postgres://…`),
 * migrated at start-up, with the connection credentials sealed by `SECRET_KEY`, and the local indexes in the same
 * database.
 */
import { createSecretBox, openSyncStore } from '@confluence-mcp/sync-engine';
import type { Sink, SyncStore } from '@confluence-mcp/sync-engine';
import type { LocalIndexReader } from './context';

/** The opened store and its local indexes. */
export interface ServiceStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** The database URL it was opened with (pg-boss shares a PostgreSQL one). */
  readonly url: string | undefined;
  store: SyncStore;
  localSink(indexId: string): Sink;
  localReader(indexId: string): LocalIndexReader;
  close(): Promise<void>;
}

/** Opens (creating and migrating) the database at `url`. */
export async function openServiceStore(url: string | undefined, secretKey: string, poolMax?: number): Promise<ServiceStore> {
  const opened = await openSyncStore({ url, secrets: createSecretBox(secretKey), ...(poolMax ? { pool: { max: poolMax } } : {}) });
  return {
    dialect: opened.dialect,
    url,
    store: opened.store,
    localSink: (indexId) => opened.localIndex(indexId),
    localReader: (indexId) => opened.localIndex(indexId),
    close: () => opened.close(),
  };
}
