/** v2 pages: list (by space, by ids), get, create, update (version rule), delete/purge, children, ancestors, versions. */
import type { FastifyInstance } from 'fastify';
import { Handled, RouteDeps, many, one, route } from '../../http/context';
import { badRequest, notFound } from '../../http/errors';
import { assertWellFormed, stringField } from '../../http/validation';
import { Page, currentVersion } from '../../model';
import { Store } from '../../store/store';
import { idKey, v2List, v2ListSerialized } from './list';
import { BodyFormat, v2Page, v2Version, v2Body } from './serialize';

const LIST_FORMATS = ['storage', 'atlas_doc_format'];
const SINGLE_FORMATS = ['storage', 'atlas_doc_format', 'view', 'export_view', 'styled_view', 'anonymous_export_view', 'editor'];

export function bodyFormat(ctx: Handled, allowed: string[]): BodyFormat | undefined {
  const format = one(ctx.query['body-format']);
  if (format === undefined) return undefined;
  if (!allowed.includes(format)) throw badRequest(`Invalid value for parameter 'body-format': ${format.slice(0, 40)}. Expected one of ${allowed.join(', ')}`);
  return format as BodyFormat;
}

const pageSorts = {
  id: idKey,
  '-id': idKey,
  title: (p: Page) => currentVersion(p).title,
  '-title': (p: Page) => currentVersion(p).title,
  'created-date': (p: Page) => p.createdAt,
  '-created-date': (p: Page) => p.createdAt,
  'modified-date': (p: Page) => currentVersion(p).createdAt,
  '-modified-date': (p: Page) => currentVersion(p).createdAt,
};

function statusFilter(ctx: Handled): Set<string> {
  const statuses = many(ctx.query.status);
  return new Set(statuses.length ? statuses : ['current', 'archived']);
}

/** Serialised pages, keyed by everything that shows in the JSON; bounded so memory stays flat. */
class PageJsonCache {
  private readonly entries = new Map<string, Buffer>();
  constructor(private readonly max = 50_000) {}

  get(page: Page, spaceKey: string | undefined, format: BodyFormat | undefined, render: () => unknown): Buffer {
    const version = currentVersion(page);
    const key = `${page.id}|${version.number}|${page.status}|${page.parentId}|${page.position}|${format}|${spaceKey}`;
    let json = this.entries.get(key);
    if (json === undefined) {
      json = Buffer.from(JSON.stringify(render()));
      if (this.entries.size >= this.max) this.entries.clear();
      this.entries.set(key, json);
    }
    return json;
  }
}

export function registerV2Pages(app: FastifyInstance, prefixes: string[], { store }: RouteDeps): void {
  const pageJson = new PageJsonCache();
  const listPages = (ctx: Handled, candidates: Iterable<Page>) => {
    const format = bodyFormat(ctx, LIST_FORMATS);
    const statuses = statusFilter(ctx);
    const title = one(ctx.query.title);
    const readable = store.readablePredicate(ctx.caller.user);
    const pages: Page[] = [];
    for (const page of candidates) {
      if (page.type === 'page' && statuses.has(page.status) && (!title || currentVersion(page).title === title) && readable(page)) pages.push(page);
    }
    return v2ListSerialized(ctx, pages, {
      sorts: pageSorts,
      defaultSort: 'id',
      render: (p) => {
        const space = store.world.spaces.get(p.spaceId);
        return pageJson.get(p, space?.key, format, () => v2Page(p, space, format));
      },
    });
  };

  route(app, prefixes, 'GET', '/pages', 'v2', (ctx) => {
    const ids = many(ctx.query.id);
    if (ids.length > 250) throw badRequest(`Invalid value for parameter 'id': at most 250 ids, got ${ids.length}`);
    const spaceIds = new Set(many(ctx.query['space-id']));
    let candidates: Iterable<Page> = store.world.pages.values();
    if (ids.length) candidates = ids.map((id) => store.world.pages.get(id)).filter((p): p is Page => Boolean(p));
    const filtered = [...candidates].filter((p) => !spaceIds.size || spaceIds.has(p.spaceId));
    return listPages(ctx, filtered);
  });

  route(app, prefixes, 'GET', '/spaces/:id/pages', 'v2', (ctx) => {
    const space = store.readableSpace(ctx.caller.user, { id: ctx.params.id });
    const depth = one(ctx.query.depth) ?? 'all';
    if (depth !== 'all' && depth !== 'root') throw badRequest(`Invalid value for parameter 'depth': ${depth.slice(0, 40)}`);
    const pages = store.pagesOfSpace(space.id).filter((p) => depth === 'all' || p.parentId === null);
    return listPages(ctx, pages);
  });

  route(app, prefixes, 'GET', '/pages/:id', 'v2', (ctx) => {
    const format = bodyFormat(ctx, SINGLE_FORMATS);
    const page = store.readablePage(ctx.caller.user, ctx.params.id, ['current', 'archived', 'draft', 'trashed']);
    if (page.type !== 'page') throw notFound();
    const versionParam = one(ctx.query.version);
    let version = currentVersion(page);
    if (versionParam !== undefined) {
      const wanted = page.versions.find((v) => v.number === Number(versionParam));
      if (!wanted) throw notFound();
      version = wanted;
    }
    const shape: Record<string, unknown> = v2Page(page, store.world.spaces.get(page.spaceId), format, version);
    if (one(ctx.query['include-labels']) === 'true') shape.labels = { results: page.labels.map((l) => ({ id: l.id, name: l.name, prefix: l.prefix })), meta: { hasMore: false, cursor: '' }, _links: {} };
    if (one(ctx.query['include-versions']) === 'true') shape.versions = { results: [...page.versions].reverse().slice(0, 50).map(v2Version), meta: { hasMore: page.versions.length > 50, cursor: '' }, _links: {} };
    return shape;
  });

  route(app, prefixes, 'POST', '/pages', 'v2', (ctx) => {
    const input = pageInput(ctx.body, false);
    const space = store.readableSpace(ctx.caller.user, { id: input.spaceId });
    if (!store.canWriteSpace(ctx.caller.user, space)) throw notFound();
    if (input.parentId) store.readablePage(ctx.caller.user, input.parentId);
    const page = store.createPage({
      spaceId: space.id,
      title: input.title,
      body: input.body,
      authorId: ctx.caller.user.accountId,
      parentId: input.parentId ?? (one(ctx.query['root-level']) === 'true' ? null : undefined),
      status: input.status === 'draft' ? 'draft' : 'current',
    });
    return v2Page(page, space, 'storage');
  });

  route(app, prefixes, 'PUT', '/pages/:id', 'v2', (ctx) => {
    const page = writablePage(store, ctx);
    const input = pageInput(ctx.body, true);
    if (input.id !== undefined && input.id !== page.id) throw badRequest(`Field 'id' (${input.id}) does not match the page in the path (${page.id})`);
    if (input.parentId !== undefined && input.parentId !== page.parentId) {
      store.readablePage(ctx.caller.user, input.parentId);
      store.movePage(page, input.parentId);
    }
    store.updatePage(page, {
      versionNumber: input.versionNumber as number,
      title: input.title,
      body: input.body,
      authorId: ctx.caller.user.accountId,
      message: input.versionMessage,
    });
    if (input.status === 'archived') page.status = 'archived';
    return v2Page(page, store.world.spaces.get(page.spaceId), 'storage');
  });

  route(app, prefixes, 'DELETE', '/pages/:id', 'v2', (ctx) => {
    const purge = one(ctx.query.purge) === 'true';
    const page = store.readablePage(ctx.caller.user, ctx.params.id, purge ? ['trashed'] : ['current', 'archived', 'draft']);
    if (!store.canUpdatePage(ctx.caller.user, page) && !purge) throw notFound();
    store.deletePage(page, purge);
    ctx.reply.code(204);
    return '';
  });

  route(app, prefixes, 'GET', '/pages/:id/children', 'v2', (ctx) => {
    const page = store.readablePage(ctx.caller.user, ctx.params.id);
    const children = store.children(page).filter((c) => store.canReadPage(ctx.caller.user, c));
    return v2List(ctx, children, {
      sorts: { ...pageSorts, 'child-position': (p: Page) => p.position, '-child-position': (p: Page) => p.position },
      defaultSort: 'child-position',
      render: (p) => ({ id: p.id, status: p.status === 'archived' ? 'archived' : 'current', title: currentVersion(p).title, spaceId: p.spaceId, childPosition: p.position }),
    });
  });

  route(app, prefixes, 'GET', '/pages/:id/ancestors', 'v2', (ctx) => {
    const page = store.readablePage(ctx.caller.user, ctx.params.id);
    const limit = Math.min(Math.max(Number(one(ctx.query.limit) ?? 25) || 25, 1), 250);
    const ancestors = store.ancestors(page);
    return { results: ancestors.slice(-limit).map((a) => ({ id: a.id, type: 'page' })), _links: { base: ctx.base } };
  });

  route(app, prefixes, 'GET', '/pages/:id/versions', 'v2', (ctx) => {
    const format = bodyFormat(ctx, LIST_FORMATS);
    const page = store.readablePage(ctx.caller.user, ctx.params.id);
    const versions = page.versions.map((v) => ({ ...v, id: String(v.number) }));
    return v2List(ctx, versions, {
      sorts: { modified_date: (v) => v.number, '-modified-date': (v) => v.number, 'modified-date': (v) => v.number },
      defaultSort: '-modified-date',
      render: (v) => ({ ...v2Version(v), page: { id: page.id, title: v.title, body: v2Body(v.body, format) } }),
    });
  });
}

export function writablePage(store: Store, ctx: Handled): Page {
  const page = store.readablePage(ctx.caller.user, ctx.params.id);
  // Cloud answers 404 when the caller lacks edit permission too (spec: "does not have the needed permissions").
  if (!store.canUpdatePage(ctx.caller.user, page)) throw notFound();
  return page;
}

interface PageInput {
  id?: string;
  spaceId: string;
  status?: string;
  title: string;
  parentId?: string;
  body: string;
  versionNumber?: number;
  versionMessage?: string;
}

/** Validate a create/update body, naming the field that is wrong. */
function pageInput(raw: unknown, isUpdate: boolean): PageInput {
  if (!raw || typeof raw !== 'object') throw badRequest('Request body must be a JSON object');
  const body = raw as Record<string, unknown>;
  const str = (name: string, required: boolean) => stringField(body, name, required);
  const content = body.body as { representation?: unknown; value?: unknown } | undefined;
  if (content !== undefined && (typeof content !== 'object' || content === null)) throw badRequest(`Field 'body' must be an object`);
  if (content && content.representation !== 'storage' && content.representation !== 'atlas_doc_format' && content.representation !== 'wiki') {
    throw badRequest(`Field 'body.representation' must be 'storage', 'atlas_doc_format' or 'wiki'`);
  }
  if (content && typeof content.value !== 'string') throw badRequest(`Field 'body.value' must be a string`);
  if (content?.value && content.representation === 'storage') assertWellFormed(content.value as string);
  const version = body.version as { number?: unknown; message?: unknown } | undefined;
  if (isUpdate && (!version || typeof version !== 'object' || !Number.isInteger(version.number))) {
    throw badRequest(`Field 'version.number' is required and must be an integer`);
  }
  return {
    id: str('id', false),
    spaceId: str('spaceId', !isUpdate) ?? '',
    status: str('status', isUpdate),
    title: str('title', true) ?? '',
    parentId: str('parentId', false),
    body: (content?.value as string | undefined) ?? (isUpdate ? (undefined as unknown as string) : ''),
    versionNumber: version?.number as number | undefined,
    versionMessage: typeof version?.message === 'string' ? version.message : undefined,
  };
}
