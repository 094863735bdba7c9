/** Children and descendants of content, as the caller may see them: for the routes and for `children.*` expansions. */
import { Comment, Page } from '../../model';
import { Expand, expandable } from './expand';
import { Entity, attachmentEntity, commentEntity, entityId, pageEntity } from './entity';
import { V1Context } from './shapes';

/** Kinds of child content. */
export type ChildType = 'page' | 'comment' | 'attachment';
/** Child kinds in the order Confluence lists them. */
export const CHILD_TYPES: readonly ChildType[] = ['attachment', 'comment', 'page'];

/** Nested lists show this many items; the rest is a `next` link away, as in Confluence. */
const NESTED_LIMIT = 25;

/** Child pages the caller may read, in position order. */
export function childPages(v: V1Context, page: Page): Page[] {
  return page.type === 'page' ? v.store.children(page).filter((c) => v.store.canReadPage(v.user, c)) : [];
}

/** Every readable page below `page`, depth first in child order. */
export function descendantPages(v: V1Context, page: Page, maxDepth = Infinity): Page[] {
  const out: Page[] = [];
  const walk = (parent: Page, depth: number) => {
    if (depth > maxDepth) return;
    for (const child of childPages(v, parent)) {
      out.push(child);
      walk(child, depth + 1);
    }
  };
  walk(page, 1);
  return out;
}

function replies(v: V1Context, comment: Comment): Comment[] {
  return [...v.store.world.comments.values()].filter((c) => c.parentCommentId === comment.id && c.status === 'current');
}

/** Direct children of one type: pages and top-level comments of a page, replies of a comment, attachments. */
export function childrenOf(v: V1Context, e: Entity, type: ChildType): Entity[] {
  if (e.kind === 'page') {
    if (type === 'page') return childPages(v, e.page).map(pageEntity);
    if (type === 'attachment') return v.store.attachmentsOf(e.page).map(attachmentEntity);
    return v.store.commentsOf(e.page).filter((c) => !c.parentCommentId).map(commentEntity);
  }
  if (e.kind === 'comment' && type === 'comment') return replies(v, e.comment).map(commentEntity);
  return [];
}

/** Descendants of one type at every depth (comments: replies included). */
export function descendantsOf(v: V1Context, e: Entity, type: ChildType): Entity[] {
  if (e.kind === 'page' && type === 'page') return descendantPages(v, e.page).map(pageEntity);
  if (e.kind === 'page' && type === 'comment') return v.store.commentsOf(e.page).map(commentEntity);
  if (e.kind === 'comment' && type === 'comment') {
    const out: Entity[] = [];
    const walk = (c: Comment) => replies(v, c).forEach((r) => (out.push(commentEntity(r)), walk(r)));
    walk(e.comment);
    return out;
  }
  return childrenOf(v, e, type);
}

/** `children`, `descendants` and `childTypes` of one entity; `render` draws each nested item. */
export function relations(v: V1Context, e: Entity, render: (child: Entity, expand: Expand) => unknown) {
  const id = entityId(e);
  const nested = (kind: 'child' | 'descendant', expand: Expand, list: (type: ChildType) => Entity[]) => {
    const out: Record<string, unknown> = {};
    for (const type of CHILD_TYPES) {
      if (!expand.has(type)) continue;
      const items = list(type);
      const self = `/rest/api/content/${id}/${kind}/${type}`;
      const links: Record<string, string> = { self: `${v.base}${self}` };
      if (items.length > NESTED_LIMIT) links.next = `${self}?limit=${NESTED_LIMIT}&start=${NESTED_LIMIT}`;
      const shown = items.slice(0, NESTED_LIMIT).map((item) => render(item, expand.get(type)));
      out[type] = { results: shown, start: 0, limit: NESTED_LIMIT, size: shown.length, _links: links };
    }
    out._expandable = expandable(Object.fromEntries(CHILD_TYPES.map((t) => [t, `/rest/api/content/${id}/${kind}/${t}`])), Object.keys(out));
    out._links = { self: `${v.base}/rest/api/content/${id}/${kind}` };
    return out;
  };
  return {
    children: (expand: Expand) => nested('child', expand, (type) => childrenOf(v, e, type)),
    descendants: (expand: Expand) => nested('descendant', expand, (type) => descendantsOf(v, e, type)),
    childTypes: () =>
      Object.fromEntries(
        CHILD_TYPES.map((type) => [type, { value: childrenOf(v, e, type).length > 0, _links: { self: `${v.base}/rest/api/content/${id}/child/${type}` } }]),
      ),
  };
}
