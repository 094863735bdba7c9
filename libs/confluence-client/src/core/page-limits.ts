/** The most items one call of each list can return, per flavour: the APIs' own caps, in one place. */
import { Flavor } from './options';

/**
 * Largest `limit` each list method accepts, per flavour (what Confluence itself caps a page at). The `iterate*()`
 * methods ask for these by default. Search is the exception: its `limit` accepts up to 1000, but Confluence gives
 * at most `search` hits per call (`searchWithBody` with a body expansion), so a page may hold fewer.
 *
 * @example
 * // The largest page that is valid on both flavours, for an API of your own:
 * const max = Math.min(PAGE_LIMITS.comments.cloud, PAGE_LIMITS.comments.dc); // 50
 */
export const PAGE_LIMITS = {
  /** `spaces.list` */
  spaces: { cloud: 250, dc: 500 },
  /** `pages.list` without bodies */
  pages: { cloud: 250, dc: 200 },
  /** `pages.list` with `body: true` (Data Center caps content with bodies at 50) */
  pagesWithBody: { cloud: 250, dc: 50 },
  /** `pages.children` */
  children: { cloud: 250, dc: 200 },
  /** `pages.versions` */
  versions: { cloud: 250, dc: 200 },
  /** `comments.list` (Data Center always expands bodies) */
  comments: { cloud: 250, dc: 50 },
  /** `comments.replies` */
  replies: { cloud: 250, dc: 50 },
  /** `attachments.list` */
  attachments: { cloud: 250, dc: 200 },
  /** `labels.list` */
  labels: { cloud: 250, dc: 200 },
  /** `search.cql` and `search.contentSearch`: hits per call without bodies */
  search: { cloud: 200, dc: 200 },
  /** `search.cql` and `search.contentSearch` with a body */
  searchWithBody: { cloud: 50, dc: 50 },
} as const satisfies Record<string, Record<Flavor, number>>;

/** A kind of list in `PAGE_LIMITS`. */
export type ListKind = keyof typeof PAGE_LIMITS;
