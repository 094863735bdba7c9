/**
 * `StatelessJsonTransport` answers as the SDK's `StreamableHTTPServerTransport` does in stateless JSON mode: the
 * same raw POSTs go to both, each on its own `node:http` server over a real socket, and statuses and JSON bodies
 * must match, for good requests (a real tool call against the emulator included) and for every refusal.
 */
import { createConfluenceClient } from '@confluence-mcp/confluence-client';
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { createLogger } from '@confluence-mcp/logging';
import { createMcpServer } from '@confluence-mcp/mcp-tools';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { IncomingMessage, Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StatelessJsonTransport } from './json-transport';
import { ServerPool } from './server-pool';

let emulator: RunningEmulator;
let sdkUrl: string;
let oursUrl: string;
let pool: ServerPool;
let client: ReturnType<typeof createConfluenceClient>;
/** Resolved when our server's next response closes (answered or abandoned). */
let nextClose: Promise<void> | undefined;
let closed: (() => void) | undefined;
const servers: Server[] = [];
const quiet = createLogger({ level: 'error', destination: { write: () => undefined } });

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(JSON.parse(text)));
  });
}

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

beforeAll(async () => {
  emulator = await startEmulator({ spaces: 1, pagesPerSpace: 3, seed: 1 });
  client = createConfluenceClient({ baseUrl: `${emulator.url}/wiki`, auth: { type: 'basic', email: 'alice@example.com', apiToken: 'token-alice' } });
  // The SDK's way: a new server and transport for every request.
  sdkUrl = await listen(
    createServer((req, res) => {
      void readBody(req).then(async (body) => {
        const server = createMcpServer({ client });
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
        await server.connect(transport);
        res.once('close', () => void server.close());
        await transport.handleRequest(req, res, body);
      });
    }),
  );
  // Ours: pooled servers, each connected once.
  pool = new ServerPool((c) => createMcpServer({ client: c }), 2);
  oursUrl = await listen(
    createServer((req, res) => {
      void readBody(req).then(async (body) => {
        const lease = await pool.acquire(client, true, quiet);
        res.once('close', lease.release);
        const onClose = closed;
        res.once('close', () => onClose?.());
        await lease.transport.handle(req, res, body, undefined);
      });
    }),
  );
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await emulator.close();
});

const MCP = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
const rpc = (id: number | string, method: string, params: Record<string, unknown> = {}) => ({ jsonrpc: '2.0', id, method, params });
const INITIALIZE = rpc(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'spec', version: '0' } });

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; contentType: string | null; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), body: text ? (JSON.parse(text) as unknown) : undefined };
}

const CASES: Array<[string, Record<string, string>, unknown]> = [
  ['initialize', MCP, INITIALIZE],
  ['tools/list', { ...MCP, 'Mcp-Protocol-Version': '2025-06-18' }, rpc(2, 'tools/list')],
  ['a tool call', MCP, rpc('call-1', 'tools/call', { name: 'get_confluence_page', arguments: { page_id: '' } })],
  ['an unknown tool', MCP, rpc(3, 'tools/call', { name: 'no_such_tool', arguments: {} })],
  ['an unknown method', MCP, rpc(4, 'no/such/method')],
  ['a batch of two requests', MCP, [rpc(5, 'tools/list'), rpc(6, 'ping')]],
  ['a notification only', MCP, { jsonrpc: '2.0', method: 'notifications/initialized' }],
  ['Accept without text/event-stream', { ...MCP, Accept: 'application/json' }, rpc(7, 'ping')],
  ['a text/plain body', { ...MCP, 'Content-Type': 'text/plain' }, rpc(8, 'ping')],
  ['Content-Type with a charset', { ...MCP, 'Content-Type': 'Application/JSON; charset=utf-8' }, rpc(9, 'ping')],
  ['not JSON-RPC', MCP, { hello: 'world' }],
  ['initialize in a batch', MCP, [INITIALIZE, rpc(10, 'ping')]],
  ['an unsupported protocol version', { ...MCP, 'Mcp-Protocol-Version': '1999-01-01' }, rpc(11, 'ping')],
  ['a batch over 100 messages', MCP, Array.from({ length: 101 }, (_, i) => rpc(100 + i, 'ping'))],
];

describe('StatelessJsonTransport', () => {
  it.each(CASES)('answers %s as the SDK transport does', async (_name, headers, body) => {
    const [sdk, ours] = await Promise.all([post(sdkUrl, headers, body), post(oursUrl, headers, body)]);
    expect(ours).toEqual(sdk);
  });

  it('answers a real page read as the SDK transport does, from a reused server', async () => {
    const page = [...emulator.control.world.pages.values()].find((p) => p.type === 'page' && !p.restrictions.read);
    const call = rpc(12, 'tools/call', { name: 'get_confluence_page', arguments: { page_id: page?.id } });
    for (let i = 0; i < 3; i++) {
      const [sdk, ours] = await Promise.all([post(sdkUrl, MCP, call), post(oursUrl, MCP, call)]);
      expect(ours).toEqual(sdk);
      expect(ours).toMatchObject({ status: 200, body: { id: 12, result: { structuredContent: { id: page?.id } } } });
    }
  });

  it('closes a server whose client left mid-call instead of pooling it, and serves the next call', async () => {
    const page = [...emulator.control.world.pages.values()].find((p) => p.type === 'page' && !p.restrictions.read);
    if (!page) throw new Error('no readable page');
    await post(oursUrl, MCP, rpc(15, 'ping'));
    const idleBefore = pool.idleCount(client);
    expect(idleBefore).toBeGreaterThan(0);
    emulator.control.injectFault({ kind: 'delay', ms: 5_000, match: { method: 'GET', path: `/pages/${page.id}` } });
    nextClose = new Promise<void>((resolve) => (closed = resolve));
    const abort = new AbortController();
    const call = rpc(13, 'tools/call', { name: 'get_confluence_page', arguments: { page_id: page.id } });
    const pending = fetch(oursUrl, { method: 'POST', headers: MCP, body: JSON.stringify(call), signal: abort.signal }).catch((error: unknown) => error);
    // The server holding the call is leased, not idle (the emulator holds its page read for 5 s).
    for (let waited = 0; pool.idleCount(client) === idleBefore && waited < 4_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(pool.idleCount(client)).toBe(idleBefore - 1);
    abort.abort();
    await pending;
    await nextClose;
    closed = undefined;
    expect(pool.idleCount(client)).toBe(idleBefore - 1);
    emulator.control.clearFaults();
    const ours = await post(oursUrl, MCP, rpc(14, 'ping'));
    expect(ours).toMatchObject({ status: 200, body: { id: 14, result: {} } });
  });

  it('tells its server once that it closed, however often it is closed', async () => {
    const transport = new StatelessJsonTransport();
    expect(transport.idle).toBe(true);
    let closed = 0;
    transport.onclose = () => closed++;
    await transport.close();
    await transport.close();
    expect(closed).toBe(1);
  });
});
