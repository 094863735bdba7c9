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
 * Data Center pages by offset. `_links.next` is the only reliable end signal: a full page may be the last one,
 * and the server may return fewer than asked (it clamps `limit` silently) while more remain.
 */
export function nextStart(start: number, received: number, _limit: number, hasNextLink: boolean): string | undefined {
  return hasNextLink && received > 0 ? String(start + received) : undefined;
}

/** Parse a DC offset cursor; a bad one is the caller's mistake, named as such. */
export function parseStartCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const start = Number(cursor);
  if (!Number.isInteger(start) || start < 0) throw new InvalidArgumentError(`cursor: '${cursor.slice(0, 40)}' is not a cursor this client returned`);
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
