/**
 * The rotating token source against the emulator, whose OAuth server revokes a grant's whole family when a
 * rotated refresh token is presented again: concurrent refreshes share one, the rotated tokens are stored before
 * the new access token is used, a failed store keeps the new token out of use, and two "processes" sharing one
 * stored grant never both refresh.
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { createConfluenceClient } from '../client';
import { baseUrlOf, emulatorFor } from '../testing/emulator';
import { AtlassianOAuthClient, AtlassianTokens, createAtlassianOAuthClient } from './atlassian-3lo';
import { OAuthGrantError, TokenPersistError } from './errors';
import { createOAuthTokenSource } from './token-source';

const REDIRECT = 'http://127.0.0.1:9/callback';

let emulator: RunningEmulator;
let oauth: AtlassianOAuthClient;
/** Every refresh the source asked for (the real client underneath). */
let refreshes: string[];
beforeAll(async () => {
  emulator = await emulatorFor('cloud');
  const real = createAtlassianOAuthClient({ clientId: 'emulator-client', clientSecret: 'emulator-secret', authUrl: emulator.url, apiUrl: emulator.url });
  oauth = { ...real, refresh: (token, options) => (refreshes.push(token), real.refresh(token, options)) };
});
beforeEach(() => (refreshes = []));
afterAll(() => emulator.close());

async function connect(): Promise<AtlassianTokens> {
  const url = oauth.authorizationUrl({ redirectUri: REDIRECT, state: 's', scopes: ['read:confluence-content.all'] });
  const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') as string);
  return oauth.exchangeCode({ code: location.searchParams.get('code') as string, redirectUri: REDIRECT });
}

/** A one-row store as a database would hold it, with compare-and-swap on the previous refresh token. */
function memoryStore(initial: AtlassianTokens) {
  const row = { tokens: initial, writes: 0 };
  return {
    row,
    persist: async (next: AtlassianTokens, previous: AtlassianTokens) => {
      if (row.tokens.refreshToken !== previous.refreshToken) throw new Error('compare-and-swap failed');
      row.tokens = next;
      row.writes += 1;
    },
    reload: async () => row.tokens,
  };
}

/** A promise-chain mutex: what a row lock or lease gives several processes. */
function mutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

const ticks = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('createOAuthTokenSource', () => {
  it('hands out the current token while it is fresh, and refreshes (persisting first) once it nears expiry', async () => {
    const tokens = await connect();
    const store = memoryStore(tokens);
    let clock = Date.now();
    const source = createOAuthTokenSource({ oauth, tokens, persist: store.persist, now: () => clock });
    expect(await source.getAccessToken()).toBe(tokens.accessToken);
    expect(refreshes).toEqual([]);
    clock = tokens.expiresAt - 30_000; // within the default 60 s margin
    const next = await source.getAccessToken();
    expect(next).not.toBe(tokens.accessToken);
    expect(refreshes).toEqual([tokens.refreshToken]);
    expect(store.row.tokens.accessToken).toBe(next);
    expect(store.row.tokens.refreshToken).not.toBe(tokens.refreshToken);
    expect(source.tokens).toEqual(store.row.tokens);
  });

  it('does not return the new access token before persist resolves', async () => {
    const tokens = await connect();
    let release: (() => void) | undefined;
    const persisted: AtlassianTokens[] = [];
    const source = createOAuthTokenSource({
      oauth,
      tokens,
      persist: (next) => new Promise<void>((resolve) => (release = () => (persisted.push(next), resolve()))),
    });
    let settled = false;
    const pending = source.getAccessToken({ forceRefresh: true }).then((token) => ((settled = true), token));
    while (!release) await ticks(1);
    await ticks();
    expect(settled).toBe(false);
    expect(source.tokens.accessToken).toBe(tokens.accessToken);
    release();
    const token = await pending;
    expect(token).not.toBe(tokens.accessToken);
    expect(token).toBe(persisted[0].accessToken);
  });

  it('concurrent forced refreshes share one refresh, and the grant survives', async () => {
    const tokens = await connect();
    const store = memoryStore(tokens);
    const source = createOAuthTokenSource({ oauth, tokens, persist: store.persist });
    const got = await Promise.all([source.getAccessToken({ forceRefresh: true }), source.getAccessToken({ forceRefresh: true }), source.getAccessToken()]);
    expect(new Set(got).size).toBe(1);
    expect(refreshes).toHaveLength(1);
    expect(store.row.writes).toBe(1);
    expect(emulator.control.oauth.isFamilyRevoked(store.row.tokens.refreshToken as string)).toBe(false);
    // And the next rotation still works: the stored refresh token is the live one.
    const live = store.row.tokens.refreshToken;
    await source.getAccessToken({ forceRefresh: true });
    expect(refreshes).toEqual([tokens.refreshToken, live]);
    expect(emulator.control.oauth.isFamilyRevoked(store.row.tokens.refreshToken as string)).toBe(false);
  });

  it('a persist failure keeps the new token out of use; the next call stores it without refreshing again', async () => {
    const tokens = await connect();
    const store = memoryStore(tokens);
    let failing = true;
    const source = createOAuthTokenSource({ oauth, tokens, persist: async (next, previous) => (failing ? Promise.reject(new Error('disk full')) : store.persist(next, previous)) });
    const error = await source.getAccessToken({ forceRefresh: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenPersistError);
    expect((error as Error).message).not.toMatch(/at-|rt-/);
    expect(source.tokens.accessToken).toBe(tokens.accessToken);
    expect(store.row.tokens).toBe(tokens);
    failing = false;
    const token = await source.getAccessToken();
    expect(refreshes).toHaveLength(1);
    expect(token).toBe(store.row.tokens.accessToken);
    expect(token).not.toBe(tokens.accessToken);
    expect(emulator.control.oauth.isFamilyRevoked(store.row.tokens.refreshToken as string)).toBe(false);
  });

  it('two processes sharing one stored grant (lock + reload) never both rotate it', async () => {
    const tokens = await connect();
    const store = memoryStore(tokens);
    const exclusive = mutex();
    const a = createOAuthTokenSource({ oauth, tokens, persist: store.persist, reload: store.reload, exclusive });
    const b = createOAuthTokenSource({ oauth, tokens, persist: store.persist, reload: store.reload, exclusive });
    const [fromA, fromB] = await Promise.all([a.getAccessToken({ forceRefresh: true }), b.getAccessToken({ forceRefresh: true })]);
    expect(refreshes).toHaveLength(1);
    expect(fromA).toBe(fromB);
    expect(b.tokens).toEqual(store.row.tokens);
    expect(emulator.control.oauth.isFamilyRevoked(store.row.tokens.refreshToken as string)).toBe(false);
  });

  it('a dead grant is an OAuthGrantError; without a refresh token an expired grant says to connect again', async () => {
    const tokens = await connect();
    await oauth.refresh(tokens.refreshToken as string); // someone else rotated it: our refresh token is spent
    const source = createOAuthTokenSource({ oauth, tokens, persist: async () => undefined });
    await expect(source.getAccessToken({ forceRefresh: true })).rejects.toBeInstanceOf(OAuthGrantError);
    const noRefresh = createOAuthTokenSource({ oauth, tokens: { ...tokens, refreshToken: undefined, expiresAt: 0 }, persist: async () => undefined });
    await expect(noRefresh.getAccessToken()).rejects.toThrow(/no refresh token \(offline_access\); connect again/);
  });

  it('serves a Confluence client through the gateway, refreshing after the emulator expires the token', async () => {
    const tokens = await connect();
    const store = memoryStore(tokens);
    const source = createOAuthTokenSource({ oauth, tokens, persist: store.persist });
    const client = createConfluenceClient({ baseUrl: baseUrlOf(emulator), gatewayUrl: emulator.url, auth: { type: 'oauth', getAccessToken: source.getAccessToken, cloudId: emulator.control.world.cloudId } });
    expect((await client.spaces.list()).items.length).toBeGreaterThan(0);
    emulator.control.oauth.expireAccessTokens();
    expect((await client.spaces.list()).items.length).toBeGreaterThan(0);
    expect(refreshes).toHaveLength(1);
    expect(store.row.writes).toBe(1);
  });
});
