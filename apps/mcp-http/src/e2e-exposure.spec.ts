/**
 * Exposure safety end to end, over real sockets: Host and Origin checks (DNS rebinding), CORS off unless
 * configured and then a proper preflight, the body limit (413) and the per-identity rate limit (429).
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { request } from 'node:http';
import { INITIALIZE, KEY_A, KEY_B, MCP_HEADERS, TestServer, bearer, connectClient, serviceEnv, startFromEnv } from './testing/http';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ spaces: 1, pagesPerSpace: 2, seed: 1 });
});
afterAll(() => emulator.close());

/** A POST with a `Host` header of our choosing (fetch does not let a caller set it). */
function postWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...MCP_HEADERS, ...bearer(KEY_A), ...headers, Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(INITIALIZE);
  });
}

async function withServer(env: Record<string, string>, run: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startFromEnv({ ...serviceEnv(emulator), MCP_API_KEYS: `${KEY_A},${KEY_B}`, ...env });
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

describe('Host and Origin checks', () => {
  it('by default serves the listening address and localhost, and refuses any other Host with 403', async () => {
    await withServer({}, async (server) => {
      const { port } = server.running;
      expect(await postWithHost(server.mcpUrl, `127.0.0.1:${port}`)).toBe(200);
      expect(await postWithHost(server.mcpUrl, `localhost:${port}`)).toBe(200);
      expect(await postWithHost(server.mcpUrl, `evil.example:${port}`)).toBe(403);
      expect(await postWithHost(server.mcpUrl, `localhost:${port + 1}`)).toBe(403);
    });
  });

  it('checks Host before credentials: a rebinding page learns nothing, not even that a key is needed', async () => {
    await withServer({}, async (server) => {
      expect(await postWithHost(server.mcpUrl, 'attacker.example', { Authorization: '' })).toBe(403);
    });
  });

  it('takes MCP_ALLOWED_HOSTS (any port when none is given) instead of the defaults', async () => {
    await withServer({ MCP_ALLOWED_HOSTS: 'mcp.example.com' }, async (server) => {
      expect(await postWithHost(server.mcpUrl, 'mcp.example.com')).toBe(200);
      expect(await postWithHost(server.mcpUrl, 'MCP.example.com:8443')).toBe(200);
      expect(await postWithHost(server.mcpUrl, `127.0.0.1:${server.running.port}`)).toBe(403);
    });
  });

  it('refuses a foreign Origin with 403 and serves its own and configured ones', async () => {
    await withServer({ MCP_ALLOWED_ORIGINS: 'https://app.example.com' }, async (server) => {
      const send = (origin: string) => fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...bearer(KEY_A), Origin: origin }, body: INITIALIZE });
      const foreign = await send('https://evil.example');
      expect(foreign.status).toBe(403);
      expect(await foreign.json()).toMatchObject({ error: { message: expect.stringContaining('Origin not allowed') } });
      expect((await send('null')).status).toBe(403);
      expect((await send('https://app.example.com')).status).toBe(200);
      // Allowed, but CORS is off: no header lets a browser read the answer.
      expect((await send('https://app.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(url, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, mcp-protocol-version' } });

  it('is off by default: a preflight is refused and answers carry no CORS headers', async () => {
    await withServer({ MCP_ALLOWED_ORIGINS: 'https://app.example.com' }, async (server) => {
      const res = await preflight(server.mcpUrl, 'https://app.example.com');
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('with MCP_CORS_ORIGINS, answers the preflight and exposes Mcp-Session-Id to that origin only', async () => {
    await withServer({ MCP_CORS_ORIGINS: 'https://app.example.com' }, async (server) => {
      const res = await preflight(server.mcpUrl, 'https://app.example.com');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const header of ['mcp-session-id', 'mcp-protocol-version', 'authorization', 'content-type', 'last-event-id']) expect(allowed).toContain(header);
      expect(res.headers.get('access-control-allow-methods')).toContain('DELETE');
      expect(res.headers.get('vary')).toBe('Origin');

      const answer = await fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...bearer(KEY_A), Origin: 'https://app.example.com' }, body: INITIALIZE });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(answer.headers.get('access-control-expose-headers')).toContain('Mcp-Session-Id');
      // A 401 must be readable too: a browser client needs WWW-Authenticate to start signing in.
      const refused = await fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, Origin: 'https://app.example.com' }, body: INITIALIZE });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(refused.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');

      expect((await preflight(server.mcpUrl, 'https://other.example.com')).status).toBe(403);
    });
  });
});

describe('limits', () => {
  it('answers a body over MCP_MAX_BODY_BYTES 413 with a JSON-RPC error, declared or streamed', async () => {
    await withServer({ MCP_MAX_BODY_BYTES: '2048' }, async (server) => {
      const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(4096) } });
      const declared = await fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...bearer(KEY_A) }, body: big });
      expect(declared.status).toBe(413);
      expect(await declared.json()).toEqual({ jsonrpc: '2.0', error: { code: -32000, message: expect.stringContaining('2048 bytes') }, id: null });
      // Chunked: no Content-Length, so the server counts as the bytes arrive.
      const stream = new Blob([big]).stream();
      const streamed = await fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...bearer(KEY_A) }, body: stream, duplex: 'half' } as RequestInit);
      expect(streamed.status).toBe(413);
      // Under the limit, the same server answers normally.
      const small = await fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...bearer(KEY_A) }, body: INITIALIZE });
      expect(small.status).toBe(200);
    });
  });

  it('answers 429 with Retry-After once an identity spent its minute, and other keys are not affected', async () => {
    await withServer({ MCP_RATE_LIMIT_PER_MINUTE: '5' }, async (server) => {
      const send = (key: string) => fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...bearer(key) }, body: INITIALIZE });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await send(KEY_A)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const limited = await send(KEY_A);
      expect(limited.status).toBe(429);
      // 5 per minute: the next request is 12 s away.
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(11);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(12);
      expect(await limited.json()).toMatchObject({ error: { message: expect.stringContaining('5 requests per minute') } });
      expect((await send(KEY_B)).status).toBe(200);
      // The SDK client sees the refusal as an error, not a hang.
      await expect(connectClient(server.mcpUrl, bearer(KEY_A))).rejects.toThrow();
    });
  });
});
