/**
 * End to end: the built app over stdio, the SDK `Client` on the other end, the emulator behind it, in both
 * flavours. A stray byte on stdout would surface as a transport error; stderr must hold JSON logs and no token.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BUILT_APP, CLOUD_TOKEN, DC_TOKEN, assertBuilt, envFor, readablePage } from './testing/stdio';

/** Tools that change Confluence: none may be listed in read-only mode. */
const WRITE_TOOL = /^(create|update|delete|add|remove|move|replace|upload)_/;

interface Session {
  client: Client;
  stderr: () => string;
  transportErrors: Error[];
  close: () => Promise<void>;
}

async function connect(env: Record<string, string>): Promise<Session> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BUILT_APP], env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: 'mcp-stdio-e2e', version: '0.0.0' });
  const transportErrors: Error[] = [];
  client.onerror = (error) => transportErrors.push(error);
  await client.connect(transport);
  return { client, stderr: () => stderr, transportErrors, close: () => client.close() };
}

beforeAll(assertBuilt);

describe.each(['cloud', 'dc'] as const)('over stdio against the %s emulator', (flavor) => {
  let emulator: RunningEmulator;
  let session: Session;
  const token = flavor === 'cloud' ? CLOUD_TOKEN : DC_TOKEN;

  beforeAll(async () => {
    emulator = await startEmulator({ flavor, spaces: 2, pagesPerSpace: 20, seed: 1 });
    session = await connect(envFor(emulator, flavor, { LOG_LEVEL: 'debug' }));
  });
  afterAll(async () => {
    await session?.close();
    await emulator?.close();
  });

  it('lists the tools, writes included', async () => {
    const names = (await session.client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['get_confluence_page', 'search_confluence_pages']));
    expect(names.some((n) => WRITE_TOOL.test(n))).toBe(true);
  });

  it('reads a page as Markdown', async () => {
    const page = readablePage(emulator);
    const result = await session.client.callTool({ name: 'get_confluence_page', arguments: { page_id: page.id } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: page.id, title: page.title, space_key: page.spaceKey, body_format: 'markdown' });
    expect(JSON.stringify(result.content)).toContain(page.title);
  });

  it('answers a missing page with an isError result, not a crash', async () => {
    const result = await session.client.callTool({ name: 'get_confluence_page', arguments: { page_id: '987654321' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/NOT_FOUND|not found/i);
  });

  it('searches pages with CQL', async () => {
    const page = readablePage(emulator);
    const cql = `space = "${page.spaceKey}" AND title = "${page.title.replace(/"/g, '\\"')}"`;
    const result = await session.client.callTool({ name: 'search_confluence_pages', arguments: { cql } });
    expect(result.isError).toBeFalsy();
    const { results } = result.structuredContent as { results: Array<{ id: string; title: string }> };
    expect(results.map((r) => r.id)).toContain(page.id);
  });

  it('keeps stdout clean and logs JSON on stderr without the token', async () => {
    await session.client.listTools();
    expect(session.transportErrors).toEqual([]);
    const lines = session.stderr().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    const parsed = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(parsed.map((l) => l.msg)).toContain('confluence-mcp ready on stdio');
    const basic = Buffer.from(`alice@example.com:${token}`).toString('base64');
    expect(session.stderr()).not.toContain(token);
    expect(session.stderr()).not.toContain(basic);
  });
});

describe('read-only mode', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ spaces: 1, pagesPerSpace: 5, seed: 1 });
  });
  afterAll(() => emulator?.close());

  it('lists no write tool, while the same server without it does', async () => {
    const readOnly = await connect(envFor(emulator, 'cloud', { CONFLUENCE_READ_ONLY: 'true' }));
    const writable = await connect(envFor(emulator, 'cloud'));
    try {
      const readOnlyNames = (await readOnly.client.listTools()).tools.map((t) => t.name);
      const allNames = (await writable.client.listTools()).tools.map((t) => t.name);
      expect(readOnlyNames).toContain('get_confluence_page');
      expect(readOnlyNames.filter((n) => WRITE_TOOL.test(n))).toEqual([]);
      expect(allNames.filter((n) => WRITE_TOOL.test(n)).length).toBeGreaterThan(0);
      const tools = (await readOnly.client.listTools()).tools;
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    } finally {
      await readOnly.close();
      await writable.close();
    }
  });
});
