/**
 * Per-user credentials end to end: the server in process, a Cloud and a Data Center emulator on the allow-list,
 * SDK clients of different users at the same time. Each user sees exactly what their own Confluence permissions
 * allow, the site header never leaves the allow-list, and no credential reaches a log line.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { INITIALIZE, MCP_HEADERS, TestServer, basic, bearer, callTool, connectClient, pageOf, startFromEnv } from './testing/http';

let cloud: RunningEmulator;
let dc: RunningEmulator;
let server: TestServer;

beforeAll(async () => {
  [cloud, dc] = await Promise.all([startEmulator({ spaces: 2, pagesPerSpace: 6, seed: 5 }), startEmulator({ flavor: 'dc', spaces: 2, pagesPerSpace: 6, seed: 5 })]);
  // Written differently from how clients send them: the comparison is after normalisation.
  server = await startFromEnv({ MCP_CONFLUENCE_URLS: `${cloud.url.toUpperCase().replace('HTTP://', 'http://')}/wiki/,${dc.url}` });
});
afterAll(async () => {
  await server.stop();
  await Promise.all([cloud.close(), dc.close()]);
});

const cloudSite = () => ({ 'X-Confluence-Url': `${cloud.url}/wiki` });
const dcSite = () => ({ 'X-Confluence-Url': dc.url });

function post(headers: Record<string, string>): Promise<Response> {
  return fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body: INITIALIZE });
}

describe('the site allow-list', () => {
  it('refuses an X-Confluence-Url outside MCP_CONFLUENCE_URLS with 403, before using the credentials', async () => {
    for (const url of ['http://169.254.169.254/latest', `${cloud.url}`, `${cloud.url}/wiki/other`, `${dc.url}/wiki`]) {
      const res = await post({ ...basic('alice@example.com', 'token-alice'), 'X-Confluence-Url': url });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('not a Confluence site this server may connect to') } });
    }
    await expect(connectClient(server.mcpUrl, { ...basic('alice@example.com', 'token-alice'), 'X-Confluence-Url': 'https://evil.example/wiki' })).rejects.toThrow();
    expect(cloud.control.requestCount()).toBe(0);
  });

  it('asks for the header with several sites, and refuses one that is not a URL, with 400', async () => {
    expect((await post(basic('alice@example.com', 'token-alice'))).status).toBe(400);
    expect((await post({ ...basic('alice@example.com', 'token-alice'), 'X-Confluence-Url': 'ftp://wiki' })).status).toBe(400);
  });

  it('needs no header when the allow-list has one site', async () => {
    const single = await startFromEnv({ MCP_CONFLUENCE_URLS: `${cloud.url}/wiki` });
    try {
      const client = await connectClient(single.mcpUrl, basic('alice@example.com', 'token-alice'));
      const result = await callTool(client, 'get_confluence_page', { page_id: pageOf(cloud, 'public').id });
      expect(result.isError).toBeFalsy();
      await client.close();
    } finally {
      await single.stop();
    }
  });
});

describe('credentials', () => {
  it('answers missing credentials 401 with a Bearer challenge', async () => {
    const res = await post(cloudSite());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="confluence-mcp"/);
  });

  it('answers a wrong API token 401 at connect (checked with Confluence on initialize)', async () => {
    const res = await post({ ...cloudSite(), ...basic('alice@example.com', 'token-wrong') });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="confluence-mcp", error="invalid_token"');
    await expect(connectClient(server.mcpUrl, { ...dcSite(), ...bearer('pat-wrong') })).rejects.toThrow();
  });

  it('refuses a bearer token for Cloud: no Atlassian token is passed through', async () => {
    const res = await post({ ...cloudSite(), ...bearer('an-atlassian-oauth-access-token') });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('not passed through') } });
  });
});

describe('two users at once', () => {
  async function readAs(client: Client, pageId: string): Promise<boolean> {
    const result = await callTool(client, 'get_confluence_page', { page_id: pageId });
    return !result.isError;
  }

  async function spacesSeen(client: Client): Promise<string[]> {
    const result = await callTool(client, 'search_confluence_pages', { cql: 'type = page', limit: 50 });
    const hits = (result.structuredContent as { results: Array<{ space_key?: string }> }).results;
    return [...new Set(hits.map((h) => h.space_key ?? ''))].sort();
  }

  it.each([
    ['Cloud, Basic email:API token', () => cloud, cloudSite, basic('alice@example.com', 'token-alice'), basic('carol@example.com', 'token-carol')],
    ['Data Center, personal access tokens', () => dc, dcSite, bearer('pat-alice'), bearer('pat-carol')],
  ])('%s: each sees only what their own permissions allow, under concurrent calls', async (_name, emulatorOf, site, aliceAuth, carolAuth) => {
    const emulator = emulatorOf();
    const alice = await connectClient(server.mcpUrl, { ...site(), ...aliceAuth });
    const carol = await connectClient(server.mcpUrl, { ...site(), ...carolAuth });
    try {
      const restricted = pageOf(emulator, 'alice-only').id;
      const privateSpace = pageOf(emulator, 'restricted-space');
      const open = pageOf(emulator, 'public').id;
      // Interleaved: if anything of one user's request leaked into another's, some answer would come out wrong.
      const rounds = Array.from({ length: 6 }, () => [readAs(alice, restricted), readAs(carol, restricted), readAs(carol, privateSpace.id), readAs(alice, privateSpace.id), readAs(carol, open)]);
      const answers = await Promise.all(rounds.flat());
      expect(answers).toEqual(Array.from({ length: 6 }, () => [true, false, false, true, true]).flat());
      const [aliceSpaces, carolSpaces] = await Promise.all([spacesSeen(alice), spacesSeen(carol)]);
      expect(aliceSpaces).toContain(privateSpace.spaceKey);
      expect(carolSpaces).not.toContain(privateSpace.spaceKey);
      expect(carolSpaces.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([alice.close(), carol.close()]);
    }
  });

  it('logs who called, never their secrets', () => {
    const identities = new Set(server.logs.filter((l) => l['msg'] === 'request').map((l) => l['identity']));
    expect([...identities]).toEqual(expect.arrayContaining(['alice@example.com', 'carol@example.com', expect.stringMatching(/^pat:[0-9a-f]{8}$/)]));
    const raw = server.rawLogs();
    for (const secret of ['token-alice', 'token-carol', 'pat-alice', 'pat-carol', 'token-wrong', 'pat-wrong', 'an-atlassian-oauth-access-token']) expect(raw).not.toContain(secret);
  });
});
