/** Comments: footer and inline comments of a page, replies, and writing new ones (storage-format bodies). */
import { V1ContentSchema, V2CommentSchema, v1ContentArraySchema, v2ListSchema } from '@confluence-mcp/schemas';
import type { z } from 'zod';
import { CallOptions } from '../core/call';
import { ClientContext, checkId, checkLimit } from '../core/context';
import { InvalidArgumentError, NotFoundError } from '../core/errors';
import { PAGE_LIMITS } from '../core/page-limits';
import { ListOptions, Paging, cursorFromNextLink, cursorOf, offsetOf, offsetPage, paginate } from '../core/pagination';
import { Comment, CommentLocation, ListPage, PageBody } from '../model';
import { versionFromV1, versionFromV2 } from './mappers';

/** Body representations of comments. */
export type CommentBodyFormat = 'storage' | 'view';

/** Filters and paging of `comments.list()`. */
export interface ListCommentsOptions extends Paging {
  /** Footer comments, inline comments, or both (footer first). @default 'all' */
  location?: CommentLocation | 'all';
  /**
   * Cloud list endpoints only return `storage`, so on Cloud `view` gives `storage` here (read one comment with
   * `get()` for its `view`). Data Center renders `view` in lists. @default 'storage'
   */
  bodyFormat?: CommentBodyFormat;
  /** Cloud 1-250, Data Center 1-50 (bodies are always included): `PAGE_LIMITS.comments`. @default 25 */
  limit?: number;
}

/** Paging of `comments.replies()`. */
export interface ListRepliesOptions extends ListOptions {
  /** Where the parent comment is (Cloud): saves a look-up when known. */
  location?: CommentLocation;
}

type V2Comment = z.infer<typeof V2CommentSchema>;
type V1Content = z.infer<typeof V1ContentSchema>;

const v2Comments = v2ListSchema(V2CommentSchema);
const v1Comments = v1ContentArraySchema(V1ContentSchema);
const LOCATIONS: readonly CommentLocation[] = ['footer', 'inline'];
/** Data Center's `location` filter; a resolved inline comment is only listed under `resolved`. */
const DC_LOCATIONS = { footer: ['footer'], inline: ['inline', 'resolved'], all: ['footer', 'inline', 'resolved'] };

/** `client.comments`: footer and inline comments of a page, their replies, and adding new ones. */
export class CommentsResource {
  constructor(private readonly ctx: ClientContext) {}

  /** One page of a page's top-level comments, oldest first. Replies come from `replies()`. */
  async list(pageId: string, options: ListCommentsOptions = {}, call?: CallOptions): Promise<ListPage<Comment>> {
    checkId('pageId', pageId);
    const location = options.location ?? 'all';
    if (location !== 'all' && !LOCATIONS.includes(location)) throw new InvalidArgumentError("location: must be 'footer', 'inline' or 'all'");
    if (this.ctx.flavor === 'dc') {
      const limit = checkLimit(options.limit, PAGE_LIMITS.comments.dc);
      const start = offsetOf(options);
      const data = await this.ctx.transport.json('GET', `/content/${pageId}/child/comment`, v1Comments, {
        api: 'v1',
        call,
        searchParams: { expand: dcExpand(options.bodyFormat), location: DC_LOCATIONS[location], start, limit },
      });
      return offsetPage(data.results.map((c) => commentFromV1(c, pageId)), start, data.results.length, Boolean(data._links?.next));
    }
    const limit = checkLimit(options.limit, PAGE_LIMITS.comments.cloud);
    const cursor = cursorOf(options);
    if (location !== 'all') return this.cloudList(pageId, location, limit, cursor, call);
    // Cloud keeps footer and inline comments in two lists: the cursor says which one and where in it.
    const { list, inner } = parseAllCursor(cursor);
    const first = await this.cloudList(pageId, list, limit, inner, call);
    if (first.nextCursor) return { items: first.items, nextCursor: `${list}:${first.nextCursor}` };
    if (list === 'inline') return { items: first.items };
    const room = limit - first.items.length;
    if (room === 0) return { items: first.items, nextCursor: 'inline:' };
    const inline = await this.cloudList(pageId, 'inline', room, undefined, call);
    return { items: [...first.items, ...inline.items], nextCursor: inline.nextCursor ? `inline:${inline.nextCursor}` : undefined };
  }

  /** Every top-level comment of a page, lazily, at the largest page size the API allows; stops when `call.signal` aborts. */
  iterate(pageId: string, options: Omit<ListCommentsOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<Comment> {
    const limit = options.limit ?? PAGE_LIMITS.comments[this.ctx.flavor];
    return paginate((cursor) => this.list(pageId, { ...options, limit, cursor }, call));
  }

  /**
   * One comment. On Cloud, footer and inline comments live under different paths: give `location` when known,
   * else footer is tried first. Throws `NotFoundError` when missing or not visible.
   */
  async get(commentId: string, options: { bodyFormat?: CommentBodyFormat; location?: CommentLocation } = {}, call?: CallOptions): Promise<Comment> {
    checkId('commentId', commentId);
    const bodyFormat = options.bodyFormat ?? 'storage';
    if (this.ctx.flavor === 'dc') {
      const content = await this.ctx.transport.json('GET', `/content/${commentId}`, V1ContentSchema, { api: 'v1', call, searchParams: { expand: dcExpand(bodyFormat, true) } });
      // v1 serves every content type at /content/{id}: a page id is not a comment.
      if (content.type !== 'comment') throw new NotFoundError('Not a comment', { method: 'GET', path: `/rest/api/content/${commentId}` });
      return commentFromV1(content);
    }
    return this.cloudLocate(options.location, (location) =>
      this.ctx.transport
        .json('GET', `/${location}-comments/${commentId}`, V2CommentSchema, { api: 'v2', call, searchParams: { 'body-format': bodyFormat } })
        .then((c) => commentFromV2(c, location)),
    );
  }

  /** One page of the direct replies to a comment, oldest first. */
  async replies(commentId: string, options: ListRepliesOptions = {}, call?: CallOptions): Promise<ListPage<Comment>> {
    checkId('commentId', commentId);
    if (this.ctx.flavor === 'dc') {
      const limit = checkLimit(options.limit, PAGE_LIMITS.replies.dc);
      const start = offsetOf(options);
      const data = await this.ctx.transport.json('GET', `/content/${commentId}/child/comment`, v1Comments, {
        api: 'v1',
        call,
        searchParams: { expand: dcExpand('storage', true), start, limit },
      });
      const items = data.results.map((c) => {
        const comment = commentFromV1(c);
        return { ...comment, parentCommentId: comment.parentCommentId ?? commentId };
      });
      return offsetPage(items, start, data.results.length, Boolean(data._links?.next));
    }
    const limit = checkLimit(options.limit, PAGE_LIMITS.replies.cloud);
    const cursor = cursorOf(options);
    // v2 replies carry neither their page nor (by path) their location: learn both from the parent once, then
    // carry them in the cursor.
    const parent = cursor ? parseRepliesCursor(cursor) : await this.get(commentId, { location: options.location }, call).then((c) => ({ location: c.location, pageId: c.pageId, inner: undefined }));
    const data = await this.ctx.transport.json('GET', `/${parent.location}-comments/${commentId}/children`, v2Comments, {
      api: 'v2',
      call,
      searchParams: { 'body-format': 'storage', limit, cursor: parent.inner },
    });
    const next = cursorFromNextLink(data._links?.next);
    return {
      items: data.results.map((c) => commentFromV2(c, parent.location, { pageId: parent.pageId, parentCommentId: commentId })),
      nextCursor: next ? `${parent.location}:${parent.pageId}:${next}` : undefined,
    };
  }

  /** Every direct reply to a comment, lazily, at the largest page size the API allows; stops when `call.signal` aborts. */
  iterateReplies(commentId: string, options: Omit<ListRepliesOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<Comment> {
    const limit = options.limit ?? PAGE_LIMITS.replies[this.ctx.flavor];
    return paginate((cursor) => this.replies(commentId, { ...options, limit, cursor }, call));
  }

  /**
   * Add a footer comment to a page or blog post. `body` is storage format (`<p>Looks good</p>`). Sent once:
   * after an error with `outcomeUnknown`, list the comments before adding it again.
   */
  async create(pageId: string, body: string, call?: CallOptions): Promise<Comment> {
    checkId('pageId', pageId);
    checkBody(body);
    if (this.ctx.flavor === 'dc') {
      const content = await this.ctx.transport.json('POST', '/content', V1ContentSchema, {
        api: 'v1',
        call,
        searchParams: { expand: dcExpand('storage', true) },
        json: { type: 'comment', container: { id: pageId, type: 'page' }, body: { storage: { value: body, representation: 'storage' } } },
      });
      return commentFromV1(content, pageId);
    }
    const comment = await this.ctx.transport.json('POST', '/footer-comments', V2CommentSchema, { api: 'v2', call, json: { pageId, body: { representation: 'storage', value: body } } });
    return commentFromV2(comment, 'footer', { pageId });
  }

  /**
   * Reply to a footer or inline comment (the reply has the parent's location). `body` is storage format. Sent
   * once, like `create`.
   */
  async reply(parentCommentId: string, body: string, options: { location?: CommentLocation } = {}, call?: CallOptions): Promise<Comment> {
    checkId('parentCommentId', parentCommentId);
    checkBody(body);
    if (this.ctx.flavor === 'dc') {
      // v1 needs the page as container, and the location for a reply to an inline comment.
      const parent = await this.get(parentCommentId, {}, call);
      const content = await this.ctx.transport.json('POST', '/content', V1ContentSchema, {
        api: 'v1',
        call,
        searchParams: { expand: dcExpand('storage', true) },
        json: {
          type: 'comment',
          container: { id: parent.pageId, type: 'page' },
          ancestors: [{ id: parentCommentId }],
          extensions: { location: parent.location },
          body: { storage: { value: body, representation: 'storage' } },
        },
      });
      return { ...commentFromV1(content, parent.pageId), parentCommentId };
    }
    // A POST that answered 404 created nothing, so trying the other location is safe.
    const created = await this.cloudLocate(options.location, (location) =>
      this.ctx.transport
        .json('POST', `/${location}-comments`, V2CommentSchema, { api: 'v2', call, json: { parentCommentId, body: { representation: 'storage', value: body } } })
        .then((c) => commentFromV2(c, location, { parentCommentId })),
    );
    return created.pageId ? created : { ...created, pageId: (await this.get(parentCommentId, { location: created.location }, call)).pageId };
  }

  /** Run `call` for the given location, or for footer and then, on 404, inline. */
  private async cloudLocate<T>(location: CommentLocation | undefined, call: (location: CommentLocation) => Promise<T>): Promise<T> {
    if (location !== undefined && !LOCATIONS.includes(location)) throw new InvalidArgumentError("location: must be 'footer' or 'inline'");
    if (location) return call(location);
    try {
      return await call('footer');
    } catch (error) {
      if (error instanceof NotFoundError) return call('inline');
      throw error;
    }
  }

  private async cloudList(pageId: string, location: CommentLocation, limit: number, cursor: string | undefined, call: CallOptions | undefined): Promise<ListPage<Comment>> {
    const data = await this.ctx.transport.json('GET', `/pages/${pageId}/${location}-comments`, v2Comments, {
      api: 'v2',
      call,
      searchParams: { 'body-format': 'storage', limit, cursor },
    });
    return { items: data.results.map((c) => commentFromV2(c, location, { pageId })), nextCursor: cursorFromNextLink(data._links?.next) };
  }
}

/** v1 expansions for comments; `container` names the page, needed when the caller did not give it. */
function dcExpand(bodyFormat: CommentBodyFormat = 'storage', withContainer = false): string {
  const expand = [`body.${bodyFormat}`, 'version', 'ancestors', 'extensions.location', 'extensions.inlineProperties', 'extensions.resolution'];
  return (withContainer ? [...expand, 'container'] : expand).join(',');
}

function parseAllCursor(cursor: string | undefined): { list: CommentLocation; inner: string | undefined } {
  if (cursor === undefined) return { list: 'footer', inner: undefined };
  const match = /^(footer|inline):(.*)$/s.exec(cursor);
  if (!match) throw new InvalidArgumentError(`cursor: '${cursor.slice(0, 40)}' is not a cursor this client returned`);
  return { list: match[1] as CommentLocation, inner: match[2] || undefined };
}

function parseRepliesCursor(cursor: string): { location: CommentLocation; pageId: string; inner: string } {
  const match = /^(footer|inline):(\d+):(.+)$/s.exec(cursor);
  if (!match) throw new InvalidArgumentError(`cursor: '${cursor.slice(0, 40)}' is not a cursor this client returned`);
  return { location: match[1] as CommentLocation, pageId: match[2], inner: match[3] };
}

function checkBody(body: string): void {
  if (typeof body !== 'string' || !body.trim()) throw new InvalidArgumentError('body: must be a non-empty storage-format string');
}

function bodyOf(body: { storage?: { value?: string }; view?: { value?: string } } | undefined): PageBody | undefined {
  if (!body || !(body.storage || body.view)) return undefined;
  return { storage: body.storage?.value, view: body.view?.value };
}

function commentFromV2(c: V2Comment, location: CommentLocation, known: { pageId?: string; parentCommentId?: string } = {}): Comment {
  const props = c.properties;
  return {
    id: c.id,
    location,
    pageId: c.pageId ?? known.pageId ?? '',
    parentCommentId: c.parentCommentId ?? known.parentCommentId ?? null,
    status: c.status,
    version: versionFromV2(c.version),
    body: bodyOf(c.body),
    inlineSelection: location === 'inline' ? (props?.inlineOriginalSelection ?? props?.['inline-original-selection']) : undefined,
    resolutionStatus: c.resolutionStatus,
  };
}

function commentFromV1(c: V1Content, pageId?: string): Comment {
  const ext = c.extensions as { location?: string; inlineProperties?: { originalSelection?: string }; resolution?: { status?: string } } | undefined;
  // Older Data Center versions report a resolved inline comment's location as `resolved`.
  const inline = ext?.location === 'inline' || ext?.location === 'resolved' || Boolean(ext?.inlineProperties);
  const container = c.container as { id?: string | number } | undefined;
  const parents = (c.ancestors ?? []).filter((a) => a.type === 'comment');
  return {
    id: c.id,
    location: inline ? 'inline' : 'footer',
    pageId: container?.id !== undefined ? String(container.id) : (pageId ?? ''),
    // Ancestors run from the thread's root down to the direct parent.
    parentCommentId: parents.length ? parents[parents.length - 1].id : null,
    status: c.status,
    version: versionFromV1(c.version),
    body: bodyOf(c.body),
    inlineSelection: inline ? ext?.inlineProperties?.originalSelection : undefined,
    resolutionStatus: inline ? (ext?.resolution?.status ?? (ext?.location === 'resolved' ? 'resolved' : undefined)) : undefined,
  };
}
