/**
 * The authentication seam, as the MCP OAuth mode will use it: a mode of its own given to `startHttpServer`
 * answers its own routes (behind the Host check), words its 401 challenge, and decides who calls with which client.
 */
import { createConfluenceClient } from '@confluence-mcp/confluence-client';
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { createLogger } from '@confluence-mcp/logging';
import { request } from 'node:http';
import type { Authenticator } from './auth';
import { bearerChallenge, credentialsOf } from './auth';
import { loadConfig } from './config';
import { RunningHttpServer, startHttpServer } from './server';
import { INITIALIZE, MCP_HEADERS, bearer, callTool, connectClient, pageOf } from './testing/http';

let emulator: RunningEmulator;
let running: RunningHttpServer;
const seen: Array<string | undefined> = [];

beforeAll(async () => {
  emulator = await startEmulator({ spaces: 1, pagesPerSpace: 4, seed: 4 });
  const client = createConfluenceClient({ baseUrl: `${emulator.url}/wiki`, auth: { type: 'basic', email: 'bob@example.com', apiToken: 'token-bob' } });
  const tokenMode: Authenticator = {
    mode: 'test-tokens',
    async authenticate(req) {
      const credentials = credentialsOf(req.headers.authorization);
      if (credentials?.scheme !== 'bearer') return { ok: false, status: 401, message: 'Unauthorized: sign in first' };
      if (credentials.token !== 'issued-token') return { ok: false, status: 401, message: 'Unauthorized: token not issued here', error: 'invalid_token' };
      return { ok: true, caller: { identity: 'bob@example.com', rateKey: 'bob', client, shared: false, authInfo: { token: 'issued-token', clientId: 'c1', scopes: ['confluence'] } } };
    },
    challenge: (refusal) => bearerChallenge(refusal, { resource_metadata: `${running.url}/.well-known/oauth-protected-resource` }),
    async handle(req, res, context) {
      if (req.url !== '/.well-known/oauth-protected-resource') return false;
      seen.push(context.requestId);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ resource: `${running.url}/mcp` }));
      return true;
    },
  };
  const loaded = loadConfig({ PORT: '0', MCP_AUTH: 'none', CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_PERSONAL_TOKEN: 'unused', CONFLUENCE_FLAVOR: 'dc', CONFLUENCE_TOOLS: 'all' });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  running = await startHttpServer(loaded.config, { authenticator: tokenMode, logger: createLogger({ level: 'silent' }) });
});
afterAll(async () => {
  await running.shutdown();
  await emulator.close();
});

it('words the 401 challenge as the mode says', async () => {
  const res = await fetch(`${running.url}/mcp`, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE });
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="confluence-mcp", resource_metadata="${running.url}/.well-known/oauth-protected-resource"`);
});

it('serves the mode’s own routes with a request id, behind the Host check', async () => {
  const res = await fetch(`${running.url}/.well-known/oauth-protected-resource`, { headers: { 'X-Request-Id': 'meta-1' } });
  expect(await res.json()).toEqual({ resource: `${running.url}/mcp` });
  expect(seen).toEqual(['meta-1']);
  const foreign = await new Promise<number>((resolve) =>
    request(`${running.url}/.well-known/oauth-protected-resource`, { headers: { Host: 'evil.example' } }, (r) => {
      r.resume();
      resolve(r.statusCode ?? 0);
    }).end(),
  );
  expect(foreign).toBe(403);
  expect(seen).toHaveLength(1);
});

it('serves calls with the client the mode chose for the caller', async () => {
  const client = await connectClient(`${running.url}/mcp`, bearer('issued-token'));
  try {
    const user = await callTool(client, 'get_confluence_current_user', {});
    expect(JSON.stringify(user.structuredContent)).toContain('Bob');
    expect((await callTool(client, 'get_confluence_page', { page_id: pageOf(emulator, 'public').id })).isError).toBeFalsy();
  } finally {
    await client.close();
  }
});
