/**
 * What CQL searches run over: the content the caller may read, flattened to `CqlDocument`s. Plain text is
 * cached per record and version, so repeated searches over thousands of pages do not strip bodies again.
 */
import { storageToPlainText } from '../../content';
import type { CqlDocument } from '../../cql';
import { Attachment, Comment, Page, currentVersion } from '../../model';
import { Entity, attachmentEntity, commentEntity, pageEntity } from './entity';
import { V1Context, cqlUserId } from './shapes';

/** One searchable record and its CQL view. */
export interface SearchItem {
  entity: Entity;
  doc: CqlDocument;
}

/** Which records a search looks at, besides pages and blog posts. */
export interface SearchScope {
  comments: boolean;
  attachments: boolean;
  /** Content statuses searched (`cqlcontext.contentStatuses`); `current` by default. */
  statuses: ReadonlySet<string>;
  includeArchivedSpaces: boolean;
  excludeCurrentSpaces: boolean;
}

/** Builds the documents of a search; one per server, so its text cache outlives requests. */
export class SearchIndex {
  private readonly plain = new WeakMap<object, { version: number; text: string }>();

  /** Plain text of a record's body, stripped once per version. */
  text(owner: Page | Comment, version: number, storage: string): string {
    const cached = this.plain.get(owner);
    if (cached && cached.version === version) return cached.text;
    const text = storageToPlainText(storage);
    this.plain.set(owner, { version, text });
    return text;
  }

  /** Readable content in scope, in id order. */
  items(v: V1Context, scope: SearchScope): SearchItem[] {
    const { store } = v;
    const items: SearchItem[] = [];
    const readable = new Map<string, Page>();
    const readablePage = store.readablePredicate(v.user);
    for (const page of store.world.pages.values()) {
      if (!scope.statuses.has(page.status)) continue;
      const space = store.world.spaces.get(page.spaceId);
      if (!space) continue;
      const archived = space.status === 'archived';
      if ((archived && !scope.includeArchivedSpaces) || (!archived && scope.excludeCurrentSpaces)) continue;
      if (!readablePage(page)) continue;
      readable.set(page.id, page);
      items.push({ entity: pageEntity(page), doc: this.pageDoc(v, page, space.key) });
    }
    if (scope.comments) {
      for (const comment of store.world.comments.values()) {
        const page = readable.get(comment.pageId);
        if (page && comment.status === 'current') items.push({ entity: commentEntity(comment), doc: this.commentDoc(v, comment, page) });
      }
    }
    if (scope.attachments) {
      for (const attachment of store.world.attachments.values()) {
        const page = readable.get(attachment.pageId);
        if (page && attachment.status === 'current') items.push({ entity: attachmentEntity(attachment), doc: attachmentDoc(v, attachment, page) });
      }
    }
    return items;
  }

  private pageDoc(v: V1Context, page: Page, spaceKey: string): CqlDocument {
    const version = currentVersion(page);
    return {
      id: page.id,
      type: page.type,
      spaceKey,
      title: version.title,
      text: this.text(page, version.number, version.body),
      labels: page.labels.map((l) => l.name),
      ancestorIds: v.store.ancestors(page).map((a) => a.id),
      parentId: page.parentId,
      createdMs: Date.parse(page.createdAt),
      lastModifiedMs: Date.parse(version.createdAt),
      creatorAccountId: cqlUserId(v, page.authorId),
      contributorAccountIds: [...new Set(page.versions.map((ver) => cqlUserId(v, ver.authorId)))],
      status: page.status,
    };
  }

  private commentDoc(v: V1Context, comment: Comment, page: Page): CqlDocument {
    const version = currentVersion(comment);
    return {
      ...hosted(v, page),
      id: comment.id,
      type: 'comment',
      title: `Re: ${currentVersion(page).title}`,
      text: this.text(comment, version.number, version.body),
      labels: [],
      createdMs: Date.parse(comment.createdAt),
      lastModifiedMs: Date.parse(version.createdAt),
      creatorAccountId: cqlUserId(v, comment.authorId),
      contributorAccountIds: [...new Set(comment.versions.map((ver) => cqlUserId(v, ver.authorId)))],
      status: comment.status,
    };
  }
}

/** Comments and attachments sit below their page: it is their parent and last ancestor. */
function hosted(v: V1Context, page: Page): Pick<CqlDocument, 'spaceKey' | 'ancestorIds' | 'parentId'> {
  return {
    spaceKey: v.store.world.spaces.get(page.spaceId)?.key ?? '',
    ancestorIds: [...v.store.ancestors(page).map((a) => a.id), page.id],
    parentId: page.id,
  };
}

function attachmentDoc(v: V1Context, attachment: Attachment, page: Page): CqlDocument {
  return {
    ...hosted(v, page),
    id: attachment.id,
    type: 'attachment',
    title: attachment.title,
    text: attachment.comment,
    labels: attachment.labels.map((l) => l.name),
    createdMs: Date.parse(attachment.createdAt),
    lastModifiedMs: Date.parse(attachment.createdAt),
    creatorAccountId: cqlUserId(v, attachment.authorId),
    contributorAccountIds: [cqlUserId(v, attachment.authorId)],
    status: attachment.status,
  };
}
