/** Records to Cloud REST v2 shapes (openapi-v2.v3.json: PageBulk/PageSingle, SpaceBulk, Version, comments...). */
import { renderStorageToView } from '../../content';
import { Attachment, Comment, ContentVersion, Label, Page, Space, currentVersion } from '../../model';

export type BodyFormat = 'storage' | 'atlas_doc_format' | 'view' | 'export_view' | 'styled_view' | 'anonymous_export_view' | 'editor';

export function v2Version(version: ContentVersion) {
  return {
    createdAt: version.createdAt,
    message: version.message,
    number: version.number,
    minorEdit: version.minorEdit,
    authorId: version.authorId,
  };
}

/** The `body` object for a requested format; list endpoints only offer storage and atlas_doc_format. */
export function v2Body(storage: string, format: BodyFormat | undefined): Record<string, unknown> {
  if (!format) return {};
  if (format === 'storage') return { storage: { representation: 'storage', value: storage } };
  if (format === 'atlas_doc_format') return { atlas_doc_format: { representation: 'atlas_doc_format', value: storageAsAdf(storage) } };
  return { [format]: { representation: format, value: renderStorageToView(storage) } };
}

/** A minimal ADF document holding the text: enough for clients that only probe the format. */
function storageAsAdf(storage: string): string {
  const text = storage.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return JSON.stringify({ type: 'doc', version: 1, content: text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [] });
}

export function pageLinks(page: Page, space: Space | undefined) {
  const title = encodeURIComponent(currentVersion(page).title).replace(/%20/g, '+');
  const kind = page.type === 'blogpost' ? 'blog' : 'pages';
  return {
    webui: `/spaces/${space?.key ?? ''}/${kind}/${page.id}/${title}`,
    editui: `/pages/resumedraft.action?draftId=${page.id}`,
    tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
  };
}

export function v2Page(page: Page, space: Space | undefined, format?: BodyFormat, version: ContentVersion = currentVersion(page)) {
  const base = {
    id: page.id,
    status: page.status,
    title: version.title,
    spaceId: page.spaceId,
    authorId: page.authorId,
    ownerId: page.ownerId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    version: v2Version(version),
    body: v2Body(version.body, format),
    _links: pageLinks(page, space),
  };
  if (page.type === 'blogpost') return base;
  return { ...base, parentId: page.parentId ?? undefined, parentType: page.parentId ? 'page' : undefined, position: page.position };
}

/** A v2 space; `descriptionFormat` (plain or view) adds the description in that representation. */
export function v2Space(space: Space, descriptionFormat?: 'plain' | 'view') {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.authorId,
    createdAt: space.createdAt,
    homepageId: space.homepageId ?? undefined,
    ...(descriptionFormat
      ? {
          description: {
            [descriptionFormat]: { representation: descriptionFormat, value: descriptionFormat === 'view' ? `<p>${escapeHtml(space.description)}</p>` : space.description },
          },
        }
      : {}),
    _links: { webui: `/spaces/${space.key}` },
  };
}

export function v2Label(label: Label) {
  return { id: label.id, name: label.name, prefix: label.prefix };
}

export function v2Comment(comment: Comment, format?: BodyFormat) {
  const version = currentVersion(comment);
  const shape: Record<string, unknown> = {
    id: comment.id,
    status: comment.status,
    title: `Re: ${comment.pageId}`,
    pageId: comment.pageId,
    version: v2Version(version),
    body: v2Body(version.body, format),
    _links: { webui: `/pages/viewpage.action?pageId=${comment.pageId}&focusedCommentId=${comment.id}` },
  };
  if (comment.parentCommentId) shape.parentCommentId = comment.parentCommentId;
  if (comment.kind === 'inline' && comment.inline) {
    shape.resolutionStatus = comment.inline.resolutionStatus;
    shape.properties = {
      inlineMarkerRef: comment.inline.markerRef,
      inlineOriginalSelection: comment.inline.textSelection,
    };
  }
  return shape;
}

export function v2Attachment(attachment: Attachment, base: string) {
  const download = `/download/attachments/${attachment.pageId}/${encodeURIComponent(attachment.title)}?version=${attachment.versionNumber}&api=v2`;
  return {
    id: attachment.id,
    status: attachment.status,
    title: attachment.title,
    createdAt: attachment.createdAt,
    pageId: attachment.pageId,
    mediaType: attachment.mediaType,
    mediaTypeDescription: attachment.mediaType,
    comment: attachment.comment,
    fileId: attachment.fileId,
    fileSize: attachment.data.length,
    webuiLink: `/pages/viewpageattachments.action?pageId=${attachment.pageId}&preview=${encodeURIComponent(attachment.title)}`,
    downloadLink: download,
    version: { createdAt: attachment.createdAt, message: attachment.comment, number: attachment.versionNumber, minorEdit: false, authorId: attachment.authorId },
    _links: { webui: `/pages/viewpageattachments.action?pageId=${attachment.pageId}`, download, base },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
