/**
 * search_confluence_index over stdio: the built app, the SDK client, an index file built by the real sync engine
 * from the Cloud emulator. The stdio server acts with the service's own credentials, so hits are shown as synced
 * (no per-hit check); the space allow-list applies; without a sync database the tool is not offered at all.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { clientFor } from '@confluence-mcp/confluence-client/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_APP, assertBuilt, envFor } from './testing/stdio';

let emulator: RunningEmulator;
let dir: string;
let file: string;
let spaceKeys: string[];

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ spaces: 3, pagesPerSpace: 8, seed: 5 });
  spaceKeys = [...emulator.control.world.spaces.values()].map((s) => s.key);
  dir = mkdtempSync(join(tmpdir(), 'stdio-index-'));
  file = join(dir, 'sync.db');
  // Loaded as the app loads it (on demand), which the lint rule for lazy-loaded libraries asks of this project.
  const { LocalIndex, SqliteSyncStore, openDatabase, runSync } = await import('@confluence-mcp/sync-engine');
  const db = openDatabase({ url: file });
  const store = new SqliteSyncStore(db);
  const client = clientFor(emulator, 'alice');
  const index = await store.createIndex({ name: 'docs', siteUrl: client.siteUrl, spaces: spaceKeys, destination: 'local' });
  await runSync({ client, store, index, sink: new LocalIndex(db, index.id) });
  await store.close();
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function session(extra: Record<string, string>, body: (client: Client) => Promise<void>): Promise<void> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BUILT_APP], env: envFor(emulator, 'cloud', extra), stderr: 'pipe' });
  transport.stderr?.on('data', () => undefined);
  const client = new Client({ name: 'mcp-stdio-index', version: '0.0.0' });
  await client.connect(transport);
  try {
    await body(client);
  } finally {
    await client.close();
  }
}

type Answer = CallToolResult & { structuredContent?: { results: Array<{ page_id: string; space_key: string }>; hidden_count?: number } };
const search = (client: Client, args: Record<string, unknown>) => client.callTool({ name: 'search_confluence_index', arguments: args }) as Promise<Answer>;

/** A current page readable only by alice (the service's user here). */
function aliceOnlyPage() {
  const page = [...emulator.control.world.pages.values()].find((p) => p.type === 'page' && p.status === 'current' && p.restrictions.read?.length);
  if (!page) throw new Error('no alice-only page');
  return { id: page.id, title: page.versions[page.versions.length - 1].title, spaceKey: emulator.control.world.spaces.get(page.spaceId)?.key ?? '' };
}

it('offers the tool with SYNC_DATABASE_URL and finds what the service credentials synced', async () => {
  const page = aliceOnlyPage();
  await session({ SYNC_DATABASE_URL: file }, async (client) => {
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('search_confluence_index');
    const answer = await search(client, { query: page.title, limit: 50 });
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent?.results.map((r) => r.page_id)).toContain(page.id);
    expect(answer.structuredContent?.hidden_count).toBeUndefined();
  });
});

it('keeps to CONFLUENCE_SPACES', async () => {
  await session({ DATABASE_URL: `file:${file}`, CONFLUENCE_SPACES: spaceKeys[0] }, async (client) => {
    const answer = await search(client, { query: 'the', limit: 50 });
    expect(answer.structuredContent?.results.length).toBeGreaterThan(0);
    expect(answer.structuredContent?.results.every((r) => r.space_key === spaceKeys[0])).toBe(true);
  });
});

it('does not offer the tool without a sync database', async () => {
  await session({}, async (client) => {
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('search_confluence_index');
  });
});
