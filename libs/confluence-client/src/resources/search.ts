/** CQL search: `/search` (hits with excerpts) and `/content/search` (pages), v1 on Cloud and Data Center alike. */
import { V1ContentSchema, V1SearchResponseSchema, V1SearchResultSchema, v1ContentArraySchema } from '@confluence-mcp/schemas';
import type { z } from 'zod';
import { CallOptions } from '../core/call';
import { ClientContext, checkLimit } from '../core/context';
import { PAGE_LIMITS } from '../core/page-limits';
import { Paging, checkStart, cursorFromNextLink, offsetOf, offsetPage, paginate } from '../core/pagination';
import { Cql } from '../cql';
import { ListPage, Page, SearchHit } from '../model';
import { pageFromV1 } from './mappers';
import { InvalidArgumentError } from '../core/errors';

/** What to expand on each hit's content. Bodies make Confluence cap a page of results at 50. */
export interface SearchExpand {
  body?: 'storage' | 'view';
  version?: boolean;
  space?: boolean;
  ancestors?: boolean;
}

/**
 * Paging, expansions and excerpts of `search.cql()`. `start` (an offset) works on Cloud and Data Center alike:
 * the v1 search API takes it on both.
 */
export interface SearchOptions extends Paging {
  /**
   * Results per call, 1-1000. Confluence gives at most 50 with a body expansion and the client asks for at most
   * 200 otherwise (`PAGE_LIMITS.search`), so a page may hold fewer than `limit`: keep following `nextCursor`.
   * @default 25
   */
  limit?: number;
  /** What to expand on each hit's content. */
  expand?: SearchExpand;
  /** `highlight` marks matches with `@@@hl@@@`...`@@@endhl@@@`. @default Confluence's ('highlight') */
  excerpt?: 'highlight' | 'indexed' | 'none';
  /** Also search spaces that are archived. @default false */
  includeArchivedSpaces?: boolean;
}

/** Paging and body of `search.contentSearch()`; `start` works on both flavours, as for `cql()`. */
export interface ContentSearchOptions extends Paging {
  /** As for `cql()`: at most 50 per call with a body, 200 without. @default 25 */
  limit?: number;
  /** Include each page's body in this representation. */
  bodyFormat?: 'storage' | 'view';
}

/**
 * A CQL query: a `Cql` from the `cql` builder, or a string sent **exactly as given**.
 *
 * Never put user text into a string query: text such as `x" OR space = "SECRET` changes the query. Build such
 * queries with `cql` (or `buildSearchCql`), which quotes and escapes every value.
 */
export type CqlQuery = string | Cql;

/** The largest `limit` accepted; the client asks for at most `PAGE_LIMITS.search` (or `searchWithBody`). */
const MAX_LIMIT = 1000;
/** v1 expansions that give everything `Page` holds (as `pages.get` on Data Center). */
const PAGE_EXPAND = 'space,version,ancestors,history,extensions';
const contentList = v1ContentArraySchema(V1ContentSchema);

/** `client.search`: CQL search, as hits (`cql`) or as pages (`contentSearch`). */
export class SearchResource {
  constructor(private readonly ctx: ClientContext) {}

  /**
   * One page of CQL search hits, with `total` when Confluence counts them. Pages and blog posts carry their
   * content (`hit.content`) with the expansions asked for.
   *
   * A string query is sent as given: callers who build CQL from user input must use the `cql` builder.
   * A query Confluence cannot parse is a `BadRequestError` whose `serverMessage` says why.
   *
   * @example
   * const query = cql.and(cql.eq('type', 'page'), cql.contains('text', userInput));
   * const { items, nextCursor } = await confluence.search.cql(query, { limit: 20, expand: { body: 'storage' } });
   */
  async cql(query: CqlQuery, options: SearchOptions = {}, call?: CallOptions): Promise<ListPage<SearchHit>> {
    const expand = [
      options.expand?.body && `content.body.${options.expand.body}`,
      options.expand?.version && 'content.version',
      options.expand?.space && 'content.space',
      options.expand?.ancestors && 'content.ancestors',
    ].filter(Boolean);
    const data = await this.ctx.transport.json('GET', '/search', V1SearchResponseSchema, {
      api: 'v1',
      call,
      searchParams: {
        ...this.paging(query, options, Boolean(options.expand?.body)),
        expand: expand.length ? expand.join(',') : undefined,
        excerpt: options.excerpt,
        includeArchivedSpaces: options.includeArchivedSpaces || undefined,
      },
    });
    return this.listPage(
      data.results.map((result) => this.hit(result)),
      data.results.length,
      data._links.next,
      options,
      data.totalSize,
    );
  }

  /**
   * Every hit of a query, lazily, at the largest page size the API gives; stops when `call.signal` aborts. A
   * string query is sent as given.
   */
  iterate(query: CqlQuery, options: Omit<SearchOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<SearchHit> {
    const limit = options.limit ?? (options.expand?.body ? PAGE_LIMITS.searchWithBody : PAGE_LIMITS.search)[this.ctx.flavor];
    return paginate((cursor) => this.cql(query, { ...options, limit, cursor }, call));
  }

  /**
   * One page of the pages and blog posts a CQL query matches, as full `Page`s (`/content/search`). A string
   * query is sent as given: build queries from user input with the `cql` builder.
   */
  async contentSearch(query: CqlQuery, options: ContentSearchOptions = {}, call?: CallOptions): Promise<ListPage<Page>> {
    const data = await this.ctx.transport.json('GET', '/content/search', contentList, {
      api: 'v1',
      call,
      searchParams: {
        ...this.paging(query, options, Boolean(options.bodyFormat)),
        expand: options.bodyFormat ? `${PAGE_EXPAND},body.${options.bodyFormat}` : PAGE_EXPAND,
      },
    });
    const pages = data.results.filter((c) => c.type === 'page' || c.type === 'blogpost').map((c) => this.page(c));
    return this.listPage(pages, data.results.length, data._links?.next, options);
  }

  /** Every page a query matches, lazily (see `contentSearch`); stops when `call.signal` aborts. */
  iterateContent(query: CqlQuery, options: Omit<ContentSearchOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<Page> {
    const limit = options.limit ?? (options.bodyFormat ? PAGE_LIMITS.searchWithBody : PAGE_LIMITS.search)[this.ctx.flavor];
    return paginate((cursor) => this.contentSearch(query, { ...options, limit, cursor }, call));
  }

  /** `cql`, `limit` and the cursor (Cloud) or `start` (Data Center, or when given) of one call. */
  private paging(query: CqlQuery, options: Paging & { limit?: number }, withBody: boolean) {
    checkStart(options);
    // Confluence clamps silently; asking for what it gives keeps `limit` and the page size the same.
    const asked = Math.min(checkLimit(options.limit, MAX_LIMIT), (withBody ? PAGE_LIMITS.searchWithBody : PAGE_LIMITS.search)[this.ctx.flavor]);
    if (options.start === undefined && this.ctx.flavor === 'cloud') return { cql: cqlText(query), limit: asked, cursor: options.cursor };
    return { cql: cqlText(query), limit: asked, start: offsetOf(options) };
  }

  /**
   * Cloud: the cursor in `_links.next`, and the next offset when this call was made by offset (no cursor). Data
   * Center: the next offset (also as the cursor), counted from what came back (not from what was asked), while
   * `_links.next` says more follow.
   */
  private listPage<T>(items: T[], received: number, next: string | undefined, paging: Paging, total?: number): ListPage<T> {
    if (this.ctx.flavor === 'dc') return offsetPage(items, offsetOf(paging), received, Boolean(next), total);
    const nextCursor = cursorFromNextLink(next);
    const page: ListPage<T> = { items, nextCursor };
    if (nextCursor && paging.cursor === undefined) page.nextStart = (paging.start ?? 0) + received;
    if (total !== undefined) page.total = total;
    return page;
  }

  private hit(result: z.infer<typeof V1SearchResultSchema>): SearchHit {
    const { content, space, user } = result;
    const isPage = content?.type === 'page' || content?.type === 'blogpost';
    return {
      id: content?.id ?? space?.key ?? user?.accountId ?? user?.userKey ?? user?.username ?? '',
      type: content?.type ?? (space ? 'space' : user ? 'user' : result.entityType),
      // `result.title` carries highlight markers; the content's own title does not.
      title: content?.title ?? space?.name ?? user?.displayName ?? result.title,
      excerpt: result.excerpt,
      spaceKey: content?.space?.key ?? spaceKeyOf(content?._expandable?.space) ?? space?.key,
      lastModified: result.lastModified || undefined,
      url: /^https?:\/\//.test(result.url) ? result.url : `${this.ctx.siteUrl}${result.url}`,
      content: content && isPage ? this.page(content) : undefined,
    };
  }

  private page(content: z.infer<typeof V1ContentSchema>): Page {
    if (content.space?.id !== undefined) this.ctx.spaces.remember(String(content.space.id), content.space.key);
    return pageFromV1(content, this.ctx.siteUrl);
  }
}

/** The query text: a `Cql`'s, or a non-empty string as given. */
function cqlText(query: CqlQuery): string {
  if (query instanceof Cql) return query.text;
  if (typeof query !== 'string' || !query.trim()) throw new InvalidArgumentError('query: must be a non-empty CQL string or a Cql from the cql builder');
  return query;
}

/** An unexpanded space is named by its link, `/rest/api/space/KEY`. */
function spaceKeyOf(link: string | undefined): string | undefined {
  const key = link && /\/space\/([^/?]+)$/.exec(link)?.[1];
  return key ? decodeURIComponent(key) : undefined;
}
