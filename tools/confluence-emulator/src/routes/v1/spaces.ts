/** v1 spaces: list (ordered by key) and get; and the content of a space, grouped by type. */
import type { FastifyInstance } from 'fastify';
import { Handled, RouteDeps, many, one, route } from '../../http/context';
import { ApiGeneration, HttpError, badRequest, notFound } from '../../http/errors';
import { Page, Space } from '../../model';
import { Entity, pageEntity } from './entity';
import { Expand } from './expand';
import { listLinks, maxLimit, v1List } from './paging';
import { contentShape, renderSpace } from './serialize';
import { V1Context, spaceNumericId, v1Context } from './shapes';

/** Register the space list and space routes under `prefixes`. */
export function registerSpaces(app: FastifyInstance, prefixes: string[], deps: RouteDeps, generation: ApiGeneration): void {
  route(app, prefixes, 'GET', '/space', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const keys = new Set(many(ctx.query.spaceKey));
    const ids = new Set(many(ctx.query.spaceId));
    const labels = new Set(many(ctx.query.label));
    const type = one(ctx.query.type);
    const status = one(ctx.query.status);
    if (type !== undefined && type !== 'global' && type !== 'personal') throw badRequest(`Invalid value for parameter 'type': ${type.slice(0, 40)}`);
    if (status !== undefined && status !== 'current' && status !== 'archived') throw badRequest(`Invalid value for parameter 'status': ${status.slice(0, 40)}`);
    const spaces = deps.store
      .visibleSpaces(v.user)
      .filter(
        (s) =>
          (!keys.size || keys.has(s.key)) &&
          (!ids.size || ids.has(String(spaceNumericId(s)))) &&
          (!labels.size || s.labels.some((l) => labels.has(l.name))) &&
          (!type || (type === 'personal') === (s.type === 'personal')) &&
          (!status || s.status === status),
      )
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const expand = Expand.parse(ctx.query.expand);
    return v1List(v, ctx, spaces, (s) => renderSpace(v, s, expand), { max: v.dc ? 500 : 250 });
  });

  route(app, prefixes, 'GET', '/space/:spaceKey', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const space = readableSpace(v, ctx.params.spaceKey);
    const shape = renderSpace(v, space, Expand.parse(ctx.query.expand));
    Object.assign(shape._links as Record<string, string>, { base: v.base, context: v.context });
    return shape;
  });
}

/** `GET /space/{key}/content` and `/space/{key}/content/{type}`: pages then blog posts, by id. */
export function registerSpaceContent(app: FastifyInstance, prefixes: string[], deps: RouteDeps, generation: ApiGeneration): void {
  const contentOf = (ctx: Handled, v: V1Context, space: Space, type: Page['type']): Entity[] => {
    const depth = one(ctx.query.depth) ?? 'all';
    if (depth !== 'all' && depth !== 'root') throw badRequest(`Invalid value for parameter 'depth': ${depth.slice(0, 40)}`);
    const readable = deps.store.readablePredicate(v.user);
    return deps.store
      .pagesOfSpace(space.id)
      .filter((p) => p.type === type && p.status === 'current' && (depth === 'all' || !p.parentId) && readable(p))
      .map(pageEntity);
  };

  route(app, prefixes, 'GET', '/space/:spaceKey/content', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const space = readableSpace(v, ctx.params.spaceKey);
    const expand = Expand.parse(ctx.query.expand);
    const out: Record<string, unknown> = {};
    for (const type of ['page', 'blogpost'] as const) {
      const list = v1List(v, ctx, contentOf(ctx, v, space, type), (e) => contentShape(v, e, expand), { max: maxLimit(v, expand, 'list') });
      out[type] = { ...list, _links: { self: `${v.base}/rest/api/space/${space.key}/content/${type}` } };
    }
    out._links = listLinks(v, ctx, { start: 0, limit: 0, hasMore: false });
    return out;
  });

  route(app, prefixes, 'GET', '/space/:spaceKey/content/:type', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const space = readableSpace(v, ctx.params.spaceKey);
    const type = ctx.params.type;
    if (type !== 'page' && type !== 'blogpost') throw badRequest(`Invalid content type: ${type.slice(0, 40)}. Expected page or blogpost`);
    const expand = Expand.parse(ctx.query.expand);
    return v1List(v, ctx, contentOf(ctx, v, space, type), (e) => contentShape(v, e, expand), { max: maxLimit(v, expand, 'list') });
  });
}

function readableSpace(v: V1Context, key: string): Space {
  try {
    return v.store.readableSpace(v.user, { key });
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) throw notFound(`No space with key : ${key}`);
    throw error;
  }
}
