/**
 * Search over the local indexes of a sync database, for processes that only read it (the MCP servers) while the
 * sync CLI or service writes it. SQLite: the file is opened read-only, once it exists, and every call sees the latest
 * committed sync (WAL readers take a fresh snapshot per statement). PostgreSQL (`postgres://`): a small pool that runs
 * no migrations and offers nothing until the sync tables exist.
 */
import { existsSync } from 'node:fs';
import { databasePath, openDatabase } from '../store/database';
import type { SyncDatabase } from '../store/database';
import { isPostgresUrl } from '../store/pg/database';
import { SqliteSyncStore } from '../store/sqlite-store';
import type { IndexRecord } from '../store/types';
import { LocalIndex } from './local-sink';
import type { SearchHit } from './local-sink';
import { pgIndexSource } from './pg/pg-index-source';
import type { IndexSource } from './pg/pg-index-source';

/** Options of `openIndexReader`. */
export interface IndexReaderOptions {
  /** The sync database (as `DATABASE_URL`): a file path, a `file:` URL, or a `postgres://` URL. */
  url: string;
  /** Only these index names; every `local` index when absent or empty. */
  names?: readonly string[];
}

/** What one search found, and where the index's pages come from. */
export interface IndexSearchAnswer {
  /** The Confluence site the index was synced from (its page ids are that site's). */
  siteUrl: string;
  /** Best first. */
  hits: SearchHit[];
}

/** Read-only search over named local indexes; see `openIndexReader`. */
export interface IndexReader {
  /** Names of the searchable indexes, sorted; none while the database (file or tables) does not exist yet. */
  indexes(): Promise<string[]>;
  /** Hits of `query` in the index named `name` (one of `indexes()`); throws when there is no such index. */
  search(name: string, query: string, options?: { limit?: number; spaces?: readonly string[] }): Promise<IndexSearchAnswer>;
  /** Closes the file or ends the pool; a later call opens it again. */
  close(): Promise<void>;
}

/**
 * A reader of the local indexes in the database at `url`. Nothing is opened until the first call, and a missing
 * file (or, on PostgreSQL, missing tables) is looked for again on every call, so a server may start before the first
 * sync has created it. Two indexes of one name (different owners in the sync service) are told apart by the start of
 * their id: `docs~1a2b3c4d`.
 *
 * @example
 * const reader = openIndexReader({ url: './data/sync.db' }); // or 'postgres://reader@db/sync'
 * const [name] = await reader.indexes();
 * const { hits } = await reader.search(name, 'on-call rotation', { limit: 5 });
 */
export function openIndexReader(options: IndexReaderOptions): IndexReader {
  const source = isPostgresUrl(options.url) ? pgIndexSource(options.url) : sqliteIndexSource(options.url);
  const wanted = options.names?.length ? new Set(options.names) : undefined;

  const named = async (): Promise<Map<string, IndexRecord>> => {
    const local = (await source.listIndexes()).filter((index) => index.destination === 'local');
    const count = new Map<string, number>();
    for (const index of local) count.set(index.name, (count.get(index.name) ?? 0) + 1);
    const byName = new Map<string, IndexRecord>();
    for (const index of local) {
      const name = (count.get(index.name) ?? 0) > 1 ? `${index.name}~${index.id.slice(0, 8)}` : index.name;
      if (!wanted || wanted.has(name) || wanted.has(index.name)) byName.set(name, index);
    }
    return byName;
  };

  return {
    async indexes() {
      return [...(await named()).keys()].sort((a, b) => a.localeCompare(b));
    },
    async search(name, query, searchOptions = {}) {
      const index = (await named()).get(name);
      if (!index) throw new Error(`index ${name}: not found`);
      return { siteUrl: index.siteUrl, hits: await source.search(index.id, query, searchOptions) };
    },
    close: () => source.close(),
  };
}

/** The SQLite file at `url`, opened read-only once it exists (looked for again on every call until then). */
function sqliteIndexSource(url: string): IndexSource {
  const path = databasePath(url);
  let db: SyncDatabase | undefined;
  const database = (): SyncDatabase | undefined => {
    if (!db && path !== ':memory:' && existsSync(path)) db = openDatabase({ url: path, readonly: true });
    return db;
  };
  return {
    async listIndexes() {
      const open = database();
      return open ? new SqliteSyncStore(open).listIndexes() : [];
    },
    async search(indexId, query, options) {
      const open = database();
      return open ? new LocalIndex(open, indexId).search(query, options) : [];
    },
    async close() {
      db?.$client.close();
      db = undefined;
    },
  };
}
