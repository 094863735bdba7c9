/**
 * Scaling out and sessions: two stateless instances behind a round-robin proxy (written here with node:http)
 * answer one client's calls alike; stateful mode keeps sessions (with an owner, DELETE, idle expiry, a bound)
 * and lets a client resume a stream it lost with `Last-Event-ID`.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INITIALIZE, KEY_A, KEY_B, MCP_HEADERS, TestServer, bearer, callTool, connectClient, pageOf, serviceEnv, startFromEnv, textOf } from './testing/http';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ spaces: 2, pagesPerSpace: 6, seed: 9 });
});
afterAll(() => emulator.close());

/** A proxy sending each request to the next backend in turn, as a load balancer without stickiness does. */
function roundRobinProxy(): { server: Server; backends: string[]; served: number[] } {
  const state = { backends: [] as string[], served: [] as number[] };
  let next = 0;
  const server = createServer((req, res) => {
    const index = next++ % state.backends.length;
    state.served[index] = (state.served[index] ?? 0) + 1;
    const upstream = request(`${state.backends[index]}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return { server, ...state };
}

describe('two stateless instances behind a round-robin proxy', () => {
  let proxy: ReturnType<typeof roundRobinProxy>;
  let instances: TestServer[];

  beforeAll(async () => {
    proxy = roundRobinProxy();
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const proxyPort = (proxy.server.address() as AddressInfo).port;
    // Behind a proxy the Host is the proxy's: that is the name the instances are told to accept.
    const env = { ...serviceEnv(emulator), MCP_API_KEYS: KEY_A, MCP_ALLOWED_HOSTS: `127.0.0.1:${proxyPort}` };
    instances = [await startFromEnv(env), await startFromEnv(env)];
    proxy.backends.push(...instances.map((i) => i.running.url));
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await new Promise((resolve) => proxy.server.close(resolve));
  });

  it('answer one client identically, whichever instance serves each call', async () => {
    const url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}/mcp`;
    const client = await connectClient(url, bearer(KEY_A));
    try {
      const page = pageOf(emulator, 'public');
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await callTool(client, 'get_confluence_page', { page_id: page.id }));
      expect(answers[0].isError).toBeFalsy();
      expect(textOf(answers[0])).toContain(page.title);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      const lists = [await client.listTools(), await client.listTools()];
      expect(lists[1]).toEqual(lists[0]);
    } finally {
      await client.close();
    }
    expect(proxy.served).toHaveLength(2);
    // Both instances ran tool calls for this one client.
    for (const instance of instances) expect(instance.logs.filter((l) => l['msg'] === 'tool call').length).toBeGreaterThanOrEqual(2);
  });
});

describe('stateful sessions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startFromEnv({ ...serviceEnv(emulator), MCP_API_KEYS: `${KEY_A},${KEY_B}`, MCP_SESSIONS: 'stateful', MCP_MAX_SESSIONS: '3' });
  });
  afterAll(() => server.stop());

  const post = (headers: Record<string, string>, body: string) => fetch(server.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body });
  const listTools = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });

  it('give the client a session id that later calls carry, and end it with DELETE', async () => {
    const client = await connectClient(server.mcpUrl, bearer(KEY_A));
    const transport = client.transport as StreamableHTTPClientTransport;
    const sessionId = transport.sessionId as string;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const result = await callTool(client, 'get_confluence_page', { page_id: pageOf(emulator, 'public').id });
    expect(result.isError).toBeFalsy();

    // Another key cannot use it: the same 404 as a session that does not exist.
    const stolen = await post({ ...bearer(KEY_B), 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-06-18' }, listTools);
    expect(stolen.status).toBe(404);

    await transport.terminateSession();
    const after = await post({ ...bearer(KEY_A), 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-06-18' }, listTools);
    expect(after.status).toBe(404);
    await client.close();
  });

  it('ask for a session id on anything but initialize', async () => {
    const res = await post(bearer(KEY_A), listTools);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('Mcp-Session-Id') } });
  });

  it('are bounded: past MCP_MAX_SESSIONS, initialize answers 503 with Retry-After', async () => {
    const clients = [];
    try {
      for (let i = 0; i < 3; i++) clients.push(await connectClient(server.mcpUrl, bearer(KEY_A)));
      const res = await post(bearer(KEY_A), INITIALIZE);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
    } finally {
      for (const client of clients) await (client.transport as StreamableHTTPClientTransport).terminateSession();
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('resume a stream the client lost: the answer is replayed after Last-Event-ID', async () => {
    const page = pageOf(emulator, 'public');
    const init = await post(bearer(KEY_A), INITIALIZE.replace('2025-06-18', '2025-11-25'));
    const sessionId = init.headers.get('mcp-session-id') as string;
    await init.text();
    const session = { ...bearer(KEY_A), 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-11-25' };
    await post(session, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));

    emulator.control.injectFault({ kind: 'delay', ms: 800, match: { method: 'GET', path: `/pages/${page.id}` } });
    const lost = new AbortController();
    const call = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: { ...MCP_HEADERS, ...session },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'get_confluence_page', arguments: { page_id: page.id } } }),
      signal: lost.signal,
    });
    const reader = (call.body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    const eventId = /id: (\S+)/.exec(new TextDecoder().decode(value))?.[1];
    expect(eventId).toBeDefined();
    lost.abort();
    // The answer is ready while no stream is attached: the event store alone holds it.
    const calls = () => server.logs.filter((l) => l['msg'] === 'tool call' && l['sessionId'] === sessionId).length;
    for (let waited = 0; calls() === 0 && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));

    const resumed = new AbortController();
    const resume = () => fetch(server.mcpUrl, { headers: { ...session, Accept: 'text/event-stream', 'Last-Event-ID': eventId as string }, signal: resumed.signal });
    // Until the server has seen the connection go, the stream still counts as open (409).
    let replay = await resume();
    for (let tries = 0; replay.status === 409 && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      replay = await resume();
    }
    expect(replay.status).toBe(200);
    const replayReader = (replay.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    for (let chunk = await replayReader.read(); !chunk.done && !text.includes('"id":7'); ) {
      text += new TextDecoder().decode(chunk.value);
      if (!text.includes('"id":7')) chunk = await replayReader.read();
    }
    resumed.abort();
    expect(text).toContain(page.title);
    await fetch(server.mcpUrl, { method: 'DELETE', headers: session });
  });

  it('close after MCP_SESSION_IDLE_MS without requests', async () => {
    const idle = await startFromEnv({ ...serviceEnv(emulator), MCP_API_KEYS: KEY_A, MCP_SESSIONS: 'stateful', MCP_SESSION_IDLE_MS: '1000' });
    try {
      const client = await connectClient(idle.mcpUrl, bearer(KEY_A));
      const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId as string;
      // The SDK client holds a GET stream open, which keeps the session busy: an idle client closes it.
      await client.close();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const res = await fetch(idle.mcpUrl, { method: 'POST', headers: { ...MCP_HEADERS, ...bearer(KEY_A), 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-06-18' }, body: listTools });
      expect(res.status).toBe(404);
      expect(idle.logs.some((l) => l['msg'] === 'session closed' && l['sessionId'] === sessionId)).toBe(true);
    } finally {
      await idle.stop();
    }
  });
});
