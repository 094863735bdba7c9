import { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { createConfluenceClient } from '../client';
import { baseUrlOf, emulatorFor } from '../testing/emulator';
import { UnauthorizedError } from './errors';

describe('Cloud auth modes', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await emulatorFor('cloud')));
  afterAll(() => emulator.close());

  it('scoped tokens go through the gateway, with the cloudId looked up once from tenant_info', async () => {
    const client = createConfluenceClient({ baseUrl: baseUrlOf(emulator), gatewayUrl: emulator.url, auth: { type: 'scoped', email: 'alice@example.com', apiToken: 'scoped-alice' } });
    await client.spaces.list();
    await client.spaces.list();
    const urls = emulator.control.requests().map((r) => r.url);
    expect(urls.filter((u) => u === '/_edge/tenant_info')).toHaveLength(1);
    expect(urls.filter((u) => u.startsWith(`/ex/confluence/${emulator.control.world.cloudId}/wiki/api/v2/spaces`))).toHaveLength(2);
  });

  it('OAuth: refreshes the access token once after a 401 and retries', async () => {
    const redirectUri = 'http://127.0.0.1:9/cb';
    const params = new URLSearchParams({ audience: 'api.atlassian.com', client_id: 'emulator-client', scope: 'read:confluence-content.all offline_access', redirect_uri: redirectUri, response_type: 'code', state: 's' });
    const consent = await fetch(`${emulator.url}/authorize?${params}`, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location') as string).searchParams.get('code');
    const exchange = (body: Record<string, string>) =>
      fetch(`${emulator.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: 'emulator-client', client_secret: 'emulator-secret', ...body }) }).then((r) => r.json() as Promise<{ access_token: string; refresh_token: string }>);
    let tokens = await exchange({ grant_type: 'authorization_code', code: code as string, redirect_uri: redirectUri });
    const calls: boolean[] = [];
    const client = createConfluenceClient({
      baseUrl: baseUrlOf(emulator),
      gatewayUrl: emulator.url,
      auth: {
        type: 'oauth',
        getAccessToken: async ({ forceRefresh }) => {
          calls.push(forceRefresh);
          if (forceRefresh) tokens = await exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
          return tokens.access_token;
        },
      },
    });
    expect((await client.spaces.list()).items.length).toBeGreaterThan(0);
    emulator.control.oauth.expireAccessTokens();
    expect((await client.spaces.list()).items.length).toBeGreaterThan(0);
    expect(calls.filter(Boolean)).toHaveLength(1);
  });

  it('OAuth: a token that stays refused is an UnauthorizedError after one refresh', async () => {
    let calls = 0;
    const client = createConfluenceClient({
      baseUrl: baseUrlOf(emulator),
      gatewayUrl: emulator.url,
      auth: { type: 'oauth', cloudId: emulator.control.world.cloudId, getAccessToken: async () => (calls++, 'not-a-token') },
    });
    await expect(client.spaces.list()).rejects.toBeInstanceOf(UnauthorizedError);
    expect(calls).toBe(2);
  });

  it('refuses a Data Center auth mode for a Cloud site, naming the option', () => {
    expect(() => createConfluenceClient({ baseUrl: 'https://x.atlassian.net', auth: { type: 'pat', token: 't' } })).toThrow(/^auth.type: 'pat' is for Data Center/);
  });
});

describe('Data Center auth modes', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await emulatorFor('dc')));
  afterAll(() => emulator.close());

  it('detects Data Center from a non-Atlassian host and signs in with a PAT or username + password', async () => {
    const pat = createConfluenceClient({ baseUrl: emulator.url, auth: { type: 'pat', token: 'pat-alice' } });
    expect(pat.flavor).toBe('dc');
    expect((await pat.spaces.list()).items.length).toBeGreaterThan(0);
    const basic = createConfluenceClient({ baseUrl: emulator.url, auth: { type: 'dc-basic', username: 'alice', password: 'password-alice' } });
    expect((await basic.users.current()).username).toBe('alice');
  });

  it('maps the HTML 401 page to UnauthorizedError with a short message', async () => {
    const client = createConfluenceClient({ baseUrl: emulator.url, auth: { type: 'pat', token: 'wrong' } });
    const error = await client.spaces.list().catch((e) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.serverMessage).not.toMatch(/<[a-z]/i);
  });
});
