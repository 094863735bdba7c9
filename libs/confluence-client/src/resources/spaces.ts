/** Spaces: list with filters, iterate, get by id or key. */
import { V1SpaceSchema, V2SpaceSchema, v1ContentArraySchema, v2ListSchema } from '@confluence-mcp/schemas';
import { CallOptions } from '../core/call';
import { ClientContext, checkLimit } from '../core/context';
import { InvalidArgumentError, NotFoundError } from '../core/errors';
import { PAGE_LIMITS } from '../core/page-limits';
import { Paging, cursorFromNextLink, cursorOf, offsetOf, offsetPage, paginate } from '../core/pagination';
import { ListPage, Space } from '../model';
import { spaceFromV1, spaceFromV2 } from './mappers';

/** Filters and paging of `spaces.list()`. */
export interface ListSpacesOptions extends Paging {
  /** Only these space keys. */
  keys?: string[];
  type?: 'global' | 'personal' | 'collaboration' | 'knowledge_base';
  status?: 'current' | 'archived';
  /** Include the plain-text description. */
  includeDescription?: boolean;
  /** 1-250 (Cloud) or 1-500 (Data Center): `PAGE_LIMITS.spaces`. @default 25 */
  limit?: number;
}

const v2Spaces = v2ListSchema(V2SpaceSchema);
const v1Spaces = v1ContentArraySchema(V1SpaceSchema);

/** `client.spaces`: list, iterate, get by key or id. */
export class SpacesResource {
  constructor(private readonly ctx: ClientContext) {}

  /** One page of spaces the caller can see. */
  async list(options: ListSpacesOptions = {}, call?: CallOptions): Promise<ListPage<Space>> {
    const { transport, siteUrl } = this.ctx;
    if (this.ctx.flavor === 'cloud') {
      const limit = checkLimit(options.limit, PAGE_LIMITS.spaces.cloud);
      const cursor = cursorOf(options);
      const data = await transport.json('GET', '/spaces', v2Spaces, {
        api: 'v2',
        call,
        searchParams: {
          keys: options.keys?.length ? options.keys.join(',') : undefined,
          type: options.type,
          status: options.status,
          'description-format': options.includeDescription ? 'plain' : undefined,
          limit,
          cursor,
        },
      });
      const items = data.results.map((s) => spaceFromV2(s, siteUrl));
      items.forEach((s) => this.ctx.spaces.remember(s.id, s.key));
      return { items, nextCursor: cursorFromNextLink(data._links?.next) };
    }
    const limit = checkLimit(options.limit, PAGE_LIMITS.spaces.dc);
    const start = offsetOf(options);
    const data = await transport.json('GET', '/space', v1Spaces, {
      api: 'v1',
      call,
      searchParams: {
        spaceKey: options.keys,
        type: options.type,
        status: options.status,
        expand: options.includeDescription ? 'description.plain,homepage' : 'homepage',
        start,
        limit,
      },
    });
    const items = data.results.map((s) => spaceFromV1(s, siteUrl));
    items.forEach((s) => this.ctx.spaces.remember(s.id, s.key));
    return offsetPage(items, start, items.length, Boolean(data._links?.next));
  }

  /** Every space, lazily, `limit` (default: the most the API allows) per request; paging stops when `call.signal` aborts. */
  iterate(options: Omit<ListSpacesOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<Space> {
    const limit = options.limit ?? PAGE_LIMITS.spaces[this.ctx.flavor];
    return paginate((cursor) => this.list({ ...options, limit, cursor }, call));
  }

  /** A space by key (`ENG`) or Cloud id (digits). Throws `NotFoundError` when missing or not visible. */
  async get(keyOrId: string, call?: CallOptions): Promise<Space> {
    if (typeof keyOrId !== 'string' || !/^[A-Za-z0-9~_]{1,255}$/.test(keyOrId)) throw new InvalidArgumentError(`space: '${String(keyOrId).slice(0, 40)}' is not a space key or id`);
    const { transport, siteUrl } = this.ctx;
    if (this.ctx.flavor === 'dc') {
      const space = await transport.json('GET', `/space/${encodeURIComponent(keyOrId)}`, V1SpaceSchema, { api: 'v1', call, searchParams: { expand: 'description.plain,homepage' } });
      const mapped = spaceFromV1(space, siteUrl);
      this.ctx.spaces.remember(mapped.id, mapped.key);
      return mapped;
    }
    if (/^\d+$/.test(keyOrId)) {
      const space = spaceFromV2(await transport.json('GET', `/spaces/${keyOrId}`, V2SpaceSchema, { api: 'v2', call, searchParams: { 'description-format': 'plain' } }), siteUrl);
      this.ctx.spaces.remember(space.id, space.key);
      return space;
    }
    const page = await this.list({ keys: [keyOrId], includeDescription: true, limit: 1 }, call);
    if (!page.items.length) throw new NotFoundError('Space not found, or not visible to this user', { method: 'GET', path: '/wiki/api/v2/spaces' });
    return page.items[0];
  }

  /** Cloud: the id of a space key (cached). */
  async idOf(key: string, call?: CallOptions): Promise<string> {
    return this.ctx.spaces.idOf(key) ?? (await this.get(key, call)).id;
  }
}
