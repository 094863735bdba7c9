/** A Confluence page as a document for retrieval: Markdown text plus the metadata every chunk carries. */
import type { Page } from '@confluence-mcp/confluence-client';
import { PageRef, storageToMarkdown } from '@confluence-mcp/confluence-markdown';
import { PeopleDirectory } from './people';

/** Metadata of a page (and of each of its chunks). Values are strings, numbers or string lists (LlamaCloud keeps them as they are). */
export interface PageMetadata {
  source: 'confluence';
  site: string;
  space_key: string;
  space_name: string;
  page_id: string;
  title: string;
  url: string;
  /** Titles from the space's top page down to the parent. */
  ancestors: string[];
  labels: string[];
  version: number;
  created_at: string;
  updated_at: string;
  /** Who created the page (display name, or the id when unknown). */
  author: string;
  /** Who made the current version. */
  updated_by: string;
}

/** A page ready to chunk. */
export interface PageDocument {
  pageId: string;
  markdown: string;
  metadata: PageMetadata;
}

/** What a run knows about the pages around the one being converted (for links and ancestors). */
export interface DocumentContext {
  site: string;
  spaceName: string;
  spaceKey: string;
  people: PeopleDirectory;
  /** Web URL of a page by space key and title (from the listing), for page links. */
  pageUrl(ref: PageRef): string | undefined;
  /** Download URL of an attachment of a page. */
  attachmentUrl(pageId: string, filename: string): string;
  ancestors: string[];
}

/** Converts a page with a storage body; pages without one get an empty text (their title still indexes). */
export function pageDocument(page: Page, ctx: DocumentContext): PageDocument {
  const storage = page.body?.storage ?? '';
  const { markdown } = storage
    ? storageToMarkdown(storage, {
        spaceKey: ctx.spaceKey,
        resolveUser: (id, ref) => ('username' in ref ? ctx.people.nameOfUsername(id) : ctx.people.nameOf(id)),
        resolvePageUrl: (ref) => ctx.pageUrl({ spaceKey: ref.spaceKey ?? ctx.spaceKey, title: ref.title }),
        resolveAttachmentUrl: (filename) => ctx.attachmentUrl(page.id, filename),
      })
    : { markdown: '' };
  return {
    pageId: page.id,
    markdown,
    metadata: {
      source: 'confluence',
      site: ctx.site,
      space_key: ctx.spaceKey,
      space_name: ctx.spaceName,
      page_id: page.id,
      title: page.title,
      url: page.webUrl,
      ancestors: ctx.ancestors,
      labels: (page.labels ?? []).map((label) => label.name).sort(),
      version: page.version.number,
      created_at: page.createdAt,
      updated_at: page.version.createdAt,
      author: ctx.people.nameOf(page.authorId) ?? page.authorId ?? 'unknown',
      updated_by: ctx.people.nameOf(page.version.authorId) ?? page.version.authorId ?? 'unknown',
    },
  };
}
