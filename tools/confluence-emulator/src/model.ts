/**
 * The emulator's world: plain data, independent of any HTTP shape. Routes render these records into the
 * Cloud v2, Cloud v1 and Data Center v1 shapes; `control` and the content generator edit them directly.
 */

/** A person who can sign in. Each credential kind is separate so tests can exercise every auth mode. */
export interface User {
  accountId: string;
  /** Data Center user name (also the `username` in v1 shapes). */
  username: string;
  email: string;
  displayName: string;
  /** Classic Cloud API token: works with Basic auth on the site URL. */
  apiToken: string;
  /** Scoped Cloud API token: works with Basic auth only through the `/ex/confluence/{cloudId}` gateway. */
  scopedApiToken: string;
  /** Account password: Cloud refuses it (Basic auth with passwords is deprecated); Data Center accepts it. */
  password: string;
  /** Data Center personal access token, sent as `Authorization: Bearer`. */
  personalAccessToken: string;
  timeZone: string;
}

/** Who may do what in a space. `'*'` means every signed-in user. */
export interface SpacePermissions {
  read: '*' | string[];
  write: '*' | string[];
}

export interface Space {
  id: string;
  key: string;
  name: string;
  type: 'global' | 'personal' | 'collaboration' | 'knowledge_base';
  status: 'current' | 'archived';
  authorId: string;
  createdAt: string;
  homepageId: string | null;
  description: string;
  permissions: SpacePermissions;
  labels: Label[];
}

export interface Label {
  id: string;
  name: string;
  prefix: 'global' | 'my' | 'team';
}

/** One saved version of a page or blog post: the newest is the current version. */
export interface ContentVersion {
  number: number;
  createdAt: string;
  message: string;
  minorEdit: boolean;
  authorId: string;
  title: string;
  /** Storage-format XHTML of this version. */
  body: string;
}

/** Page-level restrictions: when a list is present, only those users may read (or update) the page. */
export interface Restrictions {
  read?: string[];
  update?: string[];
}

export type ContentStatus = 'current' | 'draft' | 'archived' | 'trashed';

export interface Page {
  id: string;
  type: 'page' | 'blogpost';
  spaceId: string;
  status: ContentStatus;
  /** Parent page id; `null` for a root page (or a blog post). */
  parentId: string | null;
  /** Order among siblings. A move changes it (and the parent) but never the version. */
  position: number;
  authorId: string;
  ownerId: string;
  createdAt: string;
  /** Oldest first; the last entry is the current version (title and body live there). */
  versions: ContentVersion[];
  restrictions: Restrictions;
  labels: Label[];
}

export interface Comment {
  id: string;
  kind: 'footer' | 'inline';
  pageId: string;
  /** For replies: the comment answered. */
  parentCommentId: string | null;
  status: 'current' | 'trashed';
  authorId: string;
  createdAt: string;
  versions: ContentVersion[];
  /** Inline comments only: the highlighted text and the marker ref used in the page body. */
  inline?: { textSelection: string; markerRef: string; resolutionStatus: 'open' | 'resolved' };
}

export interface Attachment {
  /** Cloud attachment ids are `att` + digits. */
  id: string;
  pageId: string;
  title: string;
  mediaType: string;
  comment: string;
  status: 'current' | 'trashed';
  authorId: string;
  createdAt: string;
  versionNumber: number;
  fileId: string;
  data: Buffer;
  labels: Label[];
}

/** Everything the emulator serves. Maps keep insertion order, which is also id order. */
export interface World {
  siteName: string;
  cloudId: string;
  users: Map<string, User>;
  spaces: Map<string, Space>;
  pages: Map<string, Page>;
  comments: Map<string, Comment>;
  attachments: Map<string, Attachment>;
  /** Next numeric id for any new entity (Confluence ids are one sequence across content types). */
  nextId: number;
}

/** The newest version of a page or comment. */
export function currentVersion(entity: { versions: ContentVersion[] }): ContentVersion {
  return entity.versions[entity.versions.length - 1];
}
