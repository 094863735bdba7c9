/**
 * Types shared by the reader (storage -> Markdown) and the writer (Markdown -> storage).
 * The contract between both directions is `CONVENTIONS.md` beside this library.
 */

/** What kind of information a conversion could not represent faithfully. */
export type WarningKind =
  | 'placeholder'
  | 'formatting-dropped'
  | 'layout-flattened'
  | 'inline-comment-marker-dropped'
  | 'unresolved-link'
  | 'unknown-element'
  | 'depth-limited'
  | 'invalid-markup'
  | 'raw-html-escaped'
  | 'invalid-placeholder';

/** One kind of loss, counted: a conversion returns at most one warning per kind and message. */
export interface ConversionWarning {
  kind: WarningKind;
  message: string;
  count: number;
}

/** A page link target, as written in storage (`ri:page`). */
export interface PageRef {
  /** Absent when the link points into the current space. */
  spaceKey?: string;
  title: string;
}

/** Options of `storageToMarkdown`. Resolvers are synchronous: callers resolve asynchronously beforehand. */
export interface StorageToMarkdownOptions {
  /** Display name for an account id (callers cache; prefetch ids with collectReferences). */
  resolveUser?: (accountId: string) => string | undefined;
  /** Web URL of a page link target. */
  resolvePageUrl?: (ref: PageRef) => string | undefined;
  /** Web URL of an attachment of the page being converted. */
  resolveAttachmentUrl?: (filename: string) => string | undefined;
  /** Space of the page being converted: links into it omit the key. */
  spaceKey?: string;
  /** When set, jira macros become links to `${jiraBaseUrl}/browse/KEY`. */
  jiraBaseUrl?: string;
}

/** Options of `markdownToStorage`. */
export interface MarkdownToStorageOptions {
  /** A Markdown link URL that points at a Confluence page (e.g. its web URL) -> the page; others stay plain links. */
  resolvePageLink?: (url: string) => PageRef | undefined;
  spaceKey?: string;
}

/** Result of `storageToMarkdown`. */
export interface StorageToMarkdownResult {
  markdown: string;
  warnings: ConversionWarning[];
}

/** Result of `markdownToStorage`. */
export interface MarkdownToStorageResult {
  storage: string;
  warnings: ConversionWarning[];
}

/** What a page's storage refers to, so callers can resolve names and URLs before converting. */
export interface StorageReferences {
  accountIds: string[];
  pages: PageRef[];
  attachments: string[];
}
