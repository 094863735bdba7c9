/**
 * The local sink and search on PostgreSQL: chunks in `local_chunks` with a generated `tsvector` (english: stemming
 * and stop words; title weighted above heading path above text) under a GIN index, queried with
 * `websearch_to_tsquery`, ranked by `ts_rank`, with `ts_headline` snippets. Same contract as the SQLite `LocalIndex`:
 * user text is reduced to words first (the same `queryTerms`), every word must match, else any word; the text is
 * only ever a bound parameter.
 */
import { sql } from 'drizzle-orm';
import type { Chunk } from '../../documents/chunker';
import type { PgSyncDatabase } from '../../store/pg/database';
import { writeInBatches } from '../../store/pg/batches';
import { guarded } from '../../store/pg/errors';
import { localChunks } from '../../store/pg/schema';
import { queryTerms } from '../fts-query';
import type { IndexedPage, SearchHit, SearchOptions } from '../local-sink';
import type { Sink } from '../sink';

/** Options of `PgLocalIndex.search`: those of the SQLite index, plus paging. */
export interface PgSearchOptions extends SearchOptions {
  /** Hits to skip (for the next page of results), 0-10,000. @default 0 */
  offset?: number;
}

/** ts_rank weights for D, C, B, A: text (C) 1, heading path (B) 2, title (A) 4, as the SQLite index weighs its columns. */
const WEIGHTS = '{0.05, 0.25, 0.5, 1.0}';
/** `[word]` marks and `…` between fragments, as the SQLite index's snippets; about 16 words. */
const HEADLINE = 'StartSel=[, StopSel=], MaxWords=16, MinWords=6, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';
const ROW_BATCH = 200;
const MAX_OFFSET = 10_000;

/** The local sink and search of one index, in the PostgreSQL database of the store. */
export class PgLocalIndex implements Sink {
  readonly kind = 'local';

  constructor(private readonly db: PgSyncDatabase, readonly indexId: string) {}

  async upsert(chunks: readonly Chunk[], signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    // One row per id: ON CONFLICT cannot touch a row twice in one statement, and the last write of an id wins.
    const rows = [...new Map(chunks.map((chunk) => [chunk.id, rowOf(this.indexId, chunk)])).values()];
    await writeInBatches(this.db, 'write local chunks', rows, ROW_BATCH, (tx, slice) =>
      tx
        .insert(localChunks)
        .values(slice)
        .onConflictDoUpdate({
          target: [localChunks.indexId, localChunks.id],
          set: {
            pageId: sql`excluded.page_id`,
            spaceKey: sql`excluded.space_key`,
            title: sql`excluded.title`,
            url: sql`excluded.url`,
            headingPath: sql`excluded.heading_path`,
            text: sql`excluded.text`,
            metadata: sql`excluded.metadata`,
          },
        }),
    );
  }

  async delete(ids: readonly string[], signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (ids.length === 0) return;
    // One array parameter, whatever the number of ids.
    await guarded('delete local chunks', () => this.db.execute(sql`DELETE FROM local_chunks WHERE index_id = ${this.indexId} AND id = ANY(${textArray(ids)})`));
  }

  /**
   * Chunks matching every word of `text` (or, when none matches them all, any word), best first. Never throws on
   * user text: it is reduced to words; text without words (or only stop words) finds nothing.
   */
  async search(text: string, options: PgSearchOptions = {}): Promise<SearchHit[]> {
    const asked = options.limit === undefined || Number.isNaN(options.limit) ? 10 : options.limit;
    const limit = Math.min(Math.max(Math.trunc(asked), 1), 100);
    const offset = options.offset === undefined || Number.isNaN(options.offset) ? 0 : Math.min(Math.max(Math.trunc(options.offset), 0), MAX_OFFSET);
    const terms = queryTerms(text);
    if (terms.length === 0) return [];
    // Quoted words: websearch_to_tsquery then reads no operator (`or`, `-`) into them. "a" "b" = a & b; "a" or "b" = a | b.
    const all = terms.map((term) => `"${term}"`).join(' ');
    const hits = await this.run(all, limit, offset, options.spaces);
    if (hits.length > 0 || terms.length === 1) return hits;
    // Past the last page of all-words hits is an empty page, not the start of the any-word results.
    if (offset > 0 && (await this.run(all, 1, 0, options.spaces)).length > 0) return [];
    return this.run(terms.map((term) => `"${term}"`).join(' or '), limit, offset, options.spaces);
  }

  /** Every page the index holds, by title. */
  async pages(): Promise<IndexedPage[]> {
    const result = await guarded('list local pages', () =>
      this.db.execute<{ page_id: string; space_key: string; title: string; url: string; chunks: number }>(sql`
        SELECT page_id, space_key, min(title COLLATE "C") AS title, min(url COLLATE "C") AS url, count(*)::int AS chunks
        FROM local_chunks WHERE index_id = ${this.indexId}
        GROUP BY page_id, space_key ORDER BY 3, page_id COLLATE "C"`),
    );
    return result.rows;
  }

  /** Every chunk, by id (for tests and exports). */
  async chunks(): Promise<Array<{ id: string; page_id: string; text: string; metadata: Record<string, unknown> }>> {
    const result = await guarded('list local chunks', () =>
      this.db.execute<{ id: string; page_id: string; text: string; metadata: Record<string, unknown> }>(
        sql`SELECT id, page_id, text, metadata FROM local_chunks WHERE index_id = ${this.indexId} ORDER BY id COLLATE "C"`,
      ),
    );
    return result.rows;
  }

  private async run(query: string, limit: number, offset: number, spaces: readonly string[] | undefined): Promise<SearchHit[]> {
    const spaceFilter = spaces?.length ? sql`AND c.space_key = ANY(${textArray(spaces)})` : sql``;
    // Ranked and cut in the inner query; headlines (the costly part) only for the rows returned.
    const result = await guarded('search local chunks', () =>
      this.db.execute<Omit<SearchHit, 'score'> & { rank: number }>(sql`
        SELECT hit.chunk_id, hit.page_id, hit.space_key, hit.title, hit.url, hit.heading_path, hit.rank,
               ts_headline('english', hit.text, hit.q, ${HEADLINE}) AS snippet
        FROM (
          SELECT c.id AS chunk_id, c.page_id, c.space_key, c.title, c.url, c.heading_path, c.text, q,
                 ts_rank(${WEIGHTS}::float4[], c.search, q) AS rank
          FROM local_chunks c, websearch_to_tsquery('english', ${query}) AS q
          WHERE c.index_id = ${this.indexId} AND c.search @@ q ${spaceFilter}
          ORDER BY rank DESC, c.page_id COLLATE "C", c.id COLLATE "C"
          LIMIT ${limit} OFFSET ${offset}
        ) AS hit
        ORDER BY hit.rank DESC, hit.page_id COLLATE "C", hit.chunk_id COLLATE "C"`),
    );
    return result.rows.map(({ rank, ...hit }) => ({ ...hit, score: Math.round(Number(rank) * 1e6) / 1e6 }));
  }
}

/** A text[] parameter (drizzle would otherwise spread an array into a list of parameters). */
function textArray(values: readonly string[]) {
  return sql`${`{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`}::text[]`;
}

/** PostgreSQL text and jsonb cannot hold U+0000; Confluence text may. It is dropped (it carries no words). */
function clean(text: string): string {
  return text.includes('\u0000') ? text.split('\u0000').join('') : text;
}

function rowOf(indexId: string, chunk: Chunk): typeof localChunks.$inferInsert {
  const metadata = JSON.parse(JSON.stringify(chunk.metadata, (_key, value: unknown) => (typeof value === 'string' ? clean(value) : value))) as Record<string, unknown>;
  return {
    id: clean(chunk.id),
    indexId,
    pageId: clean(chunk.pageId),
    spaceKey: clean(chunk.metadata.space_key),
    title: clean(chunk.metadata.title),
    url: clean(chunk.metadata.url),
    headingPath: clean(chunk.metadata.heading_path),
    text: clean(chunk.text),
    metadata,
  };
}
