/** v2 footer and inline comments: list per page, get, create (on a page or as a reply), children. */
import type { FastifyInstance } from 'fastify';
import { Handled, RouteDeps, route } from '../../http/context';
import { badRequest, notFound } from '../../http/errors';
import { Comment } from '../../model';
import { Store } from '../../store/store';
import { idKey, v2List } from './list';
import { bodyFormat } from './pages';
import { v2Comment } from './serialize';

const FORMATS = ['storage', 'atlas_doc_format'];
const commentSorts = {
  'created-date': (c: Comment) => c.createdAt,
  '-created-date': (c: Comment) => c.createdAt,
  'modified-date': (c: Comment) => c.versions[c.versions.length - 1].createdAt,
  '-modified-date': (c: Comment) => c.versions[c.versions.length - 1].createdAt,
  id: idKey,
  '-id': idKey,
};

export function registerV2Comments(app: FastifyInstance, prefixes: string[], { store }: RouteDeps): void {
  for (const kind of ['footer', 'inline'] as const) {
    route(app, prefixes, 'GET', `/pages/:id/${kind}-comments`, 'v2', (ctx) => {
      const format = bodyFormat(ctx, FORMATS);
      const page = store.readablePage(ctx.caller.user, ctx.params.id);
      const topLevel = store.commentsOf(page, kind).filter((c) => !c.parentCommentId);
      return v2List(ctx, topLevel, { sorts: commentSorts, defaultSort: 'created-date', render: (c) => v2Comment(c, format) });
    });

    route(app, prefixes, 'GET', `/${kind}-comments/:id`, 'v2', (ctx) => {
      const comment = readableComment(store, ctx, kind);
      return v2Comment(comment, bodyFormat(ctx, ['storage', 'atlas_doc_format', 'view', 'export_view', 'styled_view', 'anonymous_export_view', 'editor']) ?? 'storage');
    });

    route(app, prefixes, 'GET', `/${kind}-comments/:id/children`, 'v2', (ctx) => {
      const format = bodyFormat(ctx, FORMATS);
      const parent = readableComment(store, ctx, kind);
      const replies = [...store.world.comments.values()].filter((c) => c.parentCommentId === parent.id && c.status === 'current');
      return v2List(ctx, replies, { sorts: commentSorts, defaultSort: 'created-date', render: (c) => ({ ...v2Comment(c, format), pageId: undefined }) });
    });

    route(app, prefixes, 'POST', `/${kind}-comments`, 'v2', (ctx) => {
      const input = (ctx.body ?? {}) as Record<string, unknown>;
      const body = input.body as { representation?: unknown; value?: unknown } | undefined;
      if (!body || typeof body !== 'object' || typeof body.value !== 'string') throw badRequest(`Field 'body.value' is required`);
      if (body.representation !== 'storage' && body.representation !== 'atlas_doc_format') {
        throw badRequest(`Field 'body.representation' must be 'storage' or 'atlas_doc_format'`);
      }
      let pageId: string;
      let parentCommentId: string | null = null;
      if (typeof input.parentCommentId === 'string') {
        const parent = store.world.comments.get(input.parentCommentId);
        if (!parent || parent.kind !== kind) throw notFound();
        pageId = parent.pageId;
        parentCommentId = parent.id;
      } else if (typeof input.pageId === 'string') {
        pageId = input.pageId;
      } else {
        throw badRequest(`One of 'pageId' or 'parentCommentId' is required`);
      }
      const page = store.readablePage(ctx.caller.user, pageId);
      let inline: Comment['inline'];
      if (kind === 'inline' && !parentCommentId) {
        const props = input.inlineCommentProperties as { textSelection?: unknown } | undefined;
        if (!props || typeof props.textSelection !== 'string' || !props.textSelection) {
          throw badRequest(`Field 'inlineCommentProperties.textSelection' is required for an inline comment`);
        }
        inline = { textSelection: props.textSelection, markerRef: `emu-${store.world.nextId}`, resolutionStatus: 'open' };
      }
      const comment = store.addComment({ kind, pageId: page.id, parentCommentId, authorId: ctx.caller.user.accountId, body: body.value, inline });
      ctx.reply.code(201);
      return v2Comment(comment, 'storage');
    });
  }
}

function readableComment(store: Store, ctx: Handled, kind: Comment['kind']): Comment {
  const comment = store.world.comments.get(ctx.params.id);
  if (!comment || comment.kind !== kind || comment.status !== 'current') throw notFound();
  store.readablePage(ctx.caller.user, comment.pageId);
  return comment;
}
