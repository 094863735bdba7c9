/** The synced index behind `search_confluence_index`: the sync engine's read-only reader of the sync database. */
import type { IndexSearcher } from '@confluence-mcp/mcp-tools';
import type { IndexEnvConfig } from '@confluence-mcp/schemas';
import { openIndexReader } from '@confluence-mcp/sync-engine';

/** Opens nothing yet: the reader waits for the file (or the PostgreSQL tables), so the server may start before the first sync. */
export function openIndexSearcher(index: IndexEnvConfig): IndexSearcher & { close(): Promise<void> } {
  return openIndexReader({ url: index.url, names: index.names });
}
