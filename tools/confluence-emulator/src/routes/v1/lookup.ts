/** Finding content by id with v1's rules: hidden content is 404 everywhere; missing edit rights are 403. */
import { Handled, one } from '../../http/context';
import { HttpError, badRequest, notFound } from '../../http/errors';
import { Page, ContentStatus } from '../../model';
import { Entity, attachmentEntity, commentEntity, pageEntity } from './entity';
import { Expand } from './expand';
import { V1Context } from './shapes';

/** What single-content responses expand when `expand` is absent (Confluence's documented default). */
export const DEFAULT_CONTENT_EXPAND = 'space,history,version';

/** Page statuses a `status` query parameter selects; `any` means all of them. */
export function statusesParam(ctx: Handled, fallback: ContentStatus[] = ['current']): ContentStatus[] {
  const raw = ctx.query.status;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!values.length) return fallback;
  if (values.includes('any')) return ['current', 'draft', 'archived', 'trashed'];
  for (const value of values) {
    if (!['current', 'draft', 'archived', 'trashed', 'historical', 'deleted'].includes(value)) {
      throw badRequest(`Invalid value for parameter 'status': ${value.slice(0, 40)}`);
    }
  }
  // A historical version belongs to a current page: `?status=historical&version=N` reads it (what the client sends).
  if (values.includes('historical') && !values.includes('current')) values.push('current');
  return values as ContentStatus[];
}

/** A page, blog post, comment or attachment the caller may read, else 404. */
export function readableEntity(v: V1Context, id: string, statuses: ContentStatus[] = ['current']): Entity {
  const { store } = v;
  if (store.world.pages.has(id)) return pageEntity(readablePage(v, id, statuses));
  const comment = store.world.comments.get(id);
  if (comment && comment.status === 'current') {
    readablePage(v, comment.pageId);
    return commentEntity(comment);
  }
  const attachment = store.world.attachments.get(id);
  if (attachment && attachment.status === 'current') {
    readablePage(v, attachment.pageId);
    return attachmentEntity(attachment);
  }
  throw contentNotFound(id);
}

/** A page or blog post the caller may read (the store's rules), else 404 with Confluence's message. */
export function readablePage(v: V1Context, id: string, statuses: ContentStatus[] = ['current', 'draft', 'archived']): Page {
  try {
    return v.store.readablePage(v.user, id, statuses);
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) throw contentNotFound(id);
    throw error;
  }
}

const contentNotFound = (id: string) => notFound(`No content found with id: ContentId{id=${id.replace(/^att/, '')}}`);

/**
 * A page the caller may edit. Someone who can see but not edit it gets 403, as the v1 spec declares for both
 * deployments (unlike v2, which answers 404).
 */
export function editablePage(v: V1Context, page: Page, action: string): Page {
  if (!v.store.canUpdatePage(v.user, page)) throw new HttpError(403, `You're not allowed to ${action} content with id ${page.id}`, 'FORBIDDEN');
  return page;
}

/** `expand`, with the single-content defaults when the parameter is absent. */
export function contentExpand(ctx: Handled, fallback = DEFAULT_CONTENT_EXPAND): Expand {
  return Expand.parse(ctx.query.expand, fallback);
}

/** Integer query parameter, or 400 naming it. */
export function intParam(ctx: Handled, name: string): number | undefined {
  const raw = one(ctx.query[name]);
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`Invalid value for parameter '${name}': ${raw.slice(0, 40)}`);
  return n;
}
