/**
 * The limit on requests answered without an identity, per client address, over real sockets: refused keys and
 * unknown paths spend an address's budget, a spent address gets 429 with `Retry-After` on every request (a right
 * key included: otherwise guessing would go on), authenticated calls spend nothing, and `X-Forwarded-For` names
 * the client only when `MCP_TRUST_PROXY` says a proxy writes it.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { request } from 'node:http';
import { loadConfig } from './config';
import { INITIALIZE, KEY_A, MCP_HEADERS, TestServer, bearer, connectClient, serviceEnv, startFromEnv } from './testing/http';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ spaces: 1, pagesPerSpace: 2, seed: 1 });
});
afterAll(() => emulator.close());

interface Answer {
  status: number;
  retryAfter?: string;
  body: string;
}

/** A raw request with headers of our choosing. */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const initialize = (url: string, headers: Record<string, string>) => send(url, 'POST', { ...MCP_HEADERS, ...headers }, INITIALIZE);

async function withServer(env: Record<string, string>, run: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startFromEnv({ ...serviceEnv(emulator), MCP_API_KEYS: KEY_A, ...env });
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

describe('unauthenticated requests per client address', () => {
  it('answers 401 within the budget, then 429 with Retry-After to that address, a right key included', async () => {
    await withServer({ MCP_UNAUTHENTICATED_RATE_LIMIT: '3' }, async (server) => {
      for (let i = 0; i < 3; i++) expect((await initialize(server.mcpUrl, bearer('wrong-key-0123456789abcdef'))).status).toBe(401);
      const refused = await initialize(server.mcpUrl, bearer('wrong-key-0123456789abcdef'));
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(refused.body)).toMatchObject({ jsonrpc: '2.0', error: { message: expect.stringContaining('unauthenticated requests per minute') }, id: null });
      expect((await initialize(server.mcpUrl, bearer(KEY_A))).status).toBe(429);
      expect((await initialize(server.mcpUrl, {})).status).toBe(429);
      // Health probes are never held back: an orchestrator must still see the instance alive.
      expect((await send(`${server.running.url}/healthz`, 'GET', {})).status).toBe(200);
    });
  });

  it('lets authenticated calls through without spending the budget', async () => {
    await withServer({ MCP_UNAUTHENTICATED_RATE_LIMIT: '2' }, async (server) => {
      const client = await connectClient(server.mcpUrl, bearer(KEY_A));
      for (let i = 0; i < 5; i++) await client.listTools();
      await client.close();
      expect((await initialize(server.mcpUrl, bearer('wrong-key-0123456789abcdef'))).status).toBe(401);
      expect((await initialize(server.mcpUrl, bearer('wrong-key-0123456789abcdef'))).status).toBe(401);
      expect((await initialize(server.mcpUrl, bearer('wrong-key-0123456789abcdef'))).status).toBe(429);
    });
  });

  it('counts paths other than /mcp (where the OAuth routes live) and refused Hosts', async () => {
    await withServer({ MCP_UNAUTHENTICATED_RATE_LIMIT: '3' }, async (server) => {
      expect((await send(`${server.running.url}/.well-known/oauth-authorization-server`, 'GET', {})).status).toBe(404);
      expect((await send(`${server.running.url}/register`, 'POST', { 'Content-Type': 'application/json' }, '{}')).status).toBe(404);
      expect((await initialize(server.mcpUrl, { ...bearer(KEY_A), Host: 'evil.example' })).status).toBe(403);
      expect((await send(`${server.running.url}/token`, 'POST', {})).status).toBe(429);
    });
  });

  it('ignores X-Forwarded-For unless MCP_TRUST_PROXY is set, then keys on the address the proxy appended', async () => {
    const wrong = bearer('wrong-key-0123456789abcdef');
    await withServer({ MCP_UNAUTHENTICATED_RATE_LIMIT: '1' }, async (server) => {
      expect((await initialize(server.mcpUrl, { ...wrong, 'X-Forwarded-For': '203.0.113.1' })).status).toBe(401);
      // A client cannot buy a fresh budget by writing the header itself.
      expect((await initialize(server.mcpUrl, { ...wrong, 'X-Forwarded-For': '203.0.113.2' })).status).toBe(429);
    });
    await withServer({ MCP_UNAUTHENTICATED_RATE_LIMIT: '1', MCP_TRUST_PROXY: 'true' }, async (server) => {
      expect((await initialize(server.mcpUrl, { ...wrong, 'X-Forwarded-For': '203.0.113.1' })).status).toBe(401);
      expect((await initialize(server.mcpUrl, { ...wrong, 'X-Forwarded-For': '203.0.113.1' })).status).toBe(429);
      // Another client behind the same proxy has its own budget ...
      expect((await initialize(server.mcpUrl, { ...wrong, 'X-Forwarded-For': '203.0.113.2' })).status).toBe(401);
      // ... and an entry the first client wrote before the proxy's own does not change whose budget it is.
      expect((await initialize(server.mcpUrl, { ...wrong, 'X-Forwarded-For': '198.51.100.9, 203.0.113.1' })).status).toBe(429);
    });
  });

  it('is off with 0, and reads its settings by name', async () => {
    await withServer({ MCP_UNAUTHENTICATED_RATE_LIMIT: '0' }, async (server) => {
      for (let i = 0; i < 5; i++) expect((await initialize(server.mcpUrl, bearer('wrong-key-0123456789abcdef'))).status).toBe(401);
    });
    const env = { ...serviceEnv(emulator), MCP_API_KEYS: KEY_A };
    const config = (extra: Record<string, string>) => loadConfig({ ...env, ...extra });
    expect(config({})).toMatchObject({ ok: true, config: { unauthenticatedRateLimitPerMinute: 60, trustedProxies: 0 } });
    expect(config({ MCP_TRUST_PROXY: '2' })).toMatchObject({ ok: true, config: { trustedProxies: 2 } });
    expect(config({ MCP_TRUST_PROXY: 'FALSE' })).toMatchObject({ ok: true, config: { trustedProxies: 0 } });
    expect(config({ MCP_TRUST_PROXY: 'yes', MCP_UNAUTHENTICATED_RATE_LIMIT: 'lots' })).toEqual({
      ok: false,
      errors: [
        'MCP_UNAUTHENTICATED_RATE_LIMIT: must be a whole number of requests per minute and client address (0 turns the limit off)',
        'MCP_TRUST_PROXY: must be false, true (one proxy) or the number of proxies in front of this server (0 to 10)',
      ],
    });
  });
});
