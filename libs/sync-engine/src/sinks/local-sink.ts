/**
 * The embedded destination: chunks in SQLite (`local_chunks`) with an FTS5 index (porter + unicode61), ranked by
 * BM25 with snippets. Lives in the same database as the sync store, so a search needs no other service.
 */
import type { Statement } from 'better-sqlite3';
import type { Chunk } from '../documents/chunker';
import type { SyncDatabase } from '../store/database';
import { ftsQuery, queryTerms } from './fts-query';
import type { Sink } from './sink';

/** One search result. */
export interface SearchHit {
  chunk_id: string;
  page_id: string;
  space_key: string;
  title: string;
  url: string;
  heading_path: string;
  /** Matching words wrapped in `[` `]`, cut with `…`. */
  snippet: string;
  /** Higher is better (negated BM25). */
  score: number;
}

/** Options of `LocalIndex.search`. */
export interface SearchOptions {
  /** 1-100. @default 10 */
  limit?: number;
  /** Only chunks of these spaces. */
  spaces?: readonly string[];
}

/** A page the local index holds. */
export interface IndexedPage {
  page_id: string;
  space_key: string;
  title: string;
  url: string;
  chunks: number;
}

const IN_BATCH = 500;
/** Column weights for BM25: title, heading path, text. */
const WEIGHTS = '4.0, 2.0, 1.0';

/** The local sink and search of one index. */
export class LocalIndex implements Sink {
  readonly kind = 'local';
  private readonly upsertStatement: Statement;

  constructor(private readonly db: SyncDatabase, readonly indexId: string) {
    this.upsertStatement = db.$client.prepare(
      `INSERT INTO local_chunks (id, index_id, page_id, space_key, title, url, heading_path, text, metadata)
       VALUES (@id, @indexId, @pageId, @spaceKey, @title, @url, @headingPath, @text, @metadata)
       ON CONFLICT(index_id, id) DO UPDATE SET page_id = excluded.page_id, space_key = excluded.space_key,
         title = excluded.title, url = excluded.url, heading_path = excluded.heading_path, text = excluded.text, metadata = excluded.metadata`,
    );
  }

  async upsert(chunks: readonly Chunk[]): Promise<void> {
    const write = this.db.$client.transaction((items: readonly Chunk[]) => {
      for (const chunk of items) {
        this.upsertStatement.run({
          id: chunk.id,
          indexId: this.indexId,
          pageId: chunk.pageId,
          spaceKey: chunk.metadata.space_key,
          title: chunk.metadata.title,
          url: chunk.metadata.url,
          headingPath: chunk.metadata.heading_path,
          text: chunk.text,
          metadata: JSON.stringify(chunk.metadata),
        });
      }
    });
    write(chunks);
  }

  async delete(ids: readonly string[]): Promise<void> {
    const remove = this.db.$client.transaction((all: readonly string[]) => {
      for (let i = 0; i < all.length; i += IN_BATCH) {
        const batch = all.slice(i, i + IN_BATCH);
        this.db.$client.prepare(`DELETE FROM local_chunks WHERE index_id = ? AND id IN (${batch.map(() => '?').join(',')})`).run(this.indexId, ...batch);
      }
    });
    remove(ids);
  }

  /**
   * Chunks matching every word of `text` (or, when none matches them all, any word), best first. Never throws on
   * user text: it is reduced to quoted words; text without words finds nothing.
   */
  search(text: string, options: SearchOptions = {}): SearchHit[] {
    // NaN would reach SQLite as a LIMIT it refuses; it means "not given".
    const asked = options.limit === undefined || Number.isNaN(options.limit) ? 10 : options.limit;
    const limit = Math.min(Math.max(Math.trunc(asked), 1), 100);
    const terms = queryTerms(text);
    for (const mode of ['all', 'any'] as const) {
      const match = ftsQuery(terms, mode);
      if (!match) return [];
      const hits = this.run(match, limit, options.spaces);
      if (hits.length > 0 || terms.length === 1) return hits;
    }
    return [];
  }

  /** Every page the index holds, by title. */
  pages(): IndexedPage[] {
    return this.db.$client
      .prepare(`SELECT page_id, space_key, MIN(title) AS title, MIN(url) AS url, COUNT(*) AS chunks FROM local_chunks WHERE index_id = ? GROUP BY page_id, space_key ORDER BY title, page_id`)
      .all(this.indexId) as IndexedPage[];
  }

  /** Every chunk, by id (for tests and exports). */
  chunks(): Array<{ id: string; page_id: string; text: string; metadata: Record<string, unknown> }> {
    const rows = this.db.$client.prepare(`SELECT id, page_id, text, metadata FROM local_chunks WHERE index_id = ? ORDER BY id`).all(this.indexId) as Array<{ id: string; page_id: string; text: string; metadata: string }>;
    return rows.map((row) => ({ ...row, metadata: JSON.parse(row.metadata) as Record<string, unknown> }));
  }

  private run(match: string, limit: number, spaces: readonly string[] | undefined): SearchHit[] {
    const spaceFilter = spaces?.length ? `AND c.space_key IN (${spaces.map(() => '?').join(',')})` : '';
    const rows = this.db.$client
      .prepare(
        `SELECT c.id AS chunk_id, c.page_id, c.space_key, c.title, c.url, c.heading_path,
                snippet(local_chunks_fts, -1, '[', ']', '…', 16) AS snippet, bm25(local_chunks_fts, ${WEIGHTS}) AS rank
         FROM local_chunks_fts JOIN local_chunks c ON c.seq = local_chunks_fts.rowid
         WHERE local_chunks_fts MATCH ? AND c.index_id = ? ${spaceFilter}
         ORDER BY rank LIMIT ?`,
      )
      .all(match, this.indexId, ...(spaces ?? []), limit) as Array<Omit<SearchHit, 'score'> & { rank: number }>;
    return rows.map(({ rank, ...hit }) => ({ ...hit, score: Math.round(-rank * 1000) / 1000 }));
  }
}
