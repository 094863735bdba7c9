/**
 * Reads and writes on the world with Confluence's rules: permissions (inherited view restrictions), unique
 * titles per space, the version rule, trash and purge. Routes and `control` both go through here, so a test
 * that edits the world sees the same effects as a client would.
 */
import { compareIds } from '../http/pagination';
import { HttpError, notFound } from '../http/errors';
import { Attachment, Comment, ContentVersion, Label, Page, Space, User, World, currentVersion } from '../model';

export class Store {
  constructor(readonly world: World, private readonly clock: () => Date = () => new Date()) {}

  now(): string {
    return this.clock().toISOString();
  }

  newId(): string {
    return String(this.world.nextId++);
  }

  // ---- users -------------------------------------------------------------------------------------------

  user(accountId: string): User | undefined {
    return this.world.users.get(accountId);
  }

  findUser(predicate: (user: User) => boolean): User | undefined {
    for (const user of this.world.users.values()) if (predicate(user)) return user;
    return undefined;
  }

  // ---- spaces ------------------------------------------------------------------------------------------

  canReadSpace(user: User, space: Space): boolean {
    return space.permissions.read === '*' || space.permissions.read.includes(user.accountId);
  }

  canWriteSpace(user: User, space: Space): boolean {
    if (!this.canReadSpace(user, space)) return false;
    return space.permissions.write === '*' || space.permissions.write.includes(user.accountId);
  }

  spaceByKey(key: string): Space | undefined {
    for (const space of this.world.spaces.values()) if (space.key === key) return space;
    return undefined;
  }

  /** A space the user can see, or 404 (Cloud never reveals that a hidden space exists). */
  readableSpace(user: User, idOrKey: { id?: string; key?: string }): Space {
    const space = idOrKey.id ? this.world.spaces.get(idOrKey.id) : this.spaceByKey(idOrKey.key ?? '');
    if (!space || !this.canReadSpace(user, space)) throw notFound();
    return space;
  }

  visibleSpaces(user: User): Space[] {
    return [...this.world.spaces.values()].filter((space) => this.canReadSpace(user, space));
  }

  // ---- pages -------------------------------------------------------------------------------------------

  /** View restrictions are inherited: a page is hidden when it or any ancestor restricts reading. */
  canReadPage(user: User, page: Page): boolean {
    return this.readablePredicate(user)(page);
  }

  /**
   * `canReadPage` for many pages at once: each ancestor's restriction is checked once, not once per
   * descendant, so listing a large space stays linear.
   */
  readablePredicate(user: User): (page: Page) => boolean {
    const spaceOk = new Map<string, boolean>();
    const chainOk = new Map<string, boolean>();
    const chain = (page: Page): boolean => {
      const known = chainOk.get(page.id);
      if (known !== undefined) return known;
      chainOk.set(page.id, true); // a cycle (never built by the store) must not recurse forever
      const own = !page.restrictions.read || page.restrictions.read.includes(user.accountId);
      const parent = page.parentId ? this.world.pages.get(page.parentId) : undefined;
      const ok = own && (!parent || chain(parent));
      chainOk.set(page.id, ok);
      return ok;
    };
    return (page) => {
      let ok = spaceOk.get(page.spaceId);
      if (ok === undefined) {
        const space = this.world.spaces.get(page.spaceId);
        ok = Boolean(space && this.canReadSpace(user, space));
        spaceOk.set(page.spaceId, ok);
      }
      return ok && chain(page);
    };
  }

  canUpdatePage(user: User, page: Page): boolean {
    const space = this.world.spaces.get(page.spaceId);
    if (!space || !this.canWriteSpace(user, space) || !this.canReadPage(user, page)) return false;
    return !page.restrictions.update || page.restrictions.update.includes(user.accountId);
  }

  /** A page (or blog post) the user can read, in one of the given statuses, else 404. */
  readablePage(user: User, id: string, statuses: Page['status'][] = ['current', 'archived', 'draft']): Page {
    const page = this.world.pages.get(id);
    if (!page || !statuses.includes(page.status) || !this.canReadPage(user, page)) throw notFound();
    return page;
  }

  /** Pages of a space in id order, as the list endpoints return them. */
  pagesOfSpace(spaceId: string): Page[] {
    const pages: Page[] = [];
    for (const page of this.world.pages.values()) if (page.spaceId === spaceId) pages.push(page);
    return pages;
  }

  children(page: Page): Page[] {
    const children: Page[] = [];
    for (const candidate of this.world.pages.values()) {
      if (candidate.parentId === page.id && candidate.status === 'current') children.push(candidate);
    }
    return children.sort((a, b) => a.position - b.position || compareIds(a.id, b.id));
  }

  private childrenOf(parentId: string | null): Page[] {
    const parent = parentId ? this.world.pages.get(parentId) : undefined;
    return parent ? this.children(parent) : [];
  }

  /** Root first, the direct parent last. */
  ancestors(page: Page): Page[] {
    const chain: Page[] = [];
    const seen = new Set<string>([page.id]);
    for (let id = page.parentId; id && !seen.has(id); ) {
      const parent = this.world.pages.get(id);
      if (!parent) break;
      seen.add(id);
      chain.unshift(parent);
      id = parent.parentId;
    }
    return chain;
  }

  private assertTitleFree(spaceId: string, title: string, exceptId?: string): void {
    for (const page of this.world.pages.values()) {
      if (page.spaceId === spaceId && page.id !== exceptId && page.type === 'page' && page.status !== 'trashed' && currentVersion(page).title === title) {
        throw new HttpError(400, `A page with this title already exists: A page already exists with the same TITLE in this space`, 'INVALID_REQUEST_PARAMETER');
      }
    }
  }

  createPage(input: {
    spaceId: string;
    title: string;
    body: string;
    authorId: string;
    parentId?: string | null;
    type?: Page['type'];
    status?: Page['status'];
    message?: string;
  }): Page {
    const type = input.type ?? 'page';
    if (!input.title.trim()) throw new HttpError(400, 'Title cannot be empty', 'INVALID_REQUEST_PARAMETER');
    if (type === 'page') this.assertTitleFree(input.spaceId, input.title);
    const space = this.world.spaces.get(input.spaceId);
    if (!space) throw notFound();
    const parentId = type === 'page' ? (input.parentId ?? space.homepageId) : null;
    if (parentId) {
      const parent = this.world.pages.get(parentId);
      if (!parent || parent.spaceId !== input.spaceId) throw new HttpError(400, 'Parent page must be in the same space', 'INVALID_REQUEST_PARAMETER');
    }
    const now = this.now();
    const siblings = this.childrenOf(parentId);
    const page: Page = {
      id: this.newId(),
      type,
      spaceId: input.spaceId,
      status: input.status ?? 'current',
      parentId,
      position: siblings.length ? siblings[siblings.length - 1].position + 1 : 0,
      authorId: input.authorId,
      ownerId: input.authorId,
      createdAt: now,
      versions: [{ number: 1, createdAt: now, message: input.message ?? '', minorEdit: false, authorId: input.authorId, title: input.title, body: input.body }],
      restrictions: {},
      labels: [],
    };
    this.world.pages.set(page.id, page);
    return page;
  }

  /**
   * Save a new version. `versionNumber` must be the current number + 1, as Confluence demands; anything else is
   * a 409 that names the current version.
   */
  updatePage(page: Page, input: { versionNumber: number; title?: string; body?: string; authorId: string; message?: string; minorEdit?: boolean }): Page {
    const current = currentVersion(page);
    if (input.versionNumber !== current.number + 1) {
      throw new HttpError(409, `Version must be incremented on update. Current version is: ${current.number}`, 'CONFLICT');
    }
    const title = input.title ?? current.title;
    if (title !== current.title && page.type === 'page') this.assertTitleFree(page.spaceId, title, page.id);
    const version: ContentVersion = {
      number: input.versionNumber,
      createdAt: this.now(),
      message: input.message ?? '',
      minorEdit: input.minorEdit ?? false,
      authorId: input.authorId,
      title,
      body: input.body ?? current.body,
    };
    page.versions.push(version);
    if (page.status === 'draft') page.status = 'current';
    return page;
  }

  /** Move under a new parent (or reorder). Confluence keeps the version number on a move. */
  movePage(page: Page, parentId: string | null, position?: number): void {
    if (parentId) {
      const parent = this.world.pages.get(parentId);
      if (!parent || parent.spaceId !== page.spaceId) throw new HttpError(400, 'Target parent must be a page in the same space', 'INVALID_REQUEST_PARAMETER');
      if (parent.id === page.id || this.ancestors(parent).some((a) => a.id === page.id)) {
        throw new HttpError(400, 'A page cannot be moved below itself', 'INVALID_REQUEST_PARAMETER');
      }
    }
    page.parentId = parentId;
    if (position !== undefined) page.position = position;
    else {
      const siblings = this.childrenOf(parentId).filter((p) => p.id !== page.id);
      page.position = siblings.length ? siblings[siblings.length - 1].position + 1 : 0;
    }
  }

  /** First delete moves to the trash; deleting a trashed page with purge removes it for good. */
  deletePage(page: Page, purge: boolean): void {
    if (purge) {
      if (page.status !== 'trashed') throw new HttpError(400, 'Only trashed content can be purged', 'INVALID_REQUEST_PARAMETER');
      this.purge(page);
      return;
    }
    if (page.status === 'trashed') throw notFound();
    page.status = 'trashed';
    // Children move up to the trashed page's parent, as Confluence does when a page is deleted.
    for (const child of this.world.pages.values()) if (child.parentId === page.id) child.parentId = page.parentId;
  }

  purge(page: Page): void {
    this.world.pages.delete(page.id);
    for (const [id, comment] of this.world.comments) if (comment.pageId === page.id) this.world.comments.delete(id);
    for (const [id, attachment] of this.world.attachments) if (attachment.pageId === page.id) this.world.attachments.delete(id);
  }

  // ---- comments, attachments, labels --------------------------------------------------------------------

  commentsOf(page: Page, kind?: Comment['kind']): Comment[] {
    return [...this.world.comments.values()].filter((c) => c.pageId === page.id && c.status === 'current' && (!kind || c.kind === kind));
  }

  addComment(input: Omit<Comment, 'id' | 'createdAt' | 'versions' | 'status'> & { body: string }): Comment {
    const now = this.now();
    const { body, ...rest } = input;
    const comment: Comment = {
      ...rest,
      id: this.newId(),
      status: 'current',
      createdAt: now,
      versions: [{ number: 1, createdAt: now, message: '', minorEdit: false, authorId: input.authorId, title: '', body }],
    };
    this.world.comments.set(comment.id, comment);
    return comment;
  }

  attachmentsOf(page: Page): Attachment[] {
    return [...this.world.attachments.values()].filter((a) => a.pageId === page.id && a.status === 'current');
  }

  /** Upload: a file with the same name on the page becomes a new version of that attachment. */
  putAttachment(page: Page, input: { title: string; mediaType: string; data: Buffer; comment: string; authorId: string }): Attachment {
    const existing = this.attachmentsOf(page).find((a) => a.title === input.title);
    if (existing) {
      Object.assign(existing, { data: input.data, mediaType: input.mediaType, comment: input.comment, authorId: input.authorId });
      existing.versionNumber += 1;
      existing.createdAt = this.now();
      return existing;
    }
    const id = this.newId();
    const attachment: Attachment = {
      id: `att${id}`,
      pageId: page.id,
      title: input.title,
      mediaType: input.mediaType,
      comment: input.comment,
      status: 'current',
      authorId: input.authorId,
      createdAt: this.now(),
      versionNumber: 1,
      fileId: `f${id.padStart(8, '0')}-0000-4000-8000-${id.padStart(12, '0')}`,
      data: input.data,
      labels: [],
    };
    this.world.attachments.set(attachment.id, attachment);
    return attachment;
  }

  /** Labels are lower-cased and deduplicated; a label never changes the page version. */
  addLabel(page: Page, name: string, prefix: Label['prefix'] = 'global'): Label {
    const normalized = name.trim().toLowerCase();
    if (!/^[^\s!#&()*,.:;<>?@[\]^]+$/.test(normalized) || normalized.length > 255) {
      throw new HttpError(400, `Label '${name.slice(0, 60)}' contains invalid characters`, 'INVALID_REQUEST_PARAMETER');
    }
    const existing = page.labels.find((l) => l.name === normalized);
    if (existing) return existing;
    const label: Label = { id: this.labelId(normalized), name: normalized, prefix };
    page.labels.push(label);
    return label;
  }

  removeLabel(page: Page, name: string): void {
    const index = page.labels.findIndex((l) => l.name === name.toLowerCase());
    if (index < 0) throw notFound();
    page.labels.splice(index, 1);
  }

  /** Label ids are stable per name across the site. */
  private labelId(name: string): string {
    for (const page of this.world.pages.values()) {
      const found = page.labels.find((l) => l.name === name);
      if (found) return found.id;
    }
    return this.newId();
  }
}
