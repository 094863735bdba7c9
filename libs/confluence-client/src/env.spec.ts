/** `clientOptionsFromEnv()`: every auth mode from the environment, checked against the emulator; every bad variable named. */
import { createConfluenceClient } from './client';
import { ConfigurationError, clientOptionsFromEnv } from './env';
import { useEmulator } from './testing/emulator';

const cloud = { CONFLUENCE_URL: 'https://example.atlassian.net/wiki', CONFLUENCE_USERNAME: 'me@example.com', CONFLUENCE_API_TOKEN: 'secret-token-123' };
const dc = { CONFLUENCE_URL: 'https://wiki.example.com', CONFLUENCE_PERSONAL_TOKEN: 'pat-secret-456' };
const CLOUD_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    clientOptionsFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('clientOptionsFromEnv: auth modes', () => {
  it('maps email + API token to Cloud basic auth, with the token and its Basic encoding as secrets', () => {
    const { options, secrets } = clientOptionsFromEnv(cloud);
    expect(options).toEqual({ baseUrl: 'https://example.atlassian.net/wiki', flavor: 'cloud', timeoutMs: 30_000, auth: { type: 'basic', email: 'me@example.com', apiToken: 'secret-token-123' } });
    expect(secrets).toEqual(['secret-token-123', Buffer.from('me@example.com:secret-token-123').toString('base64')]);
  });

  it('maps email + API token + CONFLUENCE_CLOUD_ID to a scoped token through the gateway', () => {
    expect(clientOptionsFromEnv({ ...cloud, CONFLUENCE_CLOUD_ID: CLOUD_ID.toUpperCase() }).options.auth).toEqual({ type: 'scoped', email: 'me@example.com', apiToken: 'secret-token-123', cloudId: CLOUD_ID });
  });

  it('maps a personal access token to Data Center bearer auth', () => {
    const { options, secrets } = clientOptionsFromEnv({ ...dc, CONFLUENCE_TIMEOUT_MS: '5000' });
    expect(options).toEqual({ baseUrl: 'https://wiki.example.com', flavor: 'dc', timeoutMs: 5000, auth: { type: 'pat', token: 'pat-secret-456' } });
    expect(secrets).toEqual(['pat-secret-456']);
    // The client's default (8 requests in flight) unless CONFLUENCE_MAX_CONCURRENCY says otherwise.
    expect(clientOptionsFromEnv({ ...dc, CONFLUENCE_MAX_CONCURRENCY: '32' }).options.maxConcurrency).toBe(32);
  });

  it('maps user name + password to Data Center basic auth when CONFLUENCE_FLAVOR=dc', () => {
    const { options, secrets } = clientOptionsFromEnv({ CONFLUENCE_URL: 'https://wiki.example.com', CONFLUENCE_USERNAME: 'alice', CONFLUENCE_API_TOKEN: 'pw-secret', CONFLUENCE_FLAVOR: 'DC' });
    expect(options).toMatchObject({ flavor: 'dc', auth: { type: 'dc-basic', username: 'alice', password: 'pw-secret' } });
    expect(secrets).toEqual(['pw-secret', Buffer.from('alice:pw-secret').toString('base64')]);
  });

  it('maps an OAuth access token to Cloud OAuth, handing the token out as given', async () => {
    const { options, secrets } = clientOptionsFromEnv({ CONFLUENCE_URL: 'https://example.atlassian.net', CONFLUENCE_OAUTH_ACCESS_TOKEN: 'oauth-secret-789', CONFLUENCE_CLOUD_ID: CLOUD_ID });
    expect(options).toMatchObject({ flavor: 'cloud', auth: { type: 'oauth', cloudId: CLOUD_ID } });
    if (options.auth.type !== 'oauth') throw new Error('expected oauth');
    await expect(options.auth.getAccessToken({ forceRefresh: true })).resolves.toBe('oauth-secret-789');
    expect(secrets).toEqual(['oauth-secret-789']);
  });

  it('reads process.env when given nothing', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, dc);
      expect(clientOptionsFromEnv().options.auth).toEqual({ type: 'pat', token: 'pat-secret-456' });
    } finally {
      for (const key of Object.keys(dc)) {
        if (key in saved) process.env[key] = saved[key];
        else delete process.env[key];
      }
    }
  });
});

describe('clientOptionsFromEnv: errors', () => {
  it('names every bad variable at once in one ConfigurationError, quoting none of them', () => {
    const env = { CONFLUENCE_URL: 'secret-token-123', CONFLUENCE_CLOUD_ID: 'secret-token-123', CONFLUENCE_TIMEOUT_MS: 'secret-token-123', CONFLUENCE_USERNAME: 'me@example.com' };
    const error = (() => {
      try {
        return clientOptionsFromEnv(env);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['CONFLUENCE_API_TOKEN', 'CONFLUENCE_CLOUD_ID', 'CONFLUENCE_TIMEOUT_MS', 'CONFLUENCE_URL']);
    expect((error as Error).message).toMatch(/^Invalid configuration: CONFLUENCE_URL: must be an http\(s\) URL; /);
    expect(JSON.stringify([(error as Error).message, (error as ConfigurationError).problems])).not.toContain('secret');
  });

  it('ignores the MCP-only variables: they are the apps\' business', () => {
    expect(() => clientOptionsFromEnv({ ...dc, CONFLUENCE_TOOLS: 'not a tool', LOG_LEVEL: 'loud', CONFLUENCE_READ_ONLY: 'maybe' })).not.toThrow();
  });

  it.each([
    ['CONFLUENCE_PERSONAL_TOKEN', { ...dc, CONFLUENCE_FLAVOR: 'cloud' }],
    ['CONFLUENCE_CLOUD_ID', { ...dc, CONFLUENCE_CLOUD_ID: CLOUD_ID }],
    ['CONFLUENCE_CLOUD_ID', { ...cloud, CONFLUENCE_FLAVOR: 'dc', CONFLUENCE_USERNAME: 'alice', CONFLUENCE_CLOUD_ID: CLOUD_ID }],
    ['CONFLUENCE_OAUTH_ACCESS_TOKEN', { CONFLUENCE_URL: 'https://wiki.example.com', CONFLUENCE_OAUTH_ACCESS_TOKEN: 'oauth-secret-789', CONFLUENCE_FLAVOR: 'dc' }],
  ])('names %s when the credentials contradict the flavour', (variable, env) => {
    expect(problemsOf(env)).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
  });
});

describe.each(['cloud', 'dc'] as const)('clientOptionsFromEnv against the %s emulator', (flavor) => {
  const session = useEmulator(flavor);

  it('builds a client that signs in with each auth mode of the flavour', async () => {
    const { emulator } = session;
    const envs =
      flavor === 'cloud'
        ? [
            { CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_USERNAME: 'alice@example.com', CONFLUENCE_API_TOKEN: 'token-alice' },
            { CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_USERNAME: 'alice@example.com', CONFLUENCE_API_TOKEN: 'scoped-alice', CONFLUENCE_CLOUD_ID: emulator.control.world.cloudId },
            { CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_OAUTH_ACCESS_TOKEN: await oauthToken(emulator.url), CONFLUENCE_CLOUD_ID: emulator.control.world.cloudId },
          ]
        : [
            { CONFLUENCE_URL: emulator.url, CONFLUENCE_PERSONAL_TOKEN: 'pat-alice' },
            { CONFLUENCE_URL: emulator.url, CONFLUENCE_USERNAME: 'alice', CONFLUENCE_API_TOKEN: 'password-alice', CONFLUENCE_FLAVOR: 'dc' },
          ];
    for (const env of envs) {
      const { options } = clientOptionsFromEnv(env);
      const client = createConfluenceClient({ ...options, gatewayUrl: emulator.url });
      expect([options.auth.type, client.flavor, (await client.users.current()).displayName]).toEqual([options.auth.type, flavor, emulator.control.user('alice').displayName]);
    }
  });
});

/** An access token from the emulator's OAuth 2.0 (3LO) flow, as an app would get one. */
async function oauthToken(origin: string): Promise<string> {
  const redirectUri = 'http://127.0.0.1:9/cb';
  const params = new URLSearchParams({ audience: 'api.atlassian.com', client_id: 'emulator-client', scope: 'read:confluence-user offline_access', redirect_uri: redirectUri, response_type: 'code', state: 's' });
  const consent = await fetch(`${origin}/authorize?${params}`, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
  const response = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: 'emulator-client', client_secret: 'emulator-secret', grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
