/**
 * v1 `start`/`limit` paging: the envelope `{results, start, limit, size, _links}` with `next` and `prev`
 * links relative to the context path (`/rest/api/...`), as both Cloud and Data Center write them.
 */
import { Handled, one } from '../../http/context';
import { parseLimit, parseStart } from '../../http/pagination';
import { Expand } from './expand';
import { V1Context } from './shapes';

/** Which family of endpoint a cap is for: CQL searches have their own caps on Data Center. */
export type CapKind = 'search' | 'list';

/**
 * The largest `limit` honoured; larger values are clamped silently, as Confluence does. Data Center's CQL
 * search caps at 50 with a body expansion, 200 with other expansions, 1000 with none (Atlassian KB
 * "Searching for content with the REST API and CQL always limits results to 50"); its other lists at 50/200.
 * Cloud caps at 50 with a body expansion, else 250 for searches and 200 for lists.
 */
export function maxLimit(v: V1Context, expand: Expand, kind: CapKind): number {
  const body = expand.hasPath('body') || expand.hasPath('content.body');
  if (body) return 50;
  if (v.dc) return kind === 'search' ? (expand.isEmpty ? 1000 : 200) : 200;
  return kind === 'search' ? 250 : 200;
}

/** `limit`, clamped to 1..`max` (a non-number is a 400). */
export function limitParam(ctx: Handled, defaultLimit: number, max: number): number {
  return parseLimit(one(ctx.query.limit), defaultLimit, max);
}

/** `start`, a whole number (default 0). */
export function startParam(ctx: Handled): number {
  return parseStart(one(ctx.query.start));
}

/** The request path from `/rest/api` on: what `next` links and `_expandable` URLs are relative to. */
export function apiPath(ctx: Handled): string {
  const path = ctx.request.url.split('?')[0];
  const at = path.indexOf('/rest/api/');
  return at >= 0 ? path.slice(at) : path;
}

/** The same request with its paging parameters replaced, relative to the context path. */
export function pagingLink(v: V1Context, ctx: Handled, replace: Record<string, string | number>): string {
  const params = new URLSearchParams();
  if (!v.dc && 'start' in replace) params.append('next', 'true');
  for (const [name, value] of Object.entries(ctx.query)) {
    if (value === undefined || name in replace || name === 'cursor' || name === 'next' || name === 'prev') continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  }
  for (const [name, value] of Object.entries(replace)) params.append(name, String(value));
  return `${apiPath(ctx)}?${params.toString()}`;
}

/** `_links` of a list response: base, context, self, and next/prev when there are more. */
export function listLinks(v: V1Context, ctx: Handled, page: { start: number; limit: number; hasMore: boolean }) {
  const links: Record<string, string> = { base: v.base, context: v.context };
  if (page.hasMore) links.next = pagingLink(v, ctx, { limit: page.limit, start: page.start + page.limit });
  if (page.start > 0) links.prev = pagingLink(v, ctx, { limit: page.limit, start: Math.max(0, page.start - page.limit) });
  links.self = `${v.base}${apiPath(ctx)}`;
  return links;
}

/** Page through `items` by `start` and `limit`, and render the page. */
export function v1List<T>(v: V1Context, ctx: Handled, items: readonly T[], render: (item: T) => unknown, limits: { defaultLimit?: number; max: number }) {
  const start = startParam(ctx);
  const limit = limitParam(ctx, limits.defaultLimit ?? 25, limits.max);
  const page = items.slice(start, start + limit);
  return {
    results: page.map(render),
    start,
    limit,
    size: page.length,
    _links: listLinks(v, ctx, { start, limit, hasMore: start + limit < items.length }),
  };
}
