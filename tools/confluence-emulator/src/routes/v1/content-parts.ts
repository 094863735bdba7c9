/** Parts of v1 `Content` that several routes render: history, restrictions and extensions. */
import { ContentVersion, Page, currentVersion } from '../../model';
import { Expand, expandable } from './expand';
import { Entity, entityCreated, entityId, entityVersion } from './entity';
import { V1Context, cqlUserId, userShape, versionShape } from './shapes';

/** A `ContentHistory`; `shown` is the version the content is rendered at (for `previousVersion`, `nextVersion`). */
export function historyShape(v: V1Context, e: Entity, expand: Expand, shown?: ContentVersion): Record<string, unknown> {
  const id = entityId(e);
  const created = entityCreated(e);
  const versions = e.kind === 'page' ? e.page.versions : e.kind === 'comment' ? e.comment.versions : [];
  const index = shown ? versions.indexOf(shown) : versions.length - 1;
  const history: Record<string, unknown> = { latest: index === versions.length - 1 || versions.length === 0, createdBy: userShape(v, created.authorId), createdDate: created.createdAt };
  const done: string[] = [];
  const version = (n: number) => (versions[n] ? versionShape(v, id, versions[n]) : undefined);
  if (expand.has('lastUpdated')) {
    history.lastUpdated = versions.length ? version(versions.length - 1) : versionShape(v, id, entityVersion(e));
    done.push('lastUpdated');
  }
  if (expand.has('previousVersion')) {
    const previous = version(index - 1);
    if (previous) history.previousVersion = previous;
    done.push('previousVersion');
  }
  if (expand.has('nextVersion')) {
    const next = version(index + 1);
    if (next) history.nextVersion = next;
    done.push('nextVersion');
  }
  if (expand.has('contributors')) {
    const authors = [...new Set((versions.length ? versions : [entityVersion(e)]).map((ver) => ver.authorId))];
    const publishers: Record<string, unknown> = { users: authors.map((a) => userShape(v, a)), userKeys: authors.map((a) => cqlUserId(v, a)) };
    if (!v.dc) publishers.userAccountIds = authors;
    history.contributors = { publishers };
    done.push('contributors');
  }
  const links: Record<string, string> = { lastUpdated: '', previousVersion: '', contributors: '', nextVersion: '' };
  if (!v.dc) Object.assign(links, { ownedBy: '', lastOwnedBy: '' });
  history._expandable = expandable(links, done);
  history._links = { self: `${v.base}/rest/api/content/${id}/history` };
  return history;
}

/** `restrictions` with `read` and `update`, users expanded on request (only the content's own restrictions). */
export function restrictionsShape(v: V1Context, e: Entity, expand: Expand): Record<string, unknown> {
  const id = entityId(e);
  const page: Page | undefined = e.kind === 'page' ? e.page : undefined;
  const out: Record<string, unknown> = {};
  for (const operation of ['read', 'update'] as const) {
    const sub = expand.get(operation);
    const entry: Record<string, unknown> = { operation };
    if (sub.has('restrictions')) {
      const accountIds = page?.restrictions[operation] ?? [];
      const which = sub.get('restrictions');
      const restrictions: Record<string, unknown> = {};
      const users = accountIds.map((a) => userShape(v, a));
      if (which.has('user')) restrictions.user = { results: users, start: 0, limit: 200, size: users.length };
      if (which.has('group')) restrictions.group = { results: [], start: 0, limit: 200, size: 0 };
      restrictions._expandable = expandable({ user: '', group: '' }, Object.keys(restrictions));
      entry.restrictions = restrictions;
    }
    entry._expandable = expandable({ restrictions: '', content: '' }, sub.has('restrictions') ? ['restrictions'] : []);
    entry._links = { self: `${v.base}/rest/api/content/${id}/restriction/byOperation/${operation}` };
    out[operation] = entry;
  }
  out._links = { self: `${v.base}/rest/api/content/${id}/restriction/byOperation` };
  return out;
}

/** `extensions`: position of pages, media data of attachments, location (and inline data) of comments. */
export function extensionsShape(v: V1Context, e: Entity, expand: Expand): Record<string, unknown> {
  if (e.kind === 'page') return { position: e.page.position };
  if (e.kind === 'attachment') {
    const a = e.attachment;
    const extensions: Record<string, unknown> = { mediaType: a.mediaType, fileSize: a.data.length, comment: a.comment };
    if (!v.dc) Object.assign(extensions, { mediaTypeDescription: a.mediaType, fileId: a.fileId, collectionName: `contentId-${a.pageId}` });
    return extensions;
  }
  const c = e.comment;
  const extensions: Record<string, unknown> = { location: c.kind };
  const done: string[] = [];
  if (expand.has('inlineProperties') && c.inline) {
    extensions.inlineProperties = { originalSelection: c.inline.textSelection, markerRef: c.inline.markerRef };
    done.push('inlineProperties');
  }
  if (expand.has('resolution') && c.inline) {
    extensions.resolution = { status: c.inline.resolutionStatus, lastModifiedDate: currentVersion(c).createdAt };
    done.push('resolution');
  }
  extensions._expandable = expandable({ inlineProperties: '', resolution: '' }, done);
  return extensions;
}
