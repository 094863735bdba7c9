/** The synced index behind `search_confluence_index`: the sync engine's read-only reader of the sync database. */
import type { IndexSearcher } from '@confluence-mcp/mcp-tools';
import type { IndexEnvConfig } from '@confluence-mcp/schemas';

/**
 * Opens nothing yet (the reader waits for the file). Loaded on demand: the sync engine brings better-sqlite3, a
 * native module, which a server without an index never needs.
 */
export async function openIndexSearcher(index: IndexEnvConfig): Promise<IndexSearcher & { close(): Promise<void> }> {
  const { openIndexReader } = await import('@confluence-mcp/sync-engine');
  return openIndexReader({ url: index.url, names: index.names });
}
