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
  const client = createConfluenceClient({ baseUrl: `${emulator.url}/wiki`, auth: { type: 'basic', email: 'alice@example.com', apiToken: 'token-alice' } });
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
  const pool = new ServerPool((c) => createMcpServer({ client: c }), 2);
  oursUrl = await listen(
    createServer((req, res) => {
      void readBody(req).then(async (body) => {
        const lease = await pool.acquire(client, true, quiet);
        res.once('close', lease.release);
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
