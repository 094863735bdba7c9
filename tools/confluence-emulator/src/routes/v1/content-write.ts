/**
 * v1 content writes: create (page, blog post, comment), update (version rule, rename, move through
 * `ancestors`), delete (trash, then purge with `status=trashed`).
 */
import type { FastifyInstance } from 'fastify';
import { RouteDeps, one, route } from '../../http/context';
import { ApiGeneration, HttpError, badRequest } from '../../http/errors';
import { Comment } from '../../model';
import { assertWellFormed, stringField } from '../../http/validation';
import { commentEntity, pageEntity } from './entity';
import { contentExpand, editablePage, readableEntity, readablePage } from './lookup';
import { contentShape } from './serialize';
import { V1Context, v1Context } from './shapes';

type Json = Record<string, unknown>;

/** Register v1 content create, update and delete under `prefixes`. */
export function registerContentWrites(app: FastifyInstance, prefixes: string[], deps: RouteDeps, generation: ApiGeneration): void {
  const { store } = deps;

  route(app, prefixes, 'POST', '/content', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const input = object(ctx.body, 'request body');
    const type = stringField(input, 'type', true) as string;
    const storage = storageBody(input, true) as string;
    if (type === 'comment') {
      const comment = createComment(v, input, storage);
      return contentShape(v, commentEntity(comment), contentExpand(ctx), { top: true });
    }
    if (type !== 'page' && type !== 'blogpost') throw badRequest(`Unsupported content type: '${type.slice(0, 40)}'. Expected page, blogpost or comment`);
    const title = titleOf(input);
    const spaceKey = stringField(object(input.space, 'space'), 'key', true) as string;
    const space = store.spaceByKey(spaceKey);
    if (!space || !store.canWriteSpace(v.user, space)) {
      throw new HttpError(403, `You're not allowed to create content in space '${spaceKey.slice(0, 40)}', or it does not exist`, 'FORBIDDEN');
    }
    const parentId = type === 'page' ? lastAncestor(input) : undefined;
    if (parentId) readablePage(v, parentId);
    const status = stringField(input, 'status', false);
    if (status !== undefined && status !== 'current' && status !== 'draft') throw badRequest(`Field 'status' must be 'current' or 'draft'`);
    const page = store.createPage({ spaceId: space.id, title, body: storage, authorId: v.user.accountId, parentId, type, status: status === 'draft' ? 'draft' : 'current' });
    return contentShape(v, pageEntity(page), contentExpand(ctx), { top: true });
  });

  route(app, prefixes, 'PUT', '/content/:id', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const input = object(ctx.body, 'request body');
    const versionNumber = object(input.version, 'version').number;
    if (!Number.isInteger(versionNumber)) throw badRequest(`Field 'version.number' is required and must be an integer`);
    const type = stringField(input, 'type', true) as string;
    const status = stringField(input, 'status', false);
    const entity = readableEntity(v, ctx.params.id, status === 'current' ? ['current', 'draft', 'archived', 'trashed'] : ['current', 'draft', 'archived']);
    if (entity.kind !== 'page') throw badRequest(`Updating content of type '${entity.kind}' is not supported here`);
    const page = editablePage(v, entity.page, 'update');
    if (type !== page.type) throw badRequest(`Field 'type' is '${type.slice(0, 40)}' but content ${page.id} is a ${page.type}`);
    const title = titleOf(input);
    const storage = storageBody(input, false);
    const parentId = page.type === 'page' ? lastAncestor(input) : undefined;
    if (parentId !== undefined && parentId !== page.parentId) {
      const parent = readablePage(v, parentId);
      if (parent.spaceId !== page.spaceId) throw badRequest('Target parent must be a page in the same space');
    }
    const message = typeof (input.version as Json).message === 'string' ? ((input.version as Json).message as string) : undefined;
    const minorEdit = (input.version as Json).minorEdit === true;
    store.updatePage(page, { versionNumber: versionNumber as number, title, body: storage, authorId: v.user.accountId, message, minorEdit });
    if (page.status === 'trashed') page.status = 'current';
    if (parentId !== undefined && parentId !== page.parentId) store.movePage(page, parentId);
    return contentShape(v, pageEntity(page), contentExpand(ctx), { top: true });
  });

  route(app, prefixes, 'DELETE', '/content/:id', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const purge = one(ctx.query.status) === 'trashed';
    const entity = readableEntity(v, ctx.params.id, purge ? ['trashed'] : ['current', 'draft', 'archived']);
    if (entity.kind === 'page') {
      editablePage(v, entity.page, purge ? 'purge' : 'delete');
      store.deletePage(entity.page, purge);
    } else {
      const host = readablePage(v, entity.kind === 'comment' ? entity.comment.pageId : entity.attachment.pageId);
      if (entity.kind === 'attachment' || entity.comment.authorId !== v.user.accountId) editablePage(v, host, 'delete');
      // Comments and attachments skip the trash: v1 deletes them for good.
      if (entity.kind === 'attachment') store.world.attachments.delete(entity.attachment.id);
      else deleteThread(v, entity.comment);
    }
    ctx.reply.code(204);
    return '';
  });
}

function createComment(v: V1Context, input: Json, storage: string): Comment {
  const container = object(input.container, 'container');
  const pageId = stringField(container, 'id', true) as string;
  const page = readablePage(v, pageId);
  const replyTo = lastAncestor(input);
  if (replyTo) {
    const parent = v.store.world.comments.get(replyTo);
    if (!parent || parent.pageId !== page.id || parent.status !== 'current') throw badRequest(`Field 'ancestors': comment ${replyTo.slice(0, 40)} is not a comment on content ${page.id}`);
  }
  const location = ((input.extensions as Json | undefined)?.location as string | undefined) ?? 'footer';
  if (location !== 'footer' && location !== 'inline') throw badRequest(`Field 'extensions.location' must be 'footer' or 'inline'`);
  let inline: Comment['inline'];
  if (location === 'inline' && !replyTo) {
    const props = (input.extensions as Json).inlineProperties as Json | undefined;
    const selection = props?.originalSelection;
    if (typeof selection !== 'string' || !selection) throw badRequest(`Field 'extensions.inlineProperties.originalSelection' is required for an inline comment`);
    inline = { textSelection: selection, markerRef: `emu-${v.store.world.nextId}`, resolutionStatus: 'open' };
  }
  return v.store.addComment({ kind: location, pageId: page.id, parentCommentId: replyTo ?? null, authorId: v.user.accountId, body: storage, inline });
}

function deleteThread(v: V1Context, comment: Comment): void {
  for (const reply of [...v.store.world.comments.values()]) if (reply.parentCommentId === comment.id) deleteThread(v, reply);
  v.store.world.comments.delete(comment.id);
}

function object(value: unknown, name: string): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`Field '${name}' is required and must be an object`);
  return value as Json;
}

function titleOf(input: Json): string {
  const title = stringField(input, 'title', true) as string;
  if (!title.trim()) throw badRequest(`Field 'title' cannot be empty`);
  if (title.length > 255) throw badRequest(`Field 'title' cannot be longer than 255 characters`);
  return title;
}

/** `ancestors: [{id}]` names the parent: Confluence takes the last entry. */
function lastAncestor(input: Json): string | undefined {
  const ancestors = input.ancestors;
  if (ancestors === undefined || ancestors === null) return undefined;
  if (!Array.isArray(ancestors)) throw badRequest(`Field 'ancestors' must be an array of {id}`);
  if (!ancestors.length) return undefined;
  const last = ancestors[ancestors.length - 1] as Json | null;
  if (!last || (typeof last.id !== 'string' && typeof last.id !== 'number')) throw badRequest(`Field 'ancestors[${ancestors.length - 1}].id' is required`);
  return String(last.id);
}

/** `body.storage.value`; other representations are named in the 400 (only storage is accepted here). */
function storageBody(input: Json, required: boolean): string | undefined {
  if (input.body === undefined || input.body === null) {
    if (required) throw badRequest(`Field 'body.storage' is required`);
    return undefined;
  }
  const body = object(input.body, 'body');
  if (body.storage === undefined) {
    const other = Object.keys(body)[0];
    if (other) throw badRequest(`Field 'body.${other.slice(0, 40)}': only the storage representation is accepted; send body.storage`);
    if (required) throw badRequest(`Field 'body.storage' is required`);
    return undefined;
  }
  const storage = object(body.storage, 'body.storage');
  if (storage.representation !== undefined && storage.representation !== 'storage') throw badRequest(`Field 'body.storage.representation' must be 'storage'`);
  if (typeof storage.value !== 'string') throw badRequest(`Field 'body.storage.value' is required and must be a string`);
  assertWellFormed(storage.value);
  return storage.value;
}

