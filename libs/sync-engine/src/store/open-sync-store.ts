/** One entry point for both dialects: `DATABASE_URL` = `postgres://...` selects PostgreSQL, anything else SQLite. */
import type { Chunk } from '../documents/chunker';
import { LocalIndex } from '../sinks/local-sink';
import type { IndexedPage, SearchHit, SearchOptions } from '../sinks/local-sink';
import { PgLocalIndex } from '../sinks/pg/pg-local-index';
import type { Sink } from '../sinks/sink';
import { DEFAULT_DATABASE_PATH, openDatabase } from './database';
import { isPostgresUrl, openPgDatabase } from './pg/database';
import type { OpenPgDatabaseOptions } from './pg/database';
import { PgSyncStore } from './pg/pg-store';
import type { SecretBox } from './secrets';
import { SqliteSyncStore } from './sqlite-store';
import type { SyncStore } from './types';

/** The local sink and search of one index, whatever the database (every method async). */
export interface LocalSearchIndex extends Sink {
  readonly indexId: string;
  /** Every word must match, else any word; best first. (Paging, `offset`, is `PgLocalIndex`'s alone so far.) */
  search(text: string, options?: SearchOptions): Promise<SearchHit[]>;
  pages(): Promise<IndexedPage[]>;
  chunks(): Promise<Array<{ id: string; page_id: string; text: string; metadata: Record<string, unknown> }>>;
}

/** A store and the local indexes living in the same database. */
export interface OpenedSyncStore {
  readonly dialect: 'sqlite' | 'postgres';
  readonly store: SyncStore;
  /** The local sink and search of `indexId`, in the store's database. */
  localIndex(indexId: string): LocalSearchIndex;
  /** Closes the database (the store's and the local indexes' connections). */
  close(): Promise<void>;
}

/** Options of `openSyncStore`. */
export interface OpenSyncStoreOptions {
  /** @default process.env.DATABASE_URL ?? './data/sync.db' */
  url?: string;
  /** Seals connection credentials (`createSecretBox(SECRET_KEY)`); needed only to store or read them. */
  secrets?: SecretBox;
  /** Folder of the migrations of the chosen dialect. @default found next to this module */
  migrationsFolder?: string;
  /** PostgreSQL only: pool settings (`max` connections and the like). */
  pool?: OpenPgDatabaseOptions['pool'];
  /** Test seam: the store's clock. @default Date.now */
  now?: () => number;
}

/**
 * Opens and migrates the sync database named by `url`: PostgreSQL for `postgres://` and `postgresql://` URLs,
 * SQLite (a file, a `file:` URL or `:memory:`) for anything else.
 *
 * @example
 * const { store, localIndex, close } = await openSyncStore({ url: process.env.DATABASE_URL, secrets: createSecretBox(process.env.SECRET_KEY) });
 */
export async function openSyncStore(options: OpenSyncStoreOptions = {}): Promise<OpenedSyncStore> {
  const url = options.url ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_PATH;
  if (isPostgresUrl(url)) {
    const db = await openPgDatabase({ url, migrationsFolder: options.migrationsFolder, pool: options.pool });
    const store = new PgSyncStore(db, options.secrets, options.now);
    return { dialect: 'postgres', store, localIndex: (indexId) => new PgLocalIndex(db, indexId), close: () => store.close() };
  }
  const db = openDatabase({ url, migrationsFolder: options.migrationsFolder });
  const store = new SqliteSyncStore(db, options.secrets, options.now);
  return { dialect: 'sqlite', store, localIndex: (indexId) => asyncLocalIndex(new LocalIndex(db, indexId)), close: () => store.close() };
}

/** The SQLite index behind the async interface (its own methods are synchronous). */
function asyncLocalIndex(local: LocalIndex): LocalSearchIndex {
  return {
    kind: local.kind,
    indexId: local.indexId,
    upsert: (chunks: readonly Chunk[]) => local.upsert(chunks),
    delete: (ids: readonly string[]) => local.delete(ids),
    search: async (text, options) => local.search(text, options),
    pages: async () => local.pages(),
    chunks: async () => local.chunks(),
  };
}
