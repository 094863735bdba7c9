/** What every handler works with: the client, the logger, and the space allow-list checks. */
import type { BodyFormat, ConfluenceClient, Page, User } from '@confluence-mcp/confluence-client';
import { NotFoundError } from '@confluence-mcp/confluence-client';
import { collectReferences } from '@confluence-mcp/confluence-markdown';
import type { UserRef } from '@confluence-mcp/confluence-markdown';
import type { McpServerDeps, ToolLogger } from './deps';
import type { IndexSearcher } from './index-searcher';
import { PAGE_NOT_FOUND, ToolFailure, silentLogger } from './results';

/** Users looked up per body (or per list of comments); mentions beyond these show their id. */
export const MAX_USER_LOOKUPS = 20;
/** User look-ups in flight at once. */
const USER_LOOKUP_CONCURRENCY = 4;
/** Display names kept per server; the least recently used go first. */
export const USER_CACHE_SIZE = 1000;

/** @default 10 MiB */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** @default 40 s: under the 60 s an MCP client waits by default, so the model sees our error, not the client's. */
export const DEFAULT_CALL_DEADLINE_MS = 40_000;

/** What every call of one server shares: caches of names looked up in Confluence. */
interface SharedCaches {
  spaceKeys: Map<string, string>;
  /** Display names by user id (or `usernameKey`); `null` for a user Confluence does not know. */
  userNames: Map<string, string | null>;
}

/** One user to look up: the key its name is cached under, and the request that finds it. */
interface UserLookup {
  key: string;
  fetch: () => Promise<User>;
}

/** The cache key of a Data Center user name. */
function usernameKey(username: string): string {
  return `username:${username}`;
}

export class ToolContext {
  /** The client; in a call's context (`forCall`), every request it makes carries the call's signal. */
  readonly client: ConfluenceClient;
  readonly logger: ToolLogger;
  /** Upper-cased allowed space keys, or `undefined` for all spaces. */
  readonly spaces?: readonly string[];
  readonly attachmentDirectories: readonly string[];
  readonly maxAttachmentBytes: number;
  /** Longest one tool call or resource read may take, Confluence requests included. */
  readonly callDeadlineMs: number;
  /** Synced indexes, when configured; `verifyIndexHits`: check hits with `client` before showing them. */
  readonly indexSearcher?: IndexSearcher;
  readonly verifyIndexHits: boolean;
  /** Aborted when the caller cancels or the deadline passes (never aborted outside a call). */
  readonly signal?: AbortSignal;
  private readonly deps: McpServerDeps;
  private readonly caches: SharedCaches;
  private readonly spaceKeys: Map<string, string>;
  private readonly userNames: Map<string, string | null>;

  constructor(deps: McpServerDeps, call?: { caches: SharedCaches; signal: AbortSignal }) {
    this.logger = deps.logger ?? silentLogger;
    this.spaces = deps.spaces?.length ? deps.spaces.map((k) => k.trim()).filter(Boolean) : undefined;
    this.attachmentDirectories = deps.attachmentDirectories ?? [];
    this.maxAttachmentBytes = deps.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
    this.callDeadlineMs = deps.callDeadlineMs ?? DEFAULT_CALL_DEADLINE_MS;
    this.indexSearcher = deps.indexSearcher;
    this.verifyIndexHits = deps.verifyIndexHits ?? false;
    this.caches = call?.caches ?? { spaceKeys: new Map(), userNames: new Map() };
    this.spaceKeys = this.caches.spaceKeys;
    this.userNames = this.caches.userNames;
    this.signal = call?.signal;
    // Every request of a call carries its signal: a cancelled or overdue call stops talking to Confluence.
    this.client = call ? deps.client.withCallOptions({ signal: call.signal }) : deps.client;
    this.deps = deps;
  }

  /** The context of one call: the same caches, and a client whose every request is aborted by `signal`. */
  forCall(signal: AbortSignal): ToolContext {
    return new ToolContext(this.deps, { caches: this.caches, signal });
  }

  /** Whether a space key is inside the allow-list (always true without one). Space keys compare case-insensitively. */
  allowsSpace(key: string | undefined): boolean {
    if (!this.spaces) return true;
    if (!key) return false;
    return this.spaces.some((allowed) => allowed.toUpperCase() === key.toUpperCase());
  }

  /** The key of a page's space: known on Data Center; on Cloud looked up once per space id. */
  async spaceKeyOf(page: Pick<Page, 'spaceId' | 'spaceKey'>): Promise<string> {
    if (page.spaceKey) return page.spaceKey;
    const cached = this.spaceKeys.get(page.spaceId);
    if (cached) return cached;
    const key = (await this.client.spaces.get(page.spaceId)).key;
    this.spaceKeys.set(page.spaceId, key);
    return key;
  }

  /**
   * A page the allow-list lets this server show. A page outside it answers exactly like a missing one, so the
   * model learns nothing about spaces it may not reach.
   */
  async visiblePage(page: Page): Promise<Page & { spaceKey: string }> {
    const spaceKey = await this.spaceKeyOf(page);
    if (!this.allowsSpace(spaceKey)) throw new ToolFailure('NOT_FOUND', PAGE_NOT_FOUND);
    return { ...page, spaceKey };
  }

  /** Read a page by id, confined to the allow-list; 404 becomes the same NOT_FOUND as a page outside it. */
  async getPage(id: string, options: { bodyFormat?: BodyFormat; includeLabels?: boolean } = {}): Promise<Page & { spaceKey: string }> {
    try {
      return await this.visiblePage(await this.client.pages.get(id, options));
    } catch (error) {
      if (error instanceof NotFoundError) throw new ToolFailure('NOT_FOUND', PAGE_NOT_FOUND);
      throw error;
    }
  }

  /**
   * A `resolveUser` for `storageToMarkdown`: the display names of the users these bodies mention, by account id,
   * and on Data Center by user key or user name, looked up (at most `MAX_USER_LOOKUPS` new ones, a few at a time)
   * and cached per server. A user that cannot be looked up shows its id (Cloud has no user keys or user names any
   * more: such mentions, in pages migrated from Data Center, show theirs).
   */
  async userResolver(storages: ReadonlyArray<string | undefined>): Promise<(id: string, ref?: UserRef) => string> {
    const lookups: UserLookup[] = [];
    const dc = this.client.flavor === 'dc';
    for (const storage of storages) {
      if (!storage) continue;
      const refs = collectReferences(storage);
      for (const id of refs.accountIds) lookups.push(this.userById(id));
      if (!dc) continue;
      for (const key of refs.userKeys) lookups.push(this.userById(key));
      for (const username of refs.usernames) lookups.push(this.userByUsername(username));
    }
    const names = await this.resolveUsers(lookups);
    return (id, ref) => names.get(ref && 'username' in ref ? usernameKey(id) : id) ?? id;
  }

  /**
   * Display names for user ids (authors of comments and versions, mentions): looked up at most
   * `MAX_USER_LOOKUPS` new ones per call, a few at a time, and cached per server. An unknown user shows its id.
   */
  async nameResolver(userIds: Iterable<string | null | undefined>): Promise<(id: string) => string> {
    const lookups: UserLookup[] = [];
    for (const id of userIds) if (id) lookups.push(this.userById(id));
    const names = await this.resolveUsers(lookups);
    return (id) => names.get(id) ?? id;
  }

  /** By `User.id`: the account id on Cloud, the user key on Data Center (the client asks by the right one). */
  private userById(id: string): UserLookup {
    return { key: id, fetch: () => this.client.users.get(id) };
  }

  /** By user name (Data Center only), cached apart from ids: a user name and a user key may look alike. */
  private userByUsername(username: string): UserLookup {
    return { key: usernameKey(username), fetch: () => this.client.users.getByUsername(username) };
  }

  /** Names by cache key for these look-ups: cached ones, then up to `MAX_USER_LOOKUPS` new ones. */
  private async resolveUsers(lookups: readonly UserLookup[]): Promise<Map<string, string>> {
    const byKey = new Map<string, UserLookup>();
    for (const lookup of lookups) byKey.set(lookup.key, lookup);
    const missing = [...byKey.values()].filter((lookup) => !this.userNames.has(lookup.key)).slice(0, MAX_USER_LOOKUPS);
    for (let i = 0; i < missing.length; i += USER_LOOKUP_CONCURRENCY) {
      await Promise.all(missing.slice(i, i + USER_LOOKUP_CONCURRENCY).map((lookup) => this.lookUpUser(lookup)));
    }
    const names = new Map<string, string>();
    for (const key of byKey.keys()) {
      const name = this.userNames.get(key);
      if (name === undefined) continue;
      // Touch: the cache drops the least recently used first.
      this.userNames.delete(key);
      this.userNames.set(key, name);
      if (name) names.set(key, name);
    }
    return names;
  }

  private async lookUpUser(lookup: UserLookup): Promise<void> {
    try {
      const user = await lookup.fetch();
      const name = user.displayName || null;
      this.rememberUser(lookup.key, name);
      // The same user under its other identifiers, so one look-up serves a mention by key, one by user name and
      // the versions and comments they wrote.
      if (user.id && user.id !== lookup.key) this.rememberUser(user.id, name);
      if (user.username && usernameKey(user.username) !== lookup.key) this.rememberUser(usernameKey(user.username), name);
    } catch (error) {
      // Not found is an answer worth keeping; anything else may pass, so it is tried again next time.
      if (error instanceof NotFoundError) this.rememberUser(lookup.key, null);
      else this.logger.debug('user lookup failed', { id: lookup.key, error: error instanceof Error ? error.name : String(error) });
    }
  }

  private rememberUser(key: string, name: string | null): void {
    this.userNames.delete(key);
    this.userNames.set(key, name);
    while (this.userNames.size > USER_CACHE_SIZE) {
      const oldest = this.userNames.keys().next().value;
      if (oldest === undefined) break;
      this.userNames.delete(oldest);
    }
  }

  /** Refuse a space key outside the allow-list (as not found). */
  requireSpace(key: string): void {
    if (!this.allowsSpace(key)) throw new ToolFailure('NOT_FOUND', `Space ${key} not found, or not visible to this user. get_confluence_spaces lists the spaces you can use.`);
  }
}
