/**
 * Run-time control of a running emulator, for tests and benchmarks: switch faults, read the request log,
 * and change the world between sync runs (edit, move, rename, restrict, trash, delete pages).
 */
import { Flavor, RateLimitOptions } from './options';
import { Faults, InjectedFault } from './http/faults';
import { LoggedRequest, RequestLog } from './http/request-log';
import { Attachment, Comment, Label, Page, Restrictions, SpacePermissions, User, World, currentVersion } from './model';
import { OAuthClient, OAuthServer } from './routes/oauth/oauth-server';
import { Store } from './store/store';

export interface EmulatorControl {
  readonly url: string;
  readonly flavor: Flavor;
  readonly world: World;
  /** Users by username (`alice`, `bob`, ...). */
  user(username: string): User;
  page(id: string): Page;
  /** A page by space key and title. */
  pageByTitle(spaceKey: string, title: string): Page;

  setLatency(ms: number, jitterMs?: number): void;
  setRateLimit(rateLimit: RateLimitOptions | null): void;
  setErrorRate(rate: number): void;
  setResetRate(rate: number): void;
  setSlowBody(bytesPerSecond: number | null): void;
  injectFault(fault: InjectedFault): void;
  /** Back to a well-behaved server: no latency, limits or faults. */
  clearFaults(): void;

  requests(): readonly LoggedRequest[];
  /** Calls per route, e.g. `{ 'GET /wiki/api/v2/spaces/:id/pages': 4 }`. */
  counts(): Record<string, number>;
  requestCount(): number;
  clearLog(): void;

  createPage(input: { spaceKey: string; title: string; body?: string; parentId?: string | null; author?: string; type?: Page['type'] }): Page;
  /** Save a new version (as an edit in the UI would). */
  editPage(id: string, change: { title?: string; body?: string; message?: string; author?: string }): Page;
  renamePage(id: string, title: string): Page;
  /** Move without a new version, as Confluence does. */
  movePage(id: string, parentId: string | null, position?: number): Page;
  restrictPage(id: string, restrictions: Restrictions): Page;
  trashPage(id: string): Page;
  restorePage(id: string): Page;
  /** Remove for good (trash first if needed). */
  deletePage(id: string): void;
  addLabel(pageId: string, name: string): Label;
  removeLabel(pageId: string, name: string): void;
  addAttachment(pageId: string, file: { title: string; mediaType: string; data: Buffer | string; comment?: string }): Attachment;
  addComment(pageId: string, body: string, options?: { kind?: Comment['kind']; replyTo?: string; author?: string }): Comment;
  setSpacePermissions(spaceKey: string, permissions: SpacePermissions): void;

  oauth: {
    registerClient(client: OAuthClient): void;
    /** The account the fake consent screen approves from now on. */
    approveAs(username: string): void;
    expireAccessTokens(): void;
    isFamilyRevoked(refreshToken: string): boolean;
  };
}

export function createControl(deps: { store: Store; faults: Faults; log: RequestLog; oauth: OAuthServer; url: string; flavor: Flavor }): EmulatorControl {
  const { store, faults, log, oauth } = deps;
  const world = store.world;
  const user = (username: string): User => {
    const found = store.findUser((u) => u.username === username);
    if (!found) throw new Error(`control: no user named '${username}'`);
    return found;
  };
  const page = (id: string): Page => {
    const found = world.pages.get(id);
    if (!found) throw new Error(`control: no page with id '${id}'`);
    return found;
  };
  const authorId = (username?: string) => (username ? user(username).accountId : [...world.users.keys()][0]);
  const nextVersion = (p: Page) => currentVersion(p).number + 1;

  return {
    url: deps.url,
    flavor: deps.flavor,
    world,
    user,
    page,
    pageByTitle(spaceKey, title) {
      const space = store.spaceByKey(spaceKey);
      const found = space && store.pagesOfSpace(space.id).find((p) => currentVersion(p).title === title && p.status !== 'trashed');
      if (!found) throw new Error(`control: no page '${title}' in space '${spaceKey}'`);
      return found;
    },

    setLatency(ms, jitterMs = 0) {
      faults.latencyMs = ms;
      faults.jitterMs = jitterMs;
    },
    setRateLimit: (rateLimit) => faults.setRateLimit(rateLimit),
    setErrorRate: (rate) => void (faults.errorRate = rate),
    setResetRate: (rate) => void (faults.resetRate = rate),
    setSlowBody: (bps) => void (faults.slowBodyBytesPerSecond = bps),
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),

    requests: () => log.all(),
    counts: () => log.counts(),
    requestCount: () => log.total(),
    clearLog: () => log.clear(),

    createPage(input) {
      const space = store.spaceByKey(input.spaceKey);
      if (!space) throw new Error(`control: no space '${input.spaceKey}'`);
      return store.createPage({ spaceId: space.id, title: input.title, body: input.body ?? '<p></p>', authorId: authorId(input.author), parentId: input.parentId, type: input.type });
    },
    editPage(id, change) {
      const p = page(id);
      return store.updatePage(p, { versionNumber: nextVersion(p), title: change.title, body: change.body, message: change.message, authorId: authorId(change.author) });
    },
    renamePage(id, title) {
      const p = page(id);
      return store.updatePage(p, { versionNumber: nextVersion(p), title, authorId: authorId() });
    },
    movePage(id, parentId, position) {
      const p = page(id);
      store.movePage(p, parentId, position);
      return p;
    },
    restrictPage(id, restrictions) {
      const p = page(id);
      p.restrictions = { ...restrictions };
      return p;
    },
    trashPage(id) {
      const p = page(id);
      store.deletePage(p, false);
      return p;
    },
    restorePage(id) {
      const p = page(id);
      p.status = 'current';
      return p;
    },
    deletePage(id) {
      store.purge(page(id));
    },
    addLabel: (pageId, name) => store.addLabel(page(pageId), name),
    removeLabel: (pageId, name) => store.removeLabel(page(pageId), name),
    addAttachment(pageId, file) {
      const data = typeof file.data === 'string' ? Buffer.from(file.data) : file.data;
      return store.putAttachment(page(pageId), { title: file.title, mediaType: file.mediaType, data, comment: file.comment ?? '', authorId: authorId() });
    },
    addComment(pageId, body, options = {}) {
      return store.addComment({ kind: options.kind ?? 'footer', pageId: page(pageId).id, parentCommentId: options.replyTo ?? null, authorId: authorId(options.author), body });
    },
    setSpacePermissions(spaceKey, permissions) {
      const space = store.spaceByKey(spaceKey);
      if (!space) throw new Error(`control: no space '${spaceKey}'`);
      space.permissions = permissions;
    },

    oauth: {
      registerClient: (client) => void oauth.clients.set(client.clientId, client),
      approveAs: (username) => void (oauth.approveAccountId = user(username).accountId),
      expireAccessTokens: () => oauth.expireAccessTokens(),
      isFamilyRevoked: (refreshToken) => oauth.isFamilyRevoked(refreshToken),
    },
  };
}
