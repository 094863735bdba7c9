/**
 * `list*()` returns one page and its cursor; `iterate*()` walks every page lazily. Only one page of items is
 * held at a time, so memory does not grow with the size of the space.
 */
import { ListPage } from '../model';
import { InvalidArgumentError } from './errors';

/** Iterate every item, fetching pages on demand. */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<ListPage<T>>, firstCursor?: string): AsyncGenerator<T> {
  let cursor = firstCursor;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (!page.nextCursor || page.nextCursor === cursor) return;
    cursor = page.nextCursor;
  }
}

/** The `cursor` parameter of a Cloud v2 `_links.next` (a relative URL, also when called through the gateway). */
export function cursorFromNextLink(next: string | undefined): string | undefined {
  if (!next) return undefined;
  const query = next.slice(next.indexOf('?') + 1);
  return new URLSearchParams(query).get('cursor') ?? undefined;
}

/**
 * Where a list call begins: the `nextCursor` of the previous page, or (Data Center, and CQL search on both
 * flavours) an offset, `start`. Not both.
 */
export interface Paging {
  /** The `nextCursor` of the previous page; omit for the first page. */
  cursor?: string;
  /**
   * Offset of the first item (`nextStart` of the previous page), instead of `cursor`. Data Center lists page by
   * offset; Confluence Cloud's v2 lists page by cursor only, so there a `start` is refused (`InvalidArgumentError`
   * naming `start`). CQL search takes it on both flavours. @default 0
   */
  start?: number;
}

/** Paging and page size of a list without filters (`pages.children`, `pages.versions`, `comments.replies`...). */
export interface ListOptions extends Paging {
  /** Items per call, 1 to the list's entry in `PAGE_LIMITS` for the flavour. @default 25 */
  limit?: number;
}

/** `start` is a whole number and comes alone. */
export function checkStart({ start, cursor }: Paging): void {
  if (start === undefined) return;
  if (!Number.isInteger(start) || start < 0) throw new InvalidArgumentError('start: must be a whole number >= 0');
  if (cursor !== undefined) throw new InvalidArgumentError('start: give either start or cursor, not both');
}

/** Data Center: the offset a list call begins at, from `start` or from the offset a previous `nextCursor` holds. */
export function offsetOf(paging: Paging): number {
  checkStart(paging);
  return paging.start ?? parseStartCursor(paging.cursor);
}

/** Cloud's v2 lists page by an opaque cursor only: a `start` is refused, naming it. */
export function cursorOf(paging: Paging): string | undefined {
  checkStart(paging);
  if (paging.start !== undefined) {
    throw new InvalidArgumentError('start: Confluence Cloud pages this list by cursor only; omit start, then pass the cursor the previous page returned');
  }
  return paging.cursor;
}

/**
 * A page of a list that pages by offset: the next offset as `nextStart` and as the opaque `nextCursor`.
 * `_links.next` is the only reliable end signal: a full page may be the last one, and the server may return fewer
 * than asked (it clamps `limit` silently) while more remain.
 */
export function offsetPage<T>(items: T[], start: number, received: number, hasNextLink: boolean, total?: number): ListPage<T> {
  const next = hasNextLink && received > 0 ? start + received : undefined;
  const page: ListPage<T> = { items, nextCursor: next === undefined ? undefined : String(next), nextStart: next };
  if (total !== undefined) page.total = total;
  return page;
}

/** Parse a Data Center offset cursor; a bad one is the caller's mistake, named as such. */
function parseStartCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const start = Number(cursor);
  if (!/^\d+$/.test(cursor) || !Number.isSafeInteger(start)) throw new InvalidArgumentError(`cursor: '${cursor.slice(0, 40)}' is not a cursor this client returned`);
  return start;
}

/** Collect at most `max` items: every "give me everything" helper demands a limit. */
export async function collect<T>(items: AsyncIterable<T>, max: number): Promise<T[]> {
  if (!Number.isInteger(max) || max < 1) throw new InvalidArgumentError('max: must be a positive integer');
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

/** The cursor of a `Link: <...>; rel="next"` header, which Cloud sends before the body. */
export function cursorFromLinkHeader(link: string | null): string | undefined {
  const next = link ? /<([^>]*)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
  return cursorFromNextLink(next);
}

/**
 * Iterate a cursor-paginated list, asking for page N+1 as soon as the headers of page N arrive (their `Link`
 * names the next cursor), so the next round trip overlaps reading and validating this page. At most two pages
 * are held at once. Without a `Link` header it falls back to the body's cursor.
 */
export async function* prefetchingPaginate<T>(
  request: (cursor: string | undefined) => Promise<Response>,
  read: (response: Response) => Promise<ListPage<T>>,
): AsyncGenerator<T> {
  let pending: Promise<Response> | undefined = request(undefined);
  try {
    while (pending) {
      const response: Response = await pending;
      const early = cursorFromLinkHeader(response.headers.get('link'));
      pending = early ? request(early) : undefined;
      // An early request that fails while this page is still being read must not go unobserved.
      pending?.catch(() => undefined);
      const page = await read(response);
      if (!early && page.nextCursor) pending = request(page.nextCursor);
      yield* page.items;
    }
  } finally {
    // The consumer stopped early: drop the page fetched ahead.
    pending?.then((r) => r.body?.cancel()).catch(() => undefined);
  }
}
