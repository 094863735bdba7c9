/** The v1 content kinds (page, blog post, comment, attachment) behind one type, and their links. */
import { Attachment, Comment, ContentVersion, Page, Space, currentVersion } from '../../model';
import { V1Context, spaceWebui } from './shapes';

/** A page or blog post, a comment or an attachment. */
export type Entity = { kind: 'page'; page: Page } | { kind: 'comment'; comment: Comment } | { kind: 'attachment'; attachment: Attachment };

/** Wrap a page or blog post. */
export const pageEntity = (page: Page): Entity => ({ kind: 'page', page });
/** Wrap a comment. */
export const commentEntity = (comment: Comment): Entity => ({ kind: 'comment', comment });
/** Wrap an attachment. */
export const attachmentEntity = (attachment: Attachment): Entity => ({ kind: 'attachment', attachment });

/** The content id (`att` + digits for attachments). */
export function entityId(e: Entity): string {
  return e.kind === 'page' ? e.page.id : e.kind === 'comment' ? e.comment.id : e.attachment.id;
}

/** v1 `type`: page, blogpost, comment or attachment. */
export function entityType(e: Entity): string {
  return e.kind === 'page' ? e.page.type : e.kind;
}

/** The page or blog post an entity lives on (itself for a page). */
export function hostPage(v: V1Context, e: Entity): Page | undefined {
  if (e.kind === 'page') return e.page;
  return v.store.world.pages.get(e.kind === 'comment' ? e.comment.pageId : e.attachment.pageId);
}

/** The space the content lives in. */
export function entitySpace(v: V1Context, e: Entity): Space | undefined {
  const page = hostPage(v, e);
  return page ? v.store.world.spaces.get(page.spaceId) : undefined;
}

/** The version shown: the current one, or for pages the one asked for with `?version=`. */
export function entityVersion(e: Entity): Pick<ContentVersion, 'number' | 'createdAt' | 'message' | 'minorEdit' | 'authorId'> {
  if (e.kind === 'page') return currentVersion(e.page);
  if (e.kind === 'comment') return currentVersion(e.comment);
  const a = e.attachment;
  return { number: a.versionNumber, createdAt: a.createdAt, message: a.comment, minorEdit: false, authorId: a.authorId };
}

/** v1 `title`: a comment's is `Re: ` and its page's title. */
export function entityTitle(v: V1Context, e: Entity, version?: ContentVersion): string {
  if (e.kind === 'page') return (version ?? currentVersion(e.page)).title;
  if (e.kind === 'attachment') return e.attachment.title;
  const page = hostPage(v, e);
  return `Re: ${page ? currentVersion(page).title : ''}`;
}

/** Who created the content, and when. */
export function entityCreated(e: Entity): { authorId: string; createdAt: string } {
  const source = e.kind === 'page' ? e.page : e.kind === 'comment' ? e.comment : e.attachment;
  return { authorId: source.authorId, createdAt: source.createdAt };
}

/** Confluence's tiny links: the id as little-endian bytes, base64 with URL-safe swaps and no padding. */
export function tinyui(id: string): string {
  let n = BigInt(id.replace(/^\D+/, '') || '0');
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.push(Number(n & 0xffn));
    n >>= 8n;
  }
  const encoded = Buffer.from(bytes).toString('base64').replace(/=+$/, '').replace(/\//g, '-').replace(/\+/g, '_');
  return `/x/${encoded.replace(/A+$/, '') || 'A'}`;
}

const titleSlug = (title: string) => encodeURIComponent(title).replace(/%20/g, '+');

function datePath(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '/');
}

/** `_links.webui`: Cloud's `/spaces/KEY/pages/ID/Title` or Data Center's `/display/KEY/Title`. */
export function webui(v: V1Context, e: Entity): string {
  if (e.kind === 'attachment') {
    const a = e.attachment;
    return `/pages/viewpageattachments.action?pageId=${a.pageId}&preview=${encodeURIComponent(`/${a.pageId}/${a.id}/${a.title}`)}`;
  }
  const page = hostPage(v, e);
  const space = page && v.store.world.spaces.get(page.spaceId);
  if (!page || !space) return '';
  const title = titleSlug(currentVersion(page).title);
  let link: string;
  if (v.dc) {
    link = page.type === 'blogpost' ? `${spaceWebui(v, space)}/${datePath(page.createdAt)}/${title}` : `${spaceWebui(v, space)}/${title}`;
  } else {
    link = page.type === 'blogpost' ? `${spaceWebui(v, space)}/blog/${datePath(page.createdAt)}/${page.id}/${title}` : `${spaceWebui(v, space)}/pages/${page.id}/${title}`;
  }
  if (e.kind === 'comment') link += v.dc ? `?focusedCommentId=${e.comment.id}#comment-${e.comment.id}` : `?focusedCommentId=${e.comment.id}`;
  return link;
}

/** The attachment's download link, relative to `_links.base`. */
export function downloadLink(v: V1Context, a: Attachment): string {
  const modified = Date.parse(a.createdAt);
  return `/download/attachments/${a.pageId}/${encodeURIComponent(a.title)}?version=${a.versionNumber}&modificationDate=${modified}${v.dc ? '' : '&api=v2'}`;
}

/** Content `_links`; `top` adds `base`, `context` and `collection` for a response's own object. */
export function contentLinks(v: V1Context, e: Entity, top: boolean): Record<string, string> {
  const id = entityId(e);
  const links: Record<string, string> = { webui: webui(v, e) };
  if (e.kind === 'page') {
    links.editui = `/pages/resumedraft.action?draftId=${id}`;
    if (!v.dc) links.edituiv2 = `${links.webui.split('/pages/')[0].split('/blog/')[0]}/pages/edit-v2/${id}`;
    links.tinyui = tinyui(id);
  }
  if (e.kind === 'attachment') links.download = downloadLink(v, e.attachment);
  links.self = `${v.base}/rest/api/content/${id}`;
  if (top) Object.assign(links, { collection: '/rest/api/content', base: v.base, context: v.context });
  return links;
}
