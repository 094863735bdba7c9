/**
 * Test helper: a sync database file built by the real sync engine from an emulator, as `sync-worker sync` builds
 * it, for the MCP servers to search. Specs only (it starts syncs against the emulator).
 */
import { clientFor } from '@confluence-mcp/confluence-client/testing';
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { LocalIndex, SqliteSyncStore, openDatabase, runSync } from '@confluence-mcp/sync-engine';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SyncedIndexes {
  /** The database file. */
  file: string;
  close(): Promise<void>;
}

/** Sync each named index (name -> space keys) from `emulator` as `username`, into a fresh file. */
export async function syncIndexes(emulator: RunningEmulator, indexes: Record<string, string[]>, username = 'alice'): Promise<SyncedIndexes> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-index-'));
  const file = join(dir, 'sync.db');
  const db = openDatabase({ url: file });
  const store = new SqliteSyncStore(db);
  const client = clientFor(emulator, username);
  for (const [name, spaces] of Object.entries(indexes)) {
    const index = await store.createIndex({ name, siteUrl: client.siteUrl, spaces, destination: 'local' });
    await runSync({ client, store, index, sink: new LocalIndex(db, index.id) });
  }
  return {
    file,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
