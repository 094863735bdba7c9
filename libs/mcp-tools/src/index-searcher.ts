/**
 * The seam between `search_confluence_index` and a synced index. This library does not know how indexes are stored
 * (it may not import the sync engine); the apps implement this over the sync database and pass it in the server's
 * dependencies when an index is configured.
 */

/** Options of one index search. */
export interface IndexSearchOptions {
  /** Hits wanted, 1-100. */
  limit: number;
  /** Only hits of these space keys (as given; the tool also filters what comes back). */
  spaces?: readonly string[];
}

/** One hit: a chunk of a page, with where it sits in the page. */
export interface IndexHit {
  page_id: string;
  space_key: string;
  title: string;
  url: string;
  /** Headings above the chunk, `A > B`; empty for text before the first heading. */
  heading_path: string;
  /** Matching words wrapped in `[` `]`, cut with `…`. */
  snippet: string;
  /** Higher is better. */
  score: number;
}

/** Synced indexes a server can search. */
export interface IndexSearcher {
  /** Names of the indexes offered; none while nothing is synced yet. */
  indexes(): Promise<string[]>;
  /**
   * Hits of `query` in the index `name` (one of `indexes()`), best first, and the Confluence site the index was
   * synced from (its page ids belong to that site).
   */
  search(name: string, query: string, options: IndexSearchOptions): Promise<{ siteUrl: string; hits: IndexHit[] }>;
}
