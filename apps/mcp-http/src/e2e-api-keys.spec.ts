/**
 * API-key mode end to end: the server in process on a real socket, the SDK client (or raw HTTP where a client
 * would not send what is tested), the Cloud emulator behind it. Who gets in, what every refusal looks like, and
 * what the log says about each request.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { KEY_A, KEY_B, MCP_HEADERS, INITIALIZE, TestServer, bearer, callTool, connectClient, pageOf, serviceEnv, startFromEnv, textOf } from './testing/http';

let emulator: RunningEmulator;
let server: TestServer;

beforeAll(async () => {
  emulator = await startEmulator({ spaces: 2, pagesPerSpace: 6, seed: 3 });
  server = await startFromEnv({ ...serviceEnv(emulator), MCP_API_KEYS: `${KEY_A},${KEY_B}` });
});
afterAll(async () => {
  await server.stop();
  await emulator.close();
});

function post(headers: Record<string, string>, body = INITIALIZE): Promise<Response> {
  return fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body });
}

describe('authentication', () => {
  it('serves a client with a configured key: tools, then a page read with the service credentials', async () => {
    const client = await connectClient(server.mcpUrl, bearer(KEY_A));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('get_confluence_page');
      const page = pageOf(emulator, 'public');
      const result = await callTool(client, 'get_confluence_page', { page_id: page.id });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toContain(page.title);
    } finally {
      await client.close();
    }
  });

  it('answers a request without a key 401 with a Bearer challenge and no error code', async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="confluence-mcp"');
    expect(await res.json()).toEqual({ jsonrpc: '2.0', error: { code: -32000, message: expect.stringContaining('Authorization: Bearer') }, id: null });
  });

  it('answers a wrong key 401 invalid_token, and the SDK client fails to connect', async () => {
    const res = await post(bearer(`${KEY_A}x`));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="confluence-mcp", error="invalid_token"');
    await expect(connectClient(server.mcpUrl, bearer('not-a-configured-key-at-all'))).rejects.toThrow();
  });

  it('refuses Basic credentials and a malformed header in API-key mode', async () => {
    expect((await post({ Authorization: `Basic ${Buffer.from(`x:${KEY_A}`).toString('base64')}` })).status).toBe(401);
    expect((await post({ Authorization: `Bearer ${KEY_A} extra` })).status).toBe(401);
  });

  it('logs each request once with its id and the key id, never the key', async () => {
    const res = await post({ ...bearer(KEY_B), 'X-Request-Id': 'trace-42' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    const line = server.logs.find((l) => l['msg'] === 'request' && l['requestId'] === 'trace-42');
    expect(line).toMatchObject({ method: 'POST', path: '/mcp', status: 200, identity: expect.stringMatching(/^key:[0-9a-f]{8}$/) });
    expect(server.rawLogs()).not.toContain(KEY_A);
    expect(server.rawLogs()).not.toContain(KEY_B);
  });

  it('generates a request id when the caller sends none (or an unusable one)', async () => {
    const generated = (await post(bearer(KEY_A))).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = (await post({ ...bearer(KEY_A), 'X-Request-Id': 'has spaces and "quotes"' })).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tags tool-call log lines with the request id and identity of the call', async () => {
    const client = await connectClient(server.mcpUrl, { ...bearer(KEY_A), 'X-Request-Id': 'call-7' });
    try {
      await callTool(client, 'get_confluence_page', { page_id: pageOf(emulator, 'public').id });
    } finally {
      await client.close();
    }
    expect(server.logs.find((l) => l['msg'] === 'tool call' && l['requestId'] === 'call-7')).toMatchObject({ tool: 'get_confluence_page', identity: expect.stringMatching(/^key:/) });
  });
});

describe('transport', () => {
  it('answers GET and DELETE 405 in stateless mode, with Allow', async () => {
    const res = await fetch(server.mcpUrl, { headers: { ...bearer(KEY_A), Accept: 'text/event-stream' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await fetch(server.mcpUrl, { method: 'DELETE', headers: bearer(KEY_A) })).status).toBe(405);
  });

  it('answers 400 with a JSON-RPC parse error for a body that is not JSON', async () => {
    const res = await post(bearer(KEY_A), '{"jsonrpc": "2.0",');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: -32700 } });
  });

  it('answers other paths 404 and unknown methods 405', async () => {
    expect((await fetch(`${server.running.url}/other`, { headers: bearer(KEY_A) })).status).toBe(404);
    expect((await fetch(server.mcpUrl, { method: 'PUT', headers: bearer(KEY_A) })).status).toBe(405);
  });
});

describe('health', () => {
  it('is alive, and ready while Confluence answers the service credentials', async () => {
    const health = await fetch(`${server.running.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', confluence: 'reachable' });
  });

  it('is not ready when Confluence refuses the service credentials, without saying more to the prober', async () => {
    const other = await startEmulator({ spaces: 1, pagesPerSpace: 2, seed: 1 });
    const broken = await startFromEnv({ ...serviceEnv(other), CONFLUENCE_API_TOKEN: 'token-wrong-secret', MCP_API_KEYS: KEY_A });
    try {
      const ready = await fetch(`${broken.running.url}/readyz`);
      expect(ready.status).toBe(503);
      const text = await ready.text();
      expect(JSON.parse(text)).toEqual({ status: 'not ready', confluence: 'unreachable' });
      expect(text).not.toContain(other.url);
      expect(broken.logs.some((l) => String(l['msg']).startsWith('not ready: Confluence at'))).toBe(true);
      expect(broken.rawLogs()).not.toContain('token-wrong-secret');
    } finally {
      await broken.stop();
      await other.close();
    }
  });
});
