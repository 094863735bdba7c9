/** The v2 list envelope: `results`, `_links.next` (relative, as Cloud sends it) and the `Link` header. */
import { Handled, one } from '../../http/context';
import { badRequest } from '../../http/errors';
import { compareIds, compareKeys, keysetPage, nextLink, parseLimit } from '../../http/pagination';

export interface SortSpec<T> {
  /** Sort names accepted by the endpoint, e.g. `id`, `-id`, `title`. */
  [name: string]: (item: T) => string | number;
}

/** Sort, paginate and render a v2 list. */
export function v2List<T extends { id: string }, R>(
  ctx: Handled,
  items: T[],
  options: { sorts: SortSpec<T>; defaultSort: string; render: (item: T) => R; defaultLimit?: number; maxLimit?: number },
) {
  const sort = one(ctx.query.sort) ?? options.defaultSort;
  const keyOf = options.sorts[sort];
  if (!keyOf) throw badRequest(`Invalid value for parameter 'sort': ${sort.slice(0, 40)}. Expected one of ${Object.keys(options.sorts).join(', ')}`);
  const descending = sort.startsWith('-');
  // Keys are computed once per item (not per comparison), and sorting uses the same order as cursors do.
  const sorted = items.map((item) => ({ id: item.id, key: keyOf(item), item }));
  const dir = descending ? -1 : 1;
  sorted.sort((a, b) => dir * (compareKeys(a.key, b.key) || compareIds(a.id, b.id)));
  const limit = parseLimit(one(ctx.query.limit), options.defaultLimit ?? 25, options.maxLimit ?? 250);
  const page = keysetPage(sorted, { cursor: one(ctx.query.cursor), limit, sort, key: (entry) => entry.key, descending });
  const links: Record<string, string> = { base: ctx.base };
  if (page.nextCursor) {
    const path = ctx.request.url.split('?')[0].replace(/^\/ex\/confluence\/[^/]+/, '');
    links.next = nextLink(path, ctx.query, page.nextCursor);
    ctx.reply.header('link', `<${links.next}>; rel="next", <${ctx.base}>; rel="base"`);
  }
  return { results: page.items.map((entry) => options.render(entry.item)), _links: links };
}

/**
 * Like `v2List`, for items whose JSON is already serialised (page bodies are large, and re-escaping the same
 * bodies on every call made the emulator the slowest part of our benchmarks). Returns the response bytes (cached as UTF-8, so nothing is re-encoded per call).
 */
export function v2ListSerialized<T extends { id: string }>(
  ctx: Handled,
  items: T[],
  options: { sorts: SortSpec<T>; defaultSort: string; render: (item: T) => Buffer; defaultLimit?: number; maxLimit?: number },
): Buffer {
  const parts: Buffer[] = [Buffer.from('{"results":[')];
  const list = v2List(ctx, items, { ...options, render: (item) => parts.push(...(parts.length > 1 ? [COMMA] : []), options.render(item)) });
  parts.push(Buffer.from(`],"_links":${JSON.stringify(list._links)}}`));
  ctx.reply.type('application/json; charset=utf-8');
  return Buffer.concat(parts);
}

const COMMA = Buffer.from(',');

/** Numeric id as a sort key (Confluence ids are numeric strings). */
export const idKey = (item: { id: string }) => Number(item.id.replace(/^\D+/, ''));
