/**
 * CQL search: `GET /search` (SearchResult objects) and `GET /content/search` (Content objects). Cloud pages
 * with an opaque `cursor` (and still reports `start`); Data Center with `start` only.
 */
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { CompiledCql, CqlError, compileCql } from '../../cql';
import { Handled, RouteDeps, one, route } from '../../http/context';
import { badRequest } from '../../http/errors';
import { compareIds } from '../../http/pagination';
import { currentVersion } from '../../model';
import { SearchIndex, SearchItem, SearchScope } from './documents';
import { entitySpace, hostPage, pageEntity, webui } from './entity';
import { EXCERPT_MODES, ExcerptMode, Terms, excerpt, relevance, resultTitle, textTerms } from './excerpt';
import { Expand } from './expand';
import { apiPath, limitParam, maxLimit, pagingLink, startParam } from './paging';
import { contentShape } from './serialize';
import { V1Context, friendlyDate, spaceWebui, v1Context } from './shapes';

interface Ranked extends SearchItem {
  score: number;
}

interface SearchRun {
  ranked: Ranked[];
  cqlQuery: string;
  terms: Terms;
  start: number;
  limit: number;
  page: Ranked[];
  links: Record<string, string>;
  startedAt: number;
}

const TYPE_CLAUSE = /\btype\s*(?:=|!=|in|not\s+in)\s*(\([^)]*\)|"[^"]*"|'[^']*'|\w+)/gi;

/** Register `/search` and `/content/search` under `prefixes`. */
export function registerSearch(app: FastifyInstance, prefixes: string[], deps: RouteDeps): void {
  const generation = deps.options.flavor === 'dc' ? 'v1-dc' : 'v1-cloud';
  const index = new SearchIndex();

  const run = (ctx: Handled, v: V1Context, expand: Expand): SearchRun => {
    const startedAt = performance.now();
    const cql = one(ctx.query.cql);
    if (!cql || !cql.trim()) throw badRequest('CQL query parameter is required');
    let compiled: CompiledCql;
    try {
      compiled = compileCql(cql, { timeZone: deps.options.timeZone, now: () => deps.options.now().getTime(), currentAccountId: v.dc ? v.user.username : v.user.accountId });
    } catch (error) {
      if (error instanceof CqlError) throw badRequest(error.message);
      throw error;
    }
    const terms = textTerms(cql);
    const ranked: Ranked[] = [];
    for (const item of index.items(v, scopeOf(ctx, cql))) {
      if (compiled.matches(item.doc)) ranked.push({ entity: item.entity, doc: item.doc, score: relevance(terms, item.doc.title, item.doc.text) });
    }
    const orderBy = compiled.compare;
    const primary = (a: Ranked, b: Ranked) => (orderBy ? orderBy(a.doc, b.doc) : b.score - a.score);
    ranked.sort((a, b) => primary(a, b) || b.doc.lastModifiedMs - a.doc.lastModifiedMs || compareIds(a.doc.id, b.doc.id));

    const limit = limitParam(ctx, 25, maxLimit(v, expand, 'search'));
    const cursor = one(ctx.query.cursor);
    const start = cursor && !v.dc ? resumeAt(cursor, cql, ranked) : startParam(ctx);
    const page = ranked.slice(start, start + limit);
    const links: Record<string, string> = { base: v.base, context: v.context };
    if (start + limit < ranked.length) {
      const next: Record<string, string | number> = { limit, start: start + limit };
      if (!v.dc) next.cursor = encodeCursor(cql, start + limit, page[page.length - 1].doc.id);
      links.next = pagingLink(v, ctx, next);
    }
    links.self = `${v.base}${apiPath(ctx)}?${new URLSearchParams({ cql }).toString()}`;
    return { ranked, cqlQuery: compiled.text, terms, start, limit, page, links, startedAt };
  };

  route(app, prefixes, 'GET', '/search', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const expand = Expand.parse(ctx.query.expand);
    const mode = excerptMode(ctx);
    const result = run(ctx, v, expand);
    return {
      results: result.page.map((item) => searchResult(v, item, expand, mode, result.terms)),
      start: result.start,
      limit: result.limit,
      size: result.page.length,
      totalSize: result.ranked.length,
      cqlQuery: result.cqlQuery,
      searchDuration: Math.round(performance.now() - result.startedAt),
      _links: result.links,
    };
  });

  route(app, prefixes, 'GET', '/content/search', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const expand = Expand.parse(ctx.query.expand);
    const result = run(ctx, v, expand);
    return {
      results: result.page.map((item) => contentShape(v, item.entity, expand)),
      start: result.start,
      limit: result.limit,
      size: result.page.length,
      _links: result.links,
    };
  });
}

function excerptMode(ctx: Handled): ExcerptMode {
  const mode = one(ctx.query.excerpt) ?? 'highlight';
  if (!EXCERPT_MODES.includes(mode as ExcerptMode)) throw badRequest(`Invalid value for parameter 'excerpt': ${mode.slice(0, 40)}. Expected one of ${EXCERPT_MODES.join(', ')}`);
  return mode as ExcerptMode;
}

/** Comments and attachments are searched only when the query names their type. */
function scopeOf(ctx: Handled, cql: string): SearchScope {
  const types = [...cql.matchAll(TYPE_CLAUSE)].map((m) => m[1].toLowerCase()).join(' ');
  let statuses = ['current'];
  const context = one(ctx.query.cqlcontext);
  if (context) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(context);
    } catch {
      throw badRequest(`Invalid cqlcontext: ${context.slice(0, 60)}`);
    }
    const wanted = (parsed as { contentStatuses?: unknown } | null)?.contentStatuses;
    if (Array.isArray(wanted) && wanted.length) statuses = wanted.map(String);
  }
  return {
    comments: /\bcomment\b/.test(types),
    attachments: /\battachment\b/.test(types),
    statuses: new Set(statuses),
    includeArchivedSpaces: one(ctx.query.includeArchivedSpaces) === 'true',
    excludeCurrentSpaces: one(ctx.query.excludeCurrentSpaces) === 'true',
  };
}

const queryHash = (cql: string) => createHash('sha1').update(cql).digest('base64url').slice(0, 10);

function encodeCursor(cql: string, offset: number, lastId: string): string {
  return Buffer.from(JSON.stringify({ o: offset, l: lastId, q: queryHash(cql) })).toString('base64url');
}

/**
 * Where a cursor resumes: right after the last result it served when that result is still there (so an
 * insert or delete before it neither repeats nor skips anything), else at the offset it recorded.
 */
function resumeAt(cursor: string, cql: string, ranked: Ranked[]): number {
  let state: { o?: unknown; l?: unknown; q?: unknown };
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest(`Invalid cursor: ${cursor.slice(0, 40)}`);
  }
  if (typeof state.o !== 'number' || typeof state.l !== 'string' || state.q !== queryHash(cql)) throw badRequest(`Invalid cursor: ${cursor.slice(0, 40)}`);
  const at = ranked.findIndex((item) => item.doc.id === state.l);
  return at >= 0 ? at + 1 : Math.min(state.o, ranked.length);
}

function iconClass(item: SearchItem): string {
  const e = item.entity;
  if (e.kind === 'page') return `aui-icon content-type-${e.page.type}`;
  if (e.kind === 'comment') return 'aui-icon content-type-comment';
  const media = e.attachment.mediaType;
  const kind = media.startsWith('image/') ? 'image' : media === 'application/pdf' ? 'pdf' : 'file';
  return `aui-icon content-type-attachment-${kind}`;
}

function searchResult(v: V1Context, item: Ranked, expand: Expand, mode: ExcerptMode, terms: Terms) {
  const e = item.entity;
  const space = entitySpace(v, e);
  const result: Record<string, unknown> = {
    content: contentShape(v, e, expand.get('content'), { lean: true }),
    title: resultTitle(item.doc.title, terms, mode),
    excerpt: excerpt(item.doc.text, terms, mode),
    url: webui(v, e),
  };
  const page = hostPage(v, e);
  if (e.kind !== 'page' && page) result.resultParentContainer = { title: currentVersion(page).title, displayUrl: webui(v, pageEntity(page)) };
  if (space) result.resultGlobalContainer = { title: space.name, displayUrl: spaceWebui(v, space) };
  const lastModified = new Date(item.doc.lastModifiedMs).toISOString();
  Object.assign(result, {
    breadcrumbs: [],
    entityType: 'content',
    iconCssClass: iconClass(item),
    lastModified,
    friendlyLastModified: friendlyDate(lastModified, v.options.timeZone),
    score: item.score,
  });
  return result;
}
