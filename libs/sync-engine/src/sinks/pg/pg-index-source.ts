/**
 * The PostgreSQL side of `openIndexReader`: a small pool over the sync database that never migrates (the sync CLI or
 * service owns the schema) and offers nothing until the sync tables exist, as the SQLite reader does for a missing file.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import type { PgSyncDatabase } from '../../store/pg/database';
import { PgSyncStore } from '../../store/pg/pg-store';
import * as schema from '../../store/pg/schema';
import type { IndexRecord } from '../../store/types';
import type { SearchHit, SearchOptions } from '../local-sink';
import { PgLocalIndex } from './pg-local-index';

/** Where a reader finds the local indexes and their chunks (one per dialect). */
export interface IndexSource {
  /** Every index of the database; none while the database (file or tables) does not exist yet. */
  listIndexes(): Promise<IndexRecord[]>;
  search(indexId: string, query: string, options: SearchOptions): Promise<SearchHit[]>;
  close(): Promise<void>;
}

/** A reader needs few connections: the MCP tools search one index per call. */
const READER_POOL = { max: 2, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 };

/** Reads the PostgreSQL sync database at `url`; connects on first use, reconnects after `close()`. */
export function pgIndexSource(url: string): IndexSource {
  let pool: Pool | undefined;
  let db: PgSyncDatabase | undefined;
  let ready = false;

  const database = async (): Promise<PgSyncDatabase | undefined> => {
    if (!pool || !db) {
      pool = new Pool({ ...READER_POOL, connectionString: url.trim() });
      // An idle client whose server went away emits 'error' on the pool; unhandled, that would end the server.
      pool.on('error', () => undefined);
      db = drizzle({ client: pool, schema }) as PgSyncDatabase;
    }
    if (!ready) {
      // Both tables a search reads; one migration transaction creates them, so either both exist or neither.
      const { rows } = await pool
        .query<{ ready: boolean }>(`SELECT to_regclass('indexes') IS NOT NULL AND to_regclass('local_chunks') IS NOT NULL AS ready`)
        .catch((error: unknown) => {
          throw new Error(`sync database: cannot read PostgreSQL (${describe(error)})`);
        });
      ready = rows[0]?.ready === true;
    }
    return ready ? db : undefined;
  };

  return {
    async listIndexes() {
      const open = await database();
      return open ? new PgSyncStore(open).listIndexes() : [];
    },
    async search(indexId, query, options) {
      const open = await database();
      if (!open) return [];
      return new PgLocalIndex(open, indexId).search(query, options);
    },
    async close() {
      const closing = pool;
      pool = undefined;
      db = undefined;
      ready = false;
      await closing?.end();
    },
  };
}

/** A driver error in one line; pg's messages name the user and host, never the password. */
function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return [code, message?.split('\n')[0]].filter(Boolean).join(': ') || 'unknown error';
}
