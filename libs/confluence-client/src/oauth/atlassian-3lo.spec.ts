/** The 3LO client against the emulator's Atlassian OAuth server, over a socket: consent, code, refresh with rotation, sites, errors. */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { emulatorFor } from '../testing/emulator';
import { AtlassianOAuthClient, AtlassianTokens, createAtlassianOAuthClient } from './atlassian-3lo';
import { OAuthClientError, OAuthGrantError, OAuthTokenRejectedError, OAuthUnavailableError } from './errors';

const REDIRECT = 'http://127.0.0.1:9/callback';
const SECRET = 'emulator-secret';

let emulator: RunningEmulator;
let oauth: AtlassianOAuthClient;
beforeAll(async () => {
  emulator = await emulatorFor('cloud');
  oauth = createAtlassianOAuthClient({ clientId: 'emulator-client', clientSecret: SECRET, authUrl: emulator.url, apiUrl: emulator.url });
});
afterAll(() => emulator.close());

/** The consent screen as a browser follows it: the code Atlassian sends to the redirect URI. */
async function consent(client: AtlassianOAuthClient, emulatorUrl: string, state = 'st-1'): Promise<{ code: string; state: string | null }> {
  const url = client.authorizationUrl({ redirectUri: REDIRECT, state, scopes: ['read:confluence-content.all'] });
  expect(url.startsWith(`${emulatorUrl}/authorize?`)).toBe(true);
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') as string);
  return { code: location.searchParams.get('code') as string, state: location.searchParams.get('state') };
}

async function connect(): Promise<AtlassianTokens> {
  const { code } = await consent(oauth, emulator.url);
  return oauth.exchangeCode({ code, redirectUri: REDIRECT });
}

/** Every string an error exposes (message, JSON) must be free of these. */
function expectClean(error: unknown, secrets: string[]): void {
  const exposed = `${(error as Error).message} ${JSON.stringify(error)}`;
  for (const secret of secrets) expect(exposed).not.toContain(secret);
}

describe('createAtlassianOAuthClient', () => {
  it('builds the consent URL Atlassian documents, with offline_access added once', () => {
    const url = new URL(oauth.authorizationUrl({ redirectUri: REDIRECT, state: 'abc', scopes: ['read:confluence-content.all', 'search:confluence'] }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      audience: 'api.atlassian.com',
      client_id: 'emulator-client',
      scope: 'read:confluence-content.all search:confluence offline_access',
      redirect_uri: REDIRECT,
      state: 'abc',
      response_type: 'code',
      prompt: 'consent',
    });
    const again = new URL(oauth.authorizationUrl({ redirectUri: REDIRECT, state: 'abc', scopes: ['offline_access', 'read:me'] }));
    expect(again.searchParams.get('scope')).toBe('offline_access read:me');
    expect(new URL(createAtlassianOAuthClient({ clientId: 'c', clientSecret: 's' }).authorizationUrl({ redirectUri: REDIRECT, state: 's', scopes: [] })).origin).toBe('https://auth.atlassian.com');
  });

  it('exchanges the code for tokens and lists the sites they reach', async () => {
    const { code, state } = await consent(oauth, emulator.url, 'keep-me');
    expect(state).toBe('keep-me');
    const before = Date.now();
    const tokens = await oauth.exchangeCode({ code, redirectUri: REDIRECT });
    expect(tokens.accessToken).toMatch(/^at-/);
    expect(tokens.refreshToken).toMatch(/^rt-/);
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(tokens.scopes).toEqual(['read:confluence-content.all', 'offline_access']);
    const sites = await oauth.accessibleResources(tokens.accessToken);
    expect(sites).toEqual([{ cloudId: emulator.control.world.cloudId, url: expect.stringMatching(/^http:\/\//), name: emulator.control.world.siteName, scopes: ['read:confluence-content.all'] }]);
  });

  it('refresh returns a rotated refresh token; presenting the old one again is a grant error that revokes the family', async () => {
    const first = await connect();
    const second = await oauth.refresh(first.refreshToken as string);
    expect(second.refreshToken).toMatch(/^rt-/);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const reuse = await oauth.refresh(first.refreshToken as string).catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(OAuthGrantError);
    expect(reuse).toMatchObject({ name: 'OAuthGrantError', status: 403, code: 'invalid_grant', method: 'POST', path: '/oauth/token' });
    expectClean(reuse, [first.refreshToken as string, SECRET]);
    expect(emulator.control.oauth.isFamilyRevoked(second.refreshToken as string)).toBe(true);
  });

  it('a code used twice is a grant error that names neither the code nor the secret', async () => {
    const { code } = await consent(oauth, emulator.url);
    await oauth.exchangeCode({ code, redirectUri: REDIRECT });
    const error = await oauth.exchangeCode({ code, redirectUri: REDIRECT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthGrantError);
    expect((error as Error).message).toBe('Atlassian refused the authorization code: POST /oauth/token');
    expectClean(error, [code, SECRET]);
  });

  it('a wrong client secret is a client error; a refused access token is a token error', async () => {
    const wrong = createAtlassianOAuthClient({ clientId: 'emulator-client', clientSecret: 'not-the-secret', authUrl: emulator.url, apiUrl: emulator.url });
    const { code } = await consent(wrong, emulator.url);
    const error = await wrong.exchangeCode({ code, redirectUri: REDIRECT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthClientError);
    expectClean(error, [code, 'not-the-secret']);
    const refused = await oauth.accessibleResources('at-forged-token').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OAuthTokenRejectedError);
    expect(refused).toMatchObject({ status: 401, method: 'GET', path: '/oauth/token/accessible-resources' });
    expectClean(refused, ['at-forged-token']);
  });

  it('an unreachable server is OAuthUnavailableError; bad options are refused by name', async () => {
    const down = createAtlassianOAuthClient({ clientId: 'c', clientSecret: SECRET, authUrl: 'http://127.0.0.1:9', apiUrl: 'http://127.0.0.1:9' });
    const error = await down.refresh('rt-some-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthUnavailableError);
    expect((error as Error).message).toBe('Could not reach Atlassian: POST /oauth/token');
    expectClean(error, ['rt-some-token', SECRET]);
    expect(() => createAtlassianOAuthClient({ clientId: '', clientSecret: 's' })).toThrow('clientId: must be set');
    expect(() => createAtlassianOAuthClient({ clientId: 'c', clientSecret: 's', authUrl: 'auth.atlassian.com' })).toThrow('authUrl: must be an absolute http(s) URL');
  });
});
