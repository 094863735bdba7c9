/**
 * A valid access token for one Atlassian OAuth grant, for the client's `{ type: 'oauth', getAccessToken }` auth.
 * Atlassian rotates refresh tokens and revokes the whole grant when a rotated one is presented again, so a
 * refresh here is: one at a time per grant (single-flight, and `exclusive` across processes), the rotated tokens
 * stored by the caller's `persist` BEFORE the new access token is used, and never a second refresh with a
 * refresh token that has already been rotated.
 */
import type { AtlassianOAuthClient, AtlassianTokens } from './atlassian-3lo';
import { OAuthGrantError, TokenPersistError } from './errors';

/** Options of `createOAuthTokenSource`. */
export interface OAuthTokenSourceOptions {
  /** Only `refresh` is used. */
  oauth: Pick<AtlassianOAuthClient, 'refresh'>;
  /** The grant's tokens as stored now. */
  tokens: AtlassianTokens;
  /**
   * Stores `next` in place of `previous`, atomically (the new refresh token and the access token in one write,
   * ideally compare-and-swap on `previous`). Must resolve only once stored; a rejection keeps the new tokens out of
   * use (`TokenPersistError`), and the next call tries to store them again before anything else.
   */
  persist(next: AtlassianTokens, previous: AtlassianTokens): Promise<void>;
  /**
   * Several processes sharing the grant: reads the tokens as stored now, before a refresh, so tokens another
   * process rotated are adopted instead of refreshing with a rotated refresh token.
   */
  reload?(): Promise<AtlassianTokens>;
  /** Several processes sharing the grant: runs `work` holding a lock on the grant (reload, refresh and persist happen inside). */
  exclusive?<T>(work: () => Promise<T>): Promise<T>;
  /** Refresh when the access token expires within this many milliseconds. @default 60_000 */
  refreshMarginMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/** Gives a valid access token for one grant. Keep one per grant and process: the single-flight is per instance. */
export interface OAuthTokenSource {
  /**
   * A valid access token: the current one, or (near expiry, or when `forceRefresh` after a 401) a new one from a
   * refresh whose rotated tokens have been persisted. Concurrent calls share one refresh. Throws
   * `OAuthGrantError` when the grant is dead (connect again), `TokenPersistError`, or `OAuthUnavailableError`.
   */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** The tokens in use (the last persisted ones). */
  readonly tokens: AtlassianTokens;
}

/**
 * A rotating token source over a stored grant.
 *
 * @example
 * const source = createOAuthTokenSource({
 *   oauth,
 *   tokens: store.load(grantId),
 *   persist: (next, previous) => store.replaceTokens(grantId, next, previous), // one transaction
 * });
 * const confluence = createConfluenceClient({ baseUrl, gatewayUrl, auth: { type: 'oauth', getAccessToken: source.getAccessToken, cloudId } });
 */
export function createOAuthTokenSource(options: OAuthTokenSourceOptions): OAuthTokenSource {
  const margin = options.refreshMarginMs ?? 60_000;
  const now = options.now ?? Date.now;
  let current = options.tokens;
  /** Rotated tokens `persist` refused: the old refresh token is spent, so these are the only way on. */
  let unpersisted: AtlassianTokens | undefined;
  let inFlight: Promise<AtlassianTokens> | undefined;

  const fresh = (tokens: AtlassianTokens) => tokens.expiresAt - margin > now();

  async function store(next: AtlassianTokens, previous: AtlassianTokens): Promise<AtlassianTokens> {
    try {
      await options.persist(next, previous);
    } catch (error) {
      throw new TokenPersistError('The rotated tokens could not be stored; the new access token was not used', { method: '-', path: 'persist' }, { cause: error });
    }
    current = next;
    unpersisted = undefined;
    return next;
  }

  async function rotate(force: boolean): Promise<AtlassianTokens> {
    if (unpersisted) return store(unpersisted, current);
    if (options.reload) {
      const stored = await options.reload();
      const changed = stored.refreshToken !== current.refreshToken || stored.accessToken !== current.accessToken;
      current = stored;
      // Another process rotated the grant: its tokens are newer than the one that expired or was refused here.
      if (changed && fresh(stored)) return stored;
    }
    if (!force && fresh(current)) return current;
    if (!current.refreshToken) throw new OAuthGrantError('The access token expired and the grant has no refresh token (offline_access); connect again', { method: '-', path: 'refresh' });
    const previous = current;
    const issued = await options.oauth.refresh(previous.refreshToken as string);
    // Without rotation Atlassian would answer no refresh token; the old one then stays valid.
    unpersisted = { ...issued, refreshToken: issued.refreshToken ?? previous.refreshToken };
    return store(unpersisted, previous);
  }

  return {
    get tokens() {
      return current;
    },
    getAccessToken: async ({ forceRefresh = false } = {}) => {
      if (!forceRefresh && !unpersisted && !inFlight && fresh(current)) return current.accessToken;
      inFlight ??= (options.exclusive ? options.exclusive(() => rotate(forceRefresh)) : rotate(forceRefresh)).finally(() => (inFlight = undefined));
      return (await inFlight).accessToken;
    },
  };
}
