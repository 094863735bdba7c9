/** The v2 list envelope: `results`, `_links.next` (relative, as Cloud sends it) and the `Link` header. */
import { Handled, one } from '../../http/context';
import { badRequest } from '../../http/errors';
import { keysetPage, nextLink, parseLimit } from '../../http/pagination';

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
  const sorted = [...items].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    const cmp = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return (descending ? -cmp : cmp) || (descending ? -1 : 1) * (Number(a.id.replace(/^\D+/, '')) - Number(b.id.replace(/^\D+/, '')));
  });
  const limit = parseLimit(one(ctx.query.limit), options.defaultLimit ?? 25, options.maxLimit ?? 250);
  const page = keysetPage(sorted, { cursor: one(ctx.query.cursor), limit, sort, key: keyOf, descending });
  const links: Record<string, string> = { base: ctx.base };
  if (page.nextCursor) {
    const path = ctx.request.url.split('?')[0].replace(/^\/ex\/confluence\/[^/]+/, '');
    links.next = nextLink(path, ctx.query, page.nextCursor);
    ctx.reply.header('link', `<${links.next}>; rel="next", <${ctx.base}>; rel="base"`);
  }
  return { results: page.items.map(options.render), _links: links };
}

/** Numeric id as a sort key (Confluence ids are numeric strings). */
export const idKey = (item: { id: string }) => Number(item.id.replace(/^\D+/, ''));
