/**
 * MCP OAuth end to end: the SDK `Client` over Streamable HTTP with an OAuth provider written here, against the
 * server in `MCP_OAUTH=atlassian` mode and the Confluence emulator (its OAuth server stands in for Atlassian).
 * Discovery, dynamic registration, PKCE, our tokens, each user as themselves, refresh of our tokens and rotation
 * of the Atlassian ones, every kind of refused token, and two instances over one database.
 */
import { createSecretBox } from '@confluence-mcp/confluence-client';
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { hkdfSync } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessTokens } from './auth/oauth/access-tokens';
import { CLIENT_REDIRECT, TestOAuthProvider, followUntil, freePort, pkce } from './testing/oauth';
import { INITIALIZE, MCP_HEADERS, TestServer, bearer, callTool, connectClient, pageOf, startFromEnv } from './testing/http';

const SECRET_KEY = 'oauth-spec-secret-key-0123456789-abcdefghijkl';
let emulator: RunningEmulator;
let a: TestServer;
let publicUrl: string;
let dir: string;
let env: Record<string, string>;
/** Every token, code and secret the spec saw: none may be in the database file. */
const seen = new Set<string>();

beforeAll(async () => {
  emulator = await startEmulator({ spaces: 2, pagesPerSpace: 6, seed: 5 });
  dir = mkdtempSync(join(tmpdir(), 'mcp-oauth-'));
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  env = {
    PORT: String(port),
    MCP_OAUTH: 'atlassian',
    MCP_PUBLIC_URL: publicUrl,
    CONFLUENCE_CLIENT_ID: 'emulator-client',
    CONFLUENCE_CLIENT_SECRET: 'emulator-secret',
    SECRET_KEY,
    ATLASSIAN_AUTH_URL: emulator.url,
    ATLASSIAN_API_URL: emulator.url,
    MCP_OAUTH_DATABASE: join(dir, 'mcp-oauth.db'),
    CONFLUENCE_TOOLS: 'all',
    // Every flow here comes from one address, many times a minute: the per-address limit has its own spec.
    MCP_UNAUTHENTICATED_RATE_LIMIT: '0',
  };
  a = await startFromEnv(env);
});
afterAll(async () => {
  await a?.stop();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The full flow as an MCP client runs it: 401, discovery, registration, sign-in, token, then a connected client. */
async function signIn(username: string, url = `${publicUrl}/mcp`): Promise<{ client: Client; provider: TestOAuthProvider }> {
  emulator.control.oauth.approveAs(username);
  const provider = new TestOAuthProvider();
  const first = new Client({ name: 'oauth-spec', version: '0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  await expect(first.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
  await transport.finishAuth(provider.code as string);
  const client = new Client({ name: 'oauth-spec', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider: provider }));
  remember(provider);
  return { client, provider };
}

function saved(provider: TestOAuthProvider) {
  if (!provider.saved) throw new Error('the client holds no tokens');
  return provider.saved;
}

function clientIdOf(provider: TestOAuthProvider): string {
  if (!provider.info) throw new Error('the client is not registered');
  return provider.info.client_id;
}

function remember(provider: TestOAuthProvider): void {
  for (const value of [provider.code, provider.saved?.access_token, provider.saved?.refresh_token, provider.verifier]) if (value) seen.add(value);
}

async function postMcp(token: string, url = `${publicUrl}/mcp`): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { ...MCP_HEADERS, ...bearer(token) }, body: INITIALIZE });
}

const challenge = (error?: string) => `Bearer realm="confluence-mcp", resource_metadata="${publicUrl}/.well-known/oauth-protected-resource"${error ? `, error="${error}"` : ''}`;

async function tokenRequest(params: Record<string, string>, base = publicUrl, path = '/token'): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) });
}

const refreshWith = (refreshToken: string, clientId: string) => tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId });
const revoke = (token: string, clientId: string, hint?: string) => tokenRequest({ token, client_id: clientId, ...(hint ? { token_type_hint: hint } : {}) }, publicUrl, '/revoke');

describe('discovery', () => {
  it('a request without a token is a 401 naming the protected-resource metadata, which names us as the authorization server', async () => {
    const res = await fetch(`${publicUrl}/mcp`, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(challenge());
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const prm = await (await fetch(`${publicUrl}${path}`)).json();
      expect(prm).toMatchObject({ resource: `${publicUrl}/mcp`, authorization_servers: [`${publicUrl}/`] });
    }
    const as = await (await fetch(`${publicUrl}/.well-known/oauth-authorization-server`)).json();
    expect(as).toMatchObject({
      issuer: `${publicUrl}/`,
      authorization_endpoint: `${publicUrl}/authorize`,
      token_endpoint: `${publicUrl}/token`,
      registration_endpoint: `${publicUrl}/register`,
      revocation_endpoint: `${publicUrl}/revoke`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: expect.arrayContaining(['authorization_code', 'refresh_token']),
    });
  });
});

describe('the flow with the SDK client', () => {
  let alice: { client: Client; provider: TestOAuthProvider };
  let bob: { client: Client; provider: TestOAuthProvider };
  beforeAll(async () => {
    alice = await signIn('alice');
    bob = await signIn('bob');
  });
  afterAll(async () => {
    await alice?.client.close();
    await bob?.client.close();
  });

  it('each user acts as themselves: alice reads her restricted page, bob is refused it', async () => {
    expect(alice.provider.returnedState).toBe('client-state-1');
    const me = await callTool(alice.client, 'get_confluence_current_user', {});
    expect(JSON.stringify(me.structuredContent)).toContain('alice');
    expect(JSON.stringify((await callTool(bob.client, 'get_confluence_current_user', {})).structuredContent)).toContain('bob');
    const restricted = pageOf(emulator, 'alice-only');
    expect((await callTool(alice.client, 'get_confluence_page', { page_id: restricted.id })).isError).toBeFalsy();
    expect((await callTool(bob.client, 'get_confluence_page', { page_id: restricted.id })).isError).toBe(true);
    const aliceId = emulator.control.user('alice').accountId;
    expect(a.logs.some((line) => line['identity'] === `oauth:${aliceId}` && line['path'] === '/mcp')).toBe(true);
  });

  it('the SDK refreshes our token when the server refuses it, with a rotated refresh token', async () => {
    const before = saved(alice.provider);
    alice.provider.saved = { ...before, access_token: 'not-a-token-of-ours' };
    expect((await callTool(alice.client, 'get_confluence_page', { page_id: pageOf(emulator, 'public').id })).isError).toBeFalsy();
    const after = saved(alice.provider);
    remember(alice.provider);
    expect(after.access_token).not.toBe('not-a-token-of-ours');
    expect(after.refresh_token).toBeDefined();
    expect(after.refresh_token).not.toBe(before.refresh_token);
  });

  it('reusing a rotated refresh token is refused and revokes its family', async () => {
    const clientId = clientIdOf(alice.provider);
    const old = (saved(alice.provider).refresh_token as string);
    const rotated = await tokenRequest({ grant_type: 'refresh_token', refresh_token: old, client_id: clientId });
    expect(rotated.status).toBe(200);
    const next = (await rotated.json()) as { refresh_token: string; access_token: string };
    seen.add(next.refresh_token).add(next.access_token);
    const reuse = await tokenRequest({ grant_type: 'refresh_token', refresh_token: old, client_id: clientId });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: next.refresh_token, client_id: clientId })).status).toBe(400);
  });

  it('refreshes the Atlassian token with rotation when it expires, storing the new refresh token first', async () => {
    const db = new Database(env['MCP_OAUTH_DATABASE'], { readonly: true });
    const box = createSecretBox(SECRET_KEY);
    const grants = () => (db.prepare('SELECT tokens_sealed FROM grants').all() as Array<{ tokens_sealed: string }>).map((r) => JSON.parse(box.open(r.tokens_sealed)) as { accessToken: string; refreshToken: string });
    const before = grants();
    emulator.control.oauth.expireAccessTokens();
    expect((await callTool(bob.client, 'get_confluence_current_user', {})).isError).toBeFalsy();
    const after = grants();
    db.close();
    const changed = after.filter((g) => !before.some((b) => b.refreshToken === g.refreshToken));
    expect(changed).toHaveLength(1);
    expect(emulator.control.oauth.isFamilyRevoked(changed[0].refreshToken)).toBe(false);
    for (const g of [...before, ...after]) seen.add(g.accessToken).add(g.refreshToken);
  });
});

describe('refused tokens', () => {
  let valid: string;
  beforeAll(async () => {
    const { client, provider } = await signIn('carol');
    valid = saved(provider).access_token;
    await client.close();
  });

  async function expectInvalid(token: string): Promise<void> {
    const res = await postMcp(token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(challenge('invalid_token'));
  }

  it('accepts ours (the control case)', async () => {
    expect((await postMcp(valid)).status).toBe(200);
  });

  it('refuses a forged, an expired and a wrong-audience token', async () => {
    const forged = await new AccessTokens('another-secret-key-0123456789-abcdefghijklmn', `${publicUrl}`, `${publicUrl}/mcp`, 900).issue({ sub: 'x', grantId: 'g', cloudId: 'c', siteUrl: 'https://x.atlassian.net', clientId: 'c', scopes: [] });
    await expectInvalid(forged.token);
    const key = new Uint8Array(hkdfSync('sha256', SECRET_KEY, 'confluence-mcp/mcp-http', 'access tokens v1', 32));
    const now = Math.floor(Date.now() / 1000);
    const claims = { gid: 'g', cid: 'c', site: 'https://x.atlassian.net', client_id: 'c', scope: '' };
    const expired = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setIssuer(publicUrl).setAudience(`${publicUrl}/mcp`).setSubject('x').setIssuedAt(now - 1000).setExpirationTime(now - 60).sign(key);
    await expectInvalid(expired);
    const otherAudience = await new AccessTokens(SECRET_KEY, publicUrl, 'https://elsewhere.example/mcp', 900).issue({ sub: 'x', grantId: 'g', cloudId: 'c', siteUrl: 'https://x.atlassian.net', clientId: 'c', scopes: [] });
    await expectInvalid(otherAudience.token);
  });

  it('refuses an Atlassian access token presented directly (no passthrough)', async () => {
    emulator.control.oauth.approveAs('alice');
    const params = new URLSearchParams({ audience: 'api.atlassian.com', client_id: 'emulator-client', scope: 'read:confluence-content.all offline_access', redirect_uri: CLIENT_REDIRECT, response_type: 'code', state: 's' });
    const end = await followUntil(`${emulator.url}/authorize?${params}`, CLIENT_REDIRECT);
    const tokens = (await (
      await fetch(`${emulator.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'authorization_code', client_id: 'emulator-client', client_secret: 'emulator-secret', code: end.searchParams.get('code'), redirect_uri: CLIENT_REDIRECT }) })
    ).json()) as { access_token: string };
    await expectInvalid(tokens.access_token);
  });
});

describe('the authorization endpoint and codes', () => {
  let clientId: string;
  beforeAll(async () => {
    const res = await fetch(`${publicUrl}/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_name: 'manual', redirect_uris: [CLIENT_REDIRECT], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }),
    });
    expect(res.status).toBe(201);
    clientId = ((await res.json()) as { client_id: string }).client_id;
  });

  const authorizeUrl = (params: Record<string, string>) => `${publicUrl}/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_REDIRECT, code_challenge_method: 'S256', state: 'st', resource: `${publicUrl}/mcp`, ...params })}`;

  /** A fresh code of alice's for `codeChallenge`, and the exchange of it. */
  async function codeFor(codeChallenge: string): Promise<{ code: string; exchange: (codeVerifier: string) => Promise<Response> }> {
    emulator.control.oauth.approveAs('alice');
    const code = (await followUntil(authorizeUrl({ code_challenge: codeChallenge }), CLIENT_REDIRECT)).searchParams.get('code') as string;
    seen.add(code);
    const exchange = (codeVerifier: string) => tokenRequest({ grant_type: 'authorization_code', code, code_verifier: codeVerifier, redirect_uri: CLIENT_REDIRECT, client_id: clientId, resource: `${publicUrl}/mcp` });
    return { code, exchange };
  }

  async function expectInvalidGrant(res: Response): Promise<void> {
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  }

  it('a wrong verifier burns the code: the right verifier after it is refused too', async () => {
    const { verifier, challenge: codeChallenge } = pkce();
    seen.add(verifier);
    const { exchange } = await codeFor(codeChallenge);
    await expectInvalidGrant(await exchange(pkce().verifier));
    await expectInvalidGrant(await exchange(verifier));
  });

  it('a code used twice is refused, and revokes the refresh token its first use issued', async () => {
    const { verifier, challenge: codeChallenge } = pkce();
    seen.add(verifier);
    const { exchange } = await codeFor(codeChallenge);
    const right = await exchange(verifier);
    expect(right.status).toBe(200);
    const tokens = (await right.json()) as { access_token: string; refresh_token: string; token_type: string; expires_in: number };
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    seen.add(tokens.access_token).add(tokens.refresh_token);
    await expectInvalidGrant(await exchange(verifier));
    await expectInvalidGrant(await refreshWith(tokens.refresh_token, clientId));
  });

  it('refuses an unregistered redirect_uri without redirecting, and a plain (non-S256) challenge', async () => {
    const res = await fetch(authorizeUrl({ code_challenge: pkce().challenge, redirect_uri: 'http://evil.example/cb' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const plain = await fetch(authorizeUrl({ code_challenge: 'abc', code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(new URL(plain.headers.get('location') as string).searchParams.get('error')).toBe('invalid_request');
  });

  it('an unknown or replayed callback state is refused', async () => {
    const res = await fetch(`${publicUrl}/oauth/callback?code=x&state=never-issued`, { redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});

describe('revocation (RFC 7009)', () => {
  it('revoking a refresh token ends its sign-in’s refreshes; another client cannot revoke it (200 all the same)', async () => {
    const dave = await signIn('dave');
    const erin = await signIn('carol');
    await dave.client.close();
    await erin.client.close();
    const daveId = clientIdOf(dave.provider);
    const erinRefresh = saved(erin.provider).refresh_token as string;
    const notTheirs = await revoke(erinRefresh, daveId, 'refresh_token');
    expect(notTheirs.status).toBe(200);
    const stillWorks = await refreshWith(erinRefresh, clientIdOf(erin.provider));
    expect(stillWorks.status).toBe(200);
    const next = (await stillWorks.json()) as { access_token: string; refresh_token: string };
    seen.add(next.access_token).add(next.refresh_token);

    const daveRefresh = saved(dave.provider).refresh_token as string;
    expect((await revoke(daveRefresh, daveId)).status).toBe(200);
    const refused = await refreshWith(daveRefresh, daveId);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await revoke('never-issued', daveId)).status).toBe(200);
  });

  it('revoking an access token ends its sign-in’s refreshes; the token itself lives out its 15 minutes', async () => {
    const frank = await signIn('bob');
    await frank.client.close();
    const { access_token: access, refresh_token: refresh } = saved(frank.provider);
    expect((await revoke(access, clientIdOf(frank.provider), 'access_token')).status).toBe(200);
    expect((await refreshWith(refresh as string, clientIdOf(frank.provider))).status).toBe(400);
    // Checked without a database read (documented): no new token can be minted, this one expires on its own.
    expect((await postMcp(access)).status).toBe(200);
  });
});

describe('two instances over one database', () => {
  it('each accepts the other’s tokens and refresh tokens, and only one rotates a shared Atlassian grant', async () => {
    const b = await startFromEnv({ ...env, PORT: '0' });
    try {
      const { client, provider } = await signIn('alice');
      await client.close();
      const onA = await connectClient(`${publicUrl}/mcp`, bearer(saved(provider).access_token));
      const onB = await connectClient(b.mcpUrl, bearer(saved(provider).access_token));
      expect(JSON.stringify((await callTool(onB, 'get_confluence_current_user', {})).structuredContent)).toContain('alice');
      expect((await callTool(onA, 'get_confluence_current_user', {})).isError).toBeFalsy();
      // Both instances find the user's Atlassian token expired at once: one refreshes (under the grant's lease), the
      // other adopts what it stored; a second refresh with the rotated token would revoke the whole grant.
      const tokenCalls = () => emulator.control.requests().filter((r) => r.url.startsWith('/oauth/token') && r.method === 'POST').length;
      const before = tokenCalls();
      emulator.control.oauth.expireAccessTokens();
      const both = await Promise.all([callTool(onA, 'get_confluence_current_user', {}), callTool(onB, 'get_confluence_current_user', {})]);
      expect(both.map((r) => r.isError ?? false)).toEqual([false, false]);
      expect(tokenCalls() - before).toBe(1);
      await onA.close();
      await onB.close();
      const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: (saved(provider).refresh_token as string), client_id: clientIdOf(provider) }, b.running.url);
      expect(refreshed.status).toBe(200);
      const next = (await refreshed.json()) as { access_token: string; refresh_token: string };
      seen.add(next.access_token).add(next.refresh_token);
      expect((await postMcp(next.access_token)).status).toBe(200);
    } finally {
      await b.stop();
    }
  });
});

describe('at rest', () => {
  it('the database file holds no token, code, verifier or secret in the clear', () => {
    seen.add(SECRET_KEY).add('emulator-secret');
    const files = ['', '-wal'].map((suffix) => `${env['MCP_OAUTH_DATABASE']}${suffix}`).filter((f) => existsSync(f));
    const bytes = files.map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes.length).toBeGreaterThan(0);
    expect(seen.size).toBeGreaterThan(10);
    for (const value of seen) expect(bytes.includes(value)).toBe(false);
  });

  it('logs carry no token', () => {
    const raw = a.rawLogs();
    for (const value of seen) expect(raw.includes(value)).toBe(false);
  });
});
