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

/**
 * A mentioned user, as storage names them (`ri:user`): Cloud's account id, Data Center's user key, or the user name
 * of old Server pages.
 */
export type UserRef = { accountId: string } | { userKey: string } | { username: string };

/**
 * Display name of a mentioned user. `id` is the identifier storage holds (account id, user key or user name: the
 * same value as the Confluence client's `User.id` on Cloud and Data Center), `ref` says which it is. A resolver
 * written for account ids only (`(id) => names.get(id)`) keeps working: it simply finds no name for the others.
 */
export type UserResolver = (id: string, ref: UserRef) => string | undefined;

/** Options of `storageToMarkdown`. Resolvers are synchronous: callers resolve asynchronously beforehand. */
export interface StorageToMarkdownOptions {
  /** Display name of a mentioned user (callers cache; prefetch ids, user keys and user names with collectReferences). */
  resolveUser?: UserResolver;
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
  /** Users mentioned by account id (Cloud). */
  accountIds: string[];
  /** Users mentioned by user key (Data Center). */
  userKeys: string[];
  /** Users mentioned by user name (old Server pages). */
  usernames: string[];
  pages: PageRef[];
  attachments: string[];
}
