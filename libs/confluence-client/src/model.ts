/**
 * What the client returns, the same on Cloud and Data Center. Cloud v2 and DC v1 shapes are mapped to these
 * types so callers never branch on the flavour.
 */

export interface Version {
  number: number;
  createdAt: string;
  message: string;
  minorEdit: boolean;
  /** Account id on Cloud, user key on Data Center; may be null on imported pages. */
  authorId: string | null;
}

export interface Space {
  id: string;
  key: string;
  name: string;
  type: string;
  status: string;
  homepageId: string | null;
  description?: string;
  webUrl: string;
}

export type ContentStatus = 'current' | 'draft' | 'archived' | 'trashed' | 'historical' | 'deleted';

export interface PageBody {
  storage?: string;
  view?: string;
  exportView?: string;
}

export interface Page {
  id: string;
  type: 'page' | 'blogpost';
  status: ContentStatus;
  title: string;
  spaceId: string;
  /** Known on Data Center and when the caller supplied it; Cloud v2 gives only `spaceId`. */
  spaceKey?: string;
  parentId: string | null;
  /** Order among siblings (moves change it, not the version). */
  position: number | null;
  authorId: string | null;
  createdAt: string;
  version: Version;
  body?: PageBody;
  labels?: Label[];
  webUrl: string;
}

export interface PageSummary {
  id: string;
  title: string;
  status: ContentStatus;
  spaceId: string;
  position: number | null;
}

export interface Label {
  id: string;
  name: string;
  prefix: string;
}

export type CommentLocation = 'footer' | 'inline';

export interface Comment {
  id: string;
  location: CommentLocation;
  pageId: string;
  parentCommentId: string | null;
  status: string;
  version: Version;
  body?: PageBody;
  /** Inline comments: the highlighted text. */
  inlineSelection?: string;
  resolutionStatus?: string;
}

export interface Attachment {
  id: string;
  title: string;
  mediaType: string;
  fileSize: number;
  comment: string;
  pageId: string;
  version: number;
  createdAt: string;
  /** Relative to the site; pass to `attachments.download()`. */
  downloadPath: string;
}

export interface User {
  /** Cloud account id, or the user key on Data Center. */
  id: string;
  accountId?: string;
  username?: string;
  displayName: string;
  email?: string;
  timeZone?: string;
}

export interface SearchHit {
  id: string;
  type: string;
  title: string;
  excerpt: string;
  spaceKey?: string;
  lastModified?: string;
  url: string;
  /** The content, with expansions asked for (bodies, version). */
  content?: Page;
}

/** One page of a list: the items and how to get the next page (`undefined` at the end). */
export interface ListPage<T> {
  items: T[];
  /** Opaque: a Cloud cursor or a Data Center offset. Pass back as `cursor`. */
  nextCursor?: string;
  /**
   * Lists that page by offset (Data Center, and CQL search when called without a Cloud cursor): the offset of the
   * next page, to pass back as `start`. `undefined` at the end, and on Cloud's cursor-only lists.
   */
  nextStart?: number;
  /** Total count, when the API says it (DC search, v1 CQL). */
  total?: number;
}
