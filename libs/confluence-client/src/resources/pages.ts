/** Pages: get (by id, title, URL), list and iterate a space, get many, tree, versions, create, update, move, delete. */
import { V1ContentSchema, V2PageSchema, V2ChildPageSchema, V2AncestorSchema, V2PageVersionSchema, v1ContentArraySchema, v2ListSchema } from '@confluence-mcp/schemas';
import { z } from 'zod';
import { CallOptions } from '../core/call';
import { ClientContext, SpaceRef, checkId, checkLimit } from '../core/context';
import { InvalidArgumentError, NotFoundError } from '../core/errors';
import { PAGE_LIMITS } from '../core/page-limits';
import { ListOptions, Paging, cursorFromNextLink, cursorOf, offsetOf, offsetPage, paginate, prefetchingPaginate } from '../core/pagination';
import { ListPage, Page, PageSummary, Version } from '../model';
import { pageFromV1, pageFromV2, versionFromV1, versionFromV2 } from './mappers';
import { SpacesResource } from './spaces';

/** Body representations `pages.get()` can return. */
export type BodyFormat = 'storage' | 'view' | 'export_view';

/** Filters and paging of `pages.list()`. */
export interface ListPagesOptions extends Paging {
  /** Include bodies (storage only: list endpoints return nothing else). @default false */
  body?: boolean;
  /** Only pages with this exact title. */
  title?: string;
  status?: Array<'current' | 'archived' | 'draft' | 'trashed'>;
  /** Cloud 1-250, Data Center 1-200 (1-50 with bodies): `PAGE_LIMITS.pages` and `pagesWithBody`. @default 25 */
  limit?: number;
}

const v2Pages = v2ListSchema(V2PageSchema);
const v1Pages = v1ContentArraySchema(V1ContentSchema);
/** v1 expansions that give everything the model holds. */
const V1_EXPAND = 'space,version,ancestors,history,extensions';

/** `client.pages`: read, list, walk the tree and the versions of pages; create, update, move and delete them. */
export class PagesResource {
  constructor(private readonly ctx: ClientContext, private readonly spaces: SpacesResource) {}

  /** A page by id (a trashed one too, with status `trashed`). `version` reads an older version. Throws `NotFoundError` when missing or not visible. */
  async get(id: string, options: { bodyFormat?: BodyFormat; version?: number; includeLabels?: boolean } = {}, call?: CallOptions): Promise<Page> {
    checkId('id', id);
    const { transport, siteUrl } = this.ctx;
    if (this.ctx.flavor === 'cloud') {
      const page = await transport.json('GET', `/pages/${id}`, V2PageSchema, {
        api: 'v2',
        call,
        searchParams: { 'body-format': options.bodyFormat, version: options.version, 'include-labels': options.includeLabels || undefined },
      });
      return pageFromV2(page, siteUrl, 'page', this.ctx.spaces.keyOf(page.spaceId));
    }
    const expand = [V1_EXPAND, options.bodyFormat && `body.${options.bodyFormat}`, options.includeLabels && 'metadata.labels'].filter(Boolean).join(',');
    const content = await transport.json('GET', `/content/${id}`, V1ContentSchema, {
      api: 'v1',
      call,
      // `any`: a trashed page is returned with its status, as Cloud's v2 does, instead of a 404 that reads as "no such page".
      searchParams: { expand, version: options.version, status: options.version ? 'historical' : 'any' },
    });
    return pageFromV1(content, siteUrl);
  }

  /** The page with this exact title in a space, or `null`. */
  async getByTitle(spaceKey: string, title: string, options: { bodyFormat?: BodyFormat } = {}, call?: CallOptions): Promise<Page | null> {
    if (!title) throw new InvalidArgumentError('title: must not be empty');
    const found = await this.list({ spaceKey }, { title, limit: 1 }, call);
    const summary = found.items[0];
    return summary ? this.get(summary.id, options, call) : null;
  }

  /**
   * A page from a link a person pasted: `/spaces/KEY/pages/ID/...`, `viewpage.action?pageId=ID`, or Data Center's
   * `/display/KEY/Title`. The link's host must be this site.
   */
  async getByUrl(url: string, options: { bodyFormat?: BodyFormat } = {}, call?: CallOptions): Promise<Page> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InvalidArgumentError('url: not an absolute URL');
    }
    if (parsed.origin !== new URL(this.ctx.siteUrl).origin) throw new InvalidArgumentError(`url: points at ${parsed.origin}, not at this Confluence site`);
    const byPath = /\/pages\/(\d+)(?:\/|$)/.exec(parsed.pathname)?.[1];
    const byQuery = parsed.searchParams.get('pageId');
    const id = byPath ?? (byQuery && /^\d+$/.test(byQuery) ? byQuery : undefined);
    if (id) return this.get(id, options, call);
    const display = /\/display\/([^/]+)\/([^/]+)$/.exec(parsed.pathname);
    if (display) {
      const title = decodeURIComponent(display[2].replace(/\+/g, ' '));
      const page = await this.getByTitle(decodeURIComponent(display[1]), title, options, call);
      if (page) return page;
      throw new NotFoundError('Page not found, or not visible to this user', { method: 'GET', path: parsed.pathname });
    }
    throw new InvalidArgumentError('url: not a link to a Confluence page');
  }

  /** One page of a space's pages (id order). */
  async list(space: SpaceRef, options: ListPagesOptions = {}, call?: CallOptions): Promise<ListPage<Page>> {
    const { transport, siteUrl } = this.ctx;
    if (this.ctx.flavor === 'cloud') {
      const cursor = cursorOf(options);
      const list = await this.cloudList(space, { ...options, limit: checkLimit(options.limit, PAGE_LIMITS.pages.cloud) }, call);
      return list.read(await list.request(cursor));
    }
    const limit = checkLimit(options.limit, (options.body ? PAGE_LIMITS.pagesWithBody : PAGE_LIMITS.pages).dc);
    const start = offsetOf(options);
    const spaceKey = space.spaceKey ?? (await this.spaces.get(requireKey(space.spaceId), call)).key;
    const data = await transport.json('GET', '/content', v1Pages, {
      api: 'v1',
      call,
      searchParams: {
        type: 'page',
        spaceKey,
        title: options.title,
        status: options.status?.join(','),
        expand: options.body ? `${V1_EXPAND},body.storage` : V1_EXPAND,
        start,
        limit,
      },
    });
    return offsetPage(data.results.map((c) => pageFromV1(c, siteUrl)), start, data.results.length, Boolean(data._links?.next));
  }

  /**
   * Every page of a space, lazily, at the largest page size the API allows. On Cloud the next page is requested
   * while the current one is read (see `prefetchingPaginate`). When `call.signal` aborts, paging stops: the
   * request ahead is aborted and the iterator throws `AbortError`.
   */
  iterate(space: SpaceRef, options: Omit<ListPagesOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<Page> {
    const limit = options.limit ?? (options.body ? PAGE_LIMITS.pagesWithBody : PAGE_LIMITS.pages)[this.ctx.flavor];
    if (this.ctx.flavor === 'dc') return paginate((cursor) => this.list(space, { ...options, limit, cursor }, call));
    checkLimit(limit, PAGE_LIMITS.pages.cloud);
    return this.iterateCloud(space, { ...options, limit }, call);
  }

  private async *iterateCloud(space: SpaceRef, options: ListPagesOptions & { limit: number }, call: CallOptions | undefined): AsyncGenerator<Page> {
    const list = await this.cloudList(space, options, call);
    yield* prefetchingPaginate(list.request, list.read);
  }

  /** One Cloud space listing: how to ask for a page of it, and how to read the answer (shared by list and iterate). */
  private async cloudList(space: SpaceRef, options: ListPagesOptions & { limit: number }, call: CallOptions | undefined) {
    const { transport, siteUrl } = this.ctx;
    const spaceId = space.spaceId ? checkId('spaceId', space.spaceId) : await this.spaces.idOf(requireKey(space.spaceKey), call);
    const key = space.spaceKey ?? this.ctx.spaces.keyOf(spaceId);
    const path = `/spaces/${spaceId}/pages`;
    return {
      request: (cursor: string | undefined) =>
        transport.send('GET', path, {
          api: 'v2',
          call,
          searchParams: { 'body-format': options.body ? 'storage' : undefined, title: options.title, status: options.status, limit: options.limit, cursor },
        }),
      read: async (response: Response): Promise<ListPage<Page>> => {
        const data = await transport.parse(response, v2Pages, 'GET', 'v2', path);
        return { items: data.results.map((p) => pageFromV2(p, siteUrl, 'page', key)), nextCursor: cursorFromNextLink(data._links?.next) };
      },
    };
  }


  /**
   * Many pages by id, in batches of 250 (Cloud) or 50 (Data Center); pages not visible are left out. `labels` fills
   * `Page.labels` on Data Center at no extra request; Cloud's bulk read has no labels (use `labels.list` per page).
   */
  async getMany(ids: readonly string[], options: { body?: boolean; labels?: boolean } = {}, call?: CallOptions): Promise<Page[]> {
    ids.forEach((id) => checkId('ids', id));
    const unique = [...new Set(ids)];
    const { transport, siteUrl } = this.ctx;
    const out: Page[] = [];
    const batch = this.ctx.flavor === 'cloud' ? 250 : 50;
    for (let i = 0; i < unique.length; i += batch) {
      const chunk = unique.slice(i, i + batch);
      if (this.ctx.flavor === 'cloud') {
        const data = await transport.json('GET', '/pages', v2Pages, { api: 'v2', call, searchParams: { id: chunk, 'body-format': options.body ? 'storage' : undefined, limit: 250 } });
        out.push(...data.results.map((p) => pageFromV2(p, siteUrl, 'page', this.ctx.spaces.keyOf(p.spaceId))));
      } else {
        const data = await transport.json('GET', '/content/search', v1Pages, {
          api: 'v1',
          call,
          searchParams: { cql: `id in (${chunk.join(',')})`, expand: [V1_EXPAND, options.body && 'body.storage', options.labels && 'metadata.labels'].filter(Boolean).join(','), limit: batch },
        });
        out.push(...data.results.map((c) => pageFromV1(c, siteUrl)));
      }
    }
    return out;
  }

  /** One page of direct children, in position order. */
  async children(id: string, options: ListOptions = {}, call?: CallOptions): Promise<ListPage<PageSummary>> {
    checkId('id', id);
    const { transport, siteUrl } = this.ctx;
    if (this.ctx.flavor === 'cloud') {
      const limit = checkLimit(options.limit, PAGE_LIMITS.children.cloud);
      const cursor = cursorOf(options);
      const data = await transport.json('GET', `/pages/${id}/children`, v2ListSchema(V2ChildPageSchema), { api: 'v2', call, searchParams: { limit, cursor } });
      return {
        items: data.results.map((c) => ({ id: c.id, title: c.title, status: (c.status ?? 'current') as PageSummary['status'], spaceId: c.spaceId ?? '', position: c.childPosition ?? null })),
        nextCursor: cursorFromNextLink(data._links?.next),
      };
    }
    const limit = checkLimit(options.limit, PAGE_LIMITS.children.dc);
    const start = offsetOf(options);
    const data = await transport.json('GET', `/content/${id}/child/page`, v1Pages, { api: 'v1', call, searchParams: { expand: V1_EXPAND, start, limit } });
    const items = data.results.map((c) => {
      const page = pageFromV1(c, siteUrl);
      return { id: page.id, title: page.title, status: page.status, spaceId: page.spaceId, position: page.position };
    });
    return offsetPage(items, start, data.results.length, Boolean(data._links?.next));
  }

  /**
   * Every direct child, lazily, in position order, `limit` (default: the most the API allows) per request; paging
   * stops when `call.signal` aborts.
   */
  iterateChildren(id: string, options: Omit<ListOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<PageSummary> {
    const limit = options.limit ?? PAGE_LIMITS.children[this.ctx.flavor];
    return paginate((cursor) => this.children(id, { limit, cursor }, call));
  }

  /** The breadcrumb: ancestors from the space root down to the direct parent, with titles. */
  async ancestors(id: string, call?: CallOptions): Promise<PageSummary[]> {
    checkId('id', id);
    const { transport } = this.ctx;
    if (this.ctx.flavor === 'cloud') {
      const data = await transport.json('GET', `/pages/${id}/ancestors`, v2ListSchema(V2AncestorSchema), { api: 'v2', call, searchParams: { limit: 250 } });
      const ids = data.results.filter((a) => !a.type || a.type === 'page').map((a) => a.id);
      const pages = new Map((await this.getMany(ids, {}, call)).map((p) => [p.id, p]));
      return ids.flatMap((ancestorId) => {
        const page = pages.get(ancestorId);
        return page ? [{ id: page.id, title: page.title, status: page.status, spaceId: page.spaceId, position: page.position }] : [];
      });
    }
    const content = await transport.json('GET', `/content/${id}`, V1ContentSchema, { api: 'v1', call, searchParams: { expand: 'ancestors,space' } });
    return (content.ancestors ?? []).map((a) => ({ id: a.id, title: a.title ?? '', status: a.status as PageSummary['status'], spaceId: String(content.space?.id ?? ''), position: null }));
  }

  /** One page of versions, newest first. */
  async versions(id: string, options: ListOptions = {}, call?: CallOptions): Promise<ListPage<Version>> {
    checkId('id', id);
    const { transport } = this.ctx;
    if (this.ctx.flavor === 'cloud') {
      const limit = checkLimit(options.limit, PAGE_LIMITS.versions.cloud);
      const cursor = cursorOf(options);
      const data = await transport.json('GET', `/pages/${id}/versions`, v2ListSchema(V2PageVersionSchema), { api: 'v2', call, searchParams: { limit, cursor } });
      return { items: data.results.map((v) => versionFromV2(v)), nextCursor: cursorFromNextLink(data._links?.next) };
    }
    const limit = checkLimit(options.limit, PAGE_LIMITS.versions.dc);
    const start = offsetOf(options);
    const versionList = z.looseObject({ results: z.array(z.looseObject({ number: z.number(), when: z.string().optional(), message: z.string().optional(), minorEdit: z.boolean().optional(), by: z.unknown().optional() })), _links: z.looseObject({ next: z.string().optional() }).optional() });
    const data = await transport.json('GET', `/content/${id}/version`, versionList, { api: 'v1', call, searchParams: { start, limit } });
    return offsetPage(
      data.results.map((v) => versionFromV1(v as Parameters<typeof versionFromV1>[0])),
      start,
      data.results.length,
      Boolean(data._links?.next),
    );
  }

  /** Every version of a page, newest first, lazily; paging stops when `call.signal` aborts. */
  iterateVersions(id: string, options: Omit<ListOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<Version> {
    const limit = options.limit ?? PAGE_LIMITS.versions[this.ctx.flavor];
    return paginate((cursor) => this.versions(id, { limit, cursor }, call));
  }

  /**
   * Create a page (storage-format body) under `parentId`, or at the space's top level. Sent once, never
   * retried: on a `TimeoutError`, `ConnectionError` or `AbortError` with `outcomeUnknown`, look for the page
   * before creating it again.
   */
  async create(input: { spaceKey?: string; spaceId?: string; title: string; body: string; parentId?: string; draft?: boolean }, call?: CallOptions): Promise<Page> {
    if (!input.title?.trim()) throw new InvalidArgumentError('title: must not be empty');
    if (typeof input.body !== 'string') throw new InvalidArgumentError('body: must be a storage-format string');
    if (input.parentId) checkId('parentId', input.parentId);
    const { transport, siteUrl } = this.ctx;
    if (this.ctx.flavor === 'cloud') {
      const spaceId = input.spaceId ? checkId('spaceId', input.spaceId) : await this.spaces.idOf(requireKey(input.spaceKey), call);
      const page = await transport.json('POST', '/pages', V2PageSchema, {
        api: 'v2',
        call,
        json: { spaceId, status: input.draft ? 'draft' : 'current', title: input.title, parentId: input.parentId, body: { representation: 'storage', value: input.body } },
      });
      return pageFromV2(page, siteUrl, 'page', input.spaceKey ?? this.ctx.spaces.keyOf(spaceId));
    }
    const spaceKey = input.spaceKey ?? (await this.spaces.get(requireKey(input.spaceId), call)).key;
    const content = await transport.json('POST', '/content', V1ContentSchema, {
      api: 'v1',
      call,
      searchParams: { expand: V1_EXPAND },
      json: { type: 'page', title: input.title, space: { key: spaceKey }, ancestors: input.parentId ? [{ id: input.parentId }] : undefined, status: input.draft ? 'draft' : 'current', body: { storage: { value: input.body, representation: 'storage' } } },
    });
    return pageFromV1(content, siteUrl);
  }

  /**
   * Save a new version. `expectedVersion` is the version the caller read: when someone saved in between, the
   * server refuses with `ConflictError` (its `currentVersion` says what is there now) instead of overwriting.
   * An error with `outcomeUnknown` means the version may have been saved: read the page before trying again.
   */
  async update(id: string, input: { expectedVersion: number; title?: string; body?: string; message?: string; parentId?: string }, call?: CallOptions): Promise<Page> {
    checkId('id', id);
    if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 1) throw new InvalidArgumentError('expectedVersion: must be the current version number (an integer >= 1)');
    if (input.parentId) checkId('parentId', input.parentId);
    if (input.title === undefined && input.body === undefined && input.parentId === undefined) throw new InvalidArgumentError('update: give at least one of title, body or parentId');
    const { transport, siteUrl } = this.ctx;
    // Title and body are required by both APIs: fill what the caller left out from the current page.
    const current = input.title === undefined || input.body === undefined ? await this.get(id, { bodyFormat: 'storage' }, call) : undefined;
    const title = input.title ?? current?.title ?? '';
    const body = input.body ?? current?.body?.storage ?? '';
    const version = { number: input.expectedVersion + 1, message: input.message };
    if (this.ctx.flavor === 'cloud') {
      const page = await transport.json('PUT', `/pages/${id}`, V2PageSchema, {
        api: 'v2',
        call,
        retry: 'unprocessed',
        json: { id, status: 'current', title, parentId: input.parentId, body: { representation: 'storage', value: body }, version },
      });
      return pageFromV2(page, siteUrl, 'page', this.ctx.spaces.keyOf(page.spaceId));
    }
    const content = await transport.json('PUT', `/content/${id}`, V1ContentSchema, {
      api: 'v1',
      call,
      retry: 'unprocessed',
      searchParams: { expand: V1_EXPAND },
      json: { type: 'page', title, ancestors: input.parentId ? [{ id: input.parentId }] : undefined, body: { storage: { value: body, representation: 'storage' } }, version },
    });
    return pageFromV1(content, siteUrl);
  }

  /**
   * Move a page: `append` makes it the last child of `targetId`; `before`/`after` make it a sibling. Confluence
   * keeps the version number on a move.
   */
  async move(id: string, targetId: string, position: 'append' | 'before' | 'after' = 'append', call?: CallOptions): Promise<void> {
    checkId('id', id);
    checkId('targetId', targetId);
    if (!['append', 'before', 'after'].includes(position)) throw new InvalidArgumentError("position: must be 'append', 'before' or 'after'");
    await this.ctx.transport.empty('PUT', `/content/${id}/move/${position}/${targetId}`, { api: 'v1', call, retry: 'unprocessed' });
  }

  /** Move to the trash; with `purge`, remove for good (trashing first when needed). */
  async delete(id: string, options: { purge?: boolean } = {}, call?: CallOptions): Promise<void> {
    checkId('id', id);
    const { transport } = this.ctx;
    const cloud = this.ctx.flavor === 'cloud';
    const trash = () => transport.empty('DELETE', cloud ? `/pages/${id}` : `/content/${id}`, { api: cloud ? 'v2' : 'v1', call });
    if (!options.purge) return trash();
    const page = await this.get(id, {}, call).catch((error: unknown) => (error instanceof NotFoundError ? null : Promise.reject(error)));
    if (page && page.status !== 'trashed') await trash();
    await transport.empty('DELETE', cloud ? `/pages/${id}` : `/content/${id}`, { api: cloud ? 'v2' : 'v1', call, searchParams: cloud ? { purge: true } : { status: 'trashed' } });
  }
}

function requireKey(value: string | undefined): string {
  if (!value) throw new InvalidArgumentError('spaceKey: give spaceKey or spaceId');
  return value;
}
