/**
 * search_confluence_index over stdio with `SYNC_DATABASE_URL=postgres://...`: the built app and the SDK client, a
 * PostgreSQL database the real sync engine writes from the Cloud emulator. The server starts before the first sync
 * (nothing synced yet, and the reader creates no table), then finds what a sync wrote, without a restart.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { clientFor } from '@confluence-mcp/confluence-client/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BUILT_APP, assertBuilt, envFor, readablePage } from './testing/stdio';

let emulator: RunningEmulator;
let database: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ spaces: 2, pagesPerSpace: 8, seed: 9 });
  // Loaded on demand, as the app loads the sync engine (the lint rule for lazy-loaded libraries).
  const { createTestPgDatabase } = await import('@confluence-mcp/sync-engine/testing');
  database = await createTestPgDatabase();
});
afterAll(async () => {
  await emulator?.close();
  await database?.drop();
});

type Answer = CallToolResult & { structuredContent?: { results: Array<{ page_id: string }> } };

it('answers "nothing synced yet" before the first sync, then finds what the sync wrote to PostgreSQL', async () => {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BUILT_APP], env: envFor(emulator, 'cloud', { SYNC_DATABASE_URL: database.url }), stderr: 'pipe' });
  transport.stderr?.on('data', () => undefined);
  const client = new Client({ name: 'mcp-stdio-index-pg', version: '0.0.0' });
  await client.connect(transport);
  try {
    const page = readablePage(emulator);
    const search = () => client.callTool({ name: 'search_confluence_index', arguments: { query: page.title, limit: 50 } }) as Promise<Answer>;
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('search_confluence_index');

    const before = await search();
    expect(before.isError).toBe(true);
    expect(JSON.stringify(before.content)).toContain('No index has been synced yet');

    const { openSyncStore, runSync } = await import('@confluence-mcp/sync-engine');
    const opened = await openSyncStore({ url: database.url });
    try {
      const confluence = clientFor(emulator, 'alice');
      const index = await opened.store.createIndex({ name: 'docs', siteUrl: confluence.siteUrl, spaces: [page.spaceKey], destination: 'local' });
      await runSync({ client: confluence, store: opened.store, index, sink: opened.localIndex(index.id) });
    } finally {
      await opened.close();
    }

    const after = await search();
    expect(after.isError).toBeFalsy();
    expect(after.structuredContent?.results.map((r) => r.page_id)).toContain(page.id);
  } finally {
    await client.close();
  }
});
