/**
 * v1 content reads (Data Center, and Cloud sites where v1 content has not been removed): list and get content,
 * children and descendants, history and versions.
 */
import type { FastifyInstance } from 'fastify';
import { Handled, RouteDeps, many, one, route } from '../../http/context';
import { ApiGeneration, badRequest, notFound } from '../../http/errors';
import { Comment, ContentVersion, currentVersion } from '../../model';
import { Entity, entityId, pageEntity } from './entity';
import { Expand } from './expand';
import { contentExpand, intParam, readableEntity, statusesParam } from './lookup';
import { maxLimit, v1List } from './paging';
import { CHILD_TYPES, ChildType, childrenOf, descendantPages, descendantsOf, relations } from './relations';
import { historyShape } from './content-parts';
import { contentShape } from './serialize';
import { V1Context, v1Context, versionShape } from './shapes';

/** Register the v1 content reads under `prefixes`. */
export function registerContentReads(app: FastifyInstance, prefixes: string[], deps: RouteDeps, generation: ApiGeneration): void {
  const { store } = deps;
  const list = (ctx: Handled, v: V1Context, items: Entity[], expand: Expand, defaultLimit = 25) =>
    v1List(v, ctx, items, (e) => contentShape(v, e, expand), { defaultLimit, max: maxLimit(v, expand, 'list') });

  route(app, prefixes, 'GET', '/content', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const type = one(ctx.query.type) ?? 'page';
    if (type !== 'page' && type !== 'blogpost') throw badRequest(`Invalid value for parameter 'type': ${type.slice(0, 40)}`);
    const statuses = new Set<string>(statusesParam(ctx));
    const spaceKeys = many(ctx.query.spaceKey);
    const spaceIds = new Set(spaceKeys.map((key) => store.spaceByKey(key)?.id).filter((id): id is string => Boolean(id)));
    const title = one(ctx.query.title);
    const postingDay = one(ctx.query.postingDay);
    const pages: Entity[] = [];
    const readable = store.readablePredicate(v.user);
    for (const page of store.world.pages.values()) {
      if (page.type !== type || !statuses.has(page.status) || (spaceKeys.length && !spaceIds.has(page.spaceId))) continue;
      if (title !== undefined && currentVersion(page).title !== title) continue;
      if (postingDay !== undefined && page.createdAt.slice(0, 10) !== postingDay) continue;
      if (readable(page)) pages.push(pageEntity(page));
    }
    return list(ctx, v, pages, Expand.parse(ctx.query.expand));
  });

  route(app, prefixes, 'GET', '/content/:id', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const entity = readableEntity(v, ctx.params.id, statusesParam(ctx));
    const wanted = intParam(ctx, 'version');
    let version: ContentVersion | undefined;
    if (wanted !== undefined && entity.kind === 'page') {
      version = entity.page.versions.find((ver) => ver.number === wanted);
      if (!version) throw notFound(`No content found with id: ContentId{id=${entity.page.id}} and version: ${wanted}`);
    }
    return contentShape(v, entity, contentExpand(ctx), { version, top: true });
  });

  for (const kind of ['child', 'descendant'] as const) {
    route(app, prefixes, 'GET', `/content/:id/${kind}`, generation, (ctx) => {
      const v = v1Context(deps, ctx);
      const entity = readableEntity(v, ctx.params.id);
      const rel = relations(v, entity, (child, sub) => contentShape(v, child, sub));
      const expand = Expand.parse(ctx.query.expand);
      return kind === 'child' ? rel.children(expand) : rel.descendants(expand);
    });
  }

  route(app, prefixes, 'GET', '/content/:id/child/:type', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const entity = readableEntity(v, ctx.params.id);
    const type = childType(ctx.params.type);
    let items = childrenOf(v, entity, type);
    if (type === 'comment') items = commentFilter(ctx, v, entity, items);
    return list(ctx, v, items, Expand.parse(ctx.query.expand));
  });

  route(app, prefixes, 'GET', '/content/:id/descendant/:type', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const entity = readableEntity(v, ctx.params.id);
    const type = childType(ctx.params.type);
    const depth = one(ctx.query.depth) ?? 'all';
    const maxDepth = depth === 'all' ? Infinity : depth === 'root' ? 1 : Number(depth);
    if (!(maxDepth >= 1 && maxDepth <= 100) && maxDepth !== Infinity) throw badRequest(`Invalid value for parameter 'depth': ${depth.slice(0, 40)}`);
    const items = entity.kind === 'page' && type === 'page' ? descendantPages(v, entity.page, maxDepth).map(pageEntity) : descendantsOf(v, entity, type);
    return list(ctx, v, items, Expand.parse(ctx.query.expand));
  });

  route(app, prefixes, 'GET', '/content/:id/history', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const entity = readableEntity(v, ctx.params.id);
    const history = historyShape(v, entity, Expand.parse(ctx.query.expand));
    (history._links as Record<string, string>).base = v.base;
    (history._links as Record<string, string>).context = v.context;
    return history;
  });

  route(app, prefixes, 'GET', '/content/:id/version', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const entity = readableEntity(v, ctx.params.id);
    const expand = Expand.parse(ctx.query.expand, 'content');
    const versions = [...versionsOf(entity)].reverse();
    return v1List(v, ctx, versions, (ver) => renderVersion(v, entity, ver, expand), { defaultLimit: 200, max: 200 });
  });

  route(app, prefixes, 'GET', '/content/:id/version/:number', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const entity = readableEntity(v, ctx.params.id);
    const version = versionsOf(entity).find((ver) => String(ver.number) === ctx.params.number);
    if (!version) throw notFound(`No version ${ctx.params.number.slice(0, 20)} of content ${ctx.params.id}`);
    const shape = renderVersion(v, entity, version, Expand.parse(ctx.query.expand, 'content'));
    Object.assign(shape._links as Record<string, string>, { base: v.base, context: v.context });
    return shape;
  });
}

function childType(raw: string): ChildType {
  if (!CHILD_TYPES.includes(raw as ChildType)) throw badRequest(`Invalid child content type: ${raw.slice(0, 40)}. Expected one of ${CHILD_TYPES.join(', ')}`);
  return raw as ChildType;
}

/** `location` (footer, inline, resolved) and `depth=all` (replies too) of the comment children. */
function commentFilter(ctx: Handled, v: V1Context, entity: Entity, items: Entity[]): Entity[] {
  const all = one(ctx.query.depth) === 'all' ? descendantsOf(v, entity, 'comment') : items;
  const locations = new Set(many(ctx.query.location));
  if (!locations.size) return all;
  return all.filter((e) => {
    const c = (e as { comment: Comment }).comment;
    if (locations.has('resolved') && c.inline?.resolutionStatus === 'resolved') return true;
    return locations.has(c.kind) && c.inline?.resolutionStatus !== 'resolved';
  });
}

function versionsOf(entity: Entity): ContentVersion[] {
  if (entity.kind === 'page') return entity.page.versions;
  if (entity.kind === 'comment') return entity.comment.versions;
  const a = entity.attachment;
  return [{ number: a.versionNumber, createdAt: a.createdAt, message: a.comment, minorEdit: false, authorId: a.authorId, title: a.title, body: '' }];
}

function renderVersion(v: V1Context, entity: Entity, version: ContentVersion, expand: Expand): Record<string, unknown> {
  const content = expand.has('content') ? contentShape(v, entity, expand.get('content'), { version: entity.kind === 'page' ? version : undefined }) : undefined;
  return versionShape(v, entityId(entity), version, content);
}
