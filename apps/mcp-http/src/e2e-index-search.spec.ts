/**
 * search_confluence_index end to end: an index file built by the real sync engine from the Cloud emulator (as
 * alice, who reads everything), the server in process with SYNC_DATABASE_URL, SDK clients over HTTP. With the
 * service's credentials (API keys) hits are checked with the service account (the index may hold pages synced with
 * someone else's access); with per-user credentials each caller sees only pages Confluence lets them read, and is
 * told how many were hidden. The space allow-list always applies.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { KEY_A, TestServer, basic, bearer, callTool, connectClient, pageOf, serviceEnv, startFromEnv, textOf } from './testing/http';
import { SyncedIndexes, syncIndexes } from './testing/synced-index';

let emulator: RunningEmulator;
let synced: SyncedIndexes;
let openKeys: string[];
let restrictedKey: string;

interface Hit {
  page_id: string;
  space_key: string;
  title: string;
  heading_path: string;
  snippet: string;
  score: number;
  url: string;
}
type Answer = CallToolResult & { structuredContent?: { index: string; results: Hit[]; hidden_count?: number } };

beforeAll(async () => {
  // Three spaces: the last readable only by alice and bob; one page per open space readable only by alice.
  emulator = await startEmulator({ spaces: 3, pagesPerSpace: 8, seed: 5 });
  const spaces = [...emulator.control.world.spaces.values()];
  openKeys = spaces.filter((s) => s.permissions.read === '*').map((s) => s.key);
  restrictedKey = spaces.filter((s) => s.permissions.read !== '*')[0].key;
  synced = await syncIndexes(emulator, { all: [...openKeys, restrictedKey], first: [openKeys[0]] });
});
afterAll(async () => {
  await synced.close();
  await emulator.close();
});

async function withServer(env: Record<string, string>, headers: Record<string, string>, body: (client: Client) => Promise<void>): Promise<void> {
  const server: TestServer = await startFromEnv({ SYNC_DATABASE_URL: synced.file, ...env });
  const client = await connectClient(server.mcpUrl, headers);
  try {
    await body(client);
  } finally {
    await client.close();
    await server.stop();
  }
}

const search = (client: Client, args: Record<string, unknown>) => callTool(client, 'search_confluence_index', args) as Promise<Answer>;
const apiKeys = () => ({ ...serviceEnv(emulator), MCP_API_KEYS: KEY_A });
const perUser = () => ({ MCP_CONFLUENCE_URLS: `${emulator.url}/wiki` });

describe('with the service credentials (API keys)', () => {
  it('finds synced pages, restricted ones included, ranked, with how to open them; get_confluence_page opens a hit', async () => {
    await withServer(apiKeys(), bearer(KEY_A), async (client) => {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('search_confluence_index');
      for (const kind of ['public', 'alice-only', 'restricted-space'] as const) {
        const page = pageOf(emulator, kind);
        const answer = await search(client, { index: 'all', query: page.title, limit: 50 });
        expect(answer.isError).toBeFalsy();
        const hit = answer.structuredContent?.results.find((r) => r.page_id === page.id);
        expect(hit).toMatchObject({ title: page.title, space_key: page.spaceKey, url: expect.stringContaining(page.id) });
        expect(answer.structuredContent?.hidden_count).toBeUndefined();
      }
      const page = pageOf(emulator, 'public');
      const answer = await search(client, { index: 'all', query: page.title, limit: 3 });
      const scores = answer.structuredContent?.results.map((r) => r.score) ?? [];
      expect(scores.length).toBeGreaterThan(0);
      expect(scores.length).toBeLessThanOrEqual(3);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(textOf(answer)).toMatch(/best first\. Read one with get_confluence_page page_id/);
      const opened = await callTool(client, 'get_confluence_page', { page_id: answer.structuredContent?.results[0].page_id });
      expect(opened.isError).toBeFalsy();
    });
  });

  it("never shows pages the service account cannot read, though the index holds them (synced with alice's access)", async () => {
    const carolService = { ...apiKeys(), CONFLUENCE_USERNAME: 'carol@example.com', CONFLUENCE_API_TOKEN: 'token-carol' };
    const aliceOnly = pageOf(emulator, 'alice-only');
    await withServer(carolService, bearer(KEY_A), async (client) => {
      const answer = await search(client, { index: 'all', query: aliceOnly.title, limit: 50 });
      expect(answer.isError).toBeFalsy();
      expect(JSON.stringify(answer)).not.toContain(aliceOnly.id);
      expect(answer.structuredContent?.hidden_count).toBeGreaterThanOrEqual(1);
    });
  });

  it('answers no hits plainly, an unknown index with the names, and asks for a name when several are offered', async () => {
    await withServer(apiKeys(), bearer(KEY_A), async (client) => {
      const none = await search(client, { index: 'all', query: 'qwxzvbnmplk' });
      expect(none.isError).toBeFalsy();
      expect(none.structuredContent?.results).toEqual([]);
      expect(textOf(none)).toMatch(/^No hits in index "all", query "qwxzvbnmplk"\. Try other or fewer words; search_confluence_pages/);
      const unknown = await search(client, { index: 'nope', query: 'x' });
      expect(unknown.isError).toBe(true);
      expect(textOf(unknown)).toBe('NOT_FOUND: index: there is no index "nope". Indexes: "all", "first".');
      const unnamed = await search(client, { query: 'x' });
      expect(textOf(unnamed)).toBe('INVALID_ARGUMENT: index: this server offers 2 indexes ("all", "first"); name one.');
      expect((await search(client, { index: 'FIRST', query: pageOf(emulator, 'public').title })).isError).toBeFalsy();
    });
    // SYNC_INDEXES offers one: then no name is needed.
    await withServer({ ...apiKeys(), SYNC_INDEXES: 'first' }, bearer(KEY_A), async (client) => {
      const answer = await search(client, { query: pageOf(emulator, 'public').title });
      expect(answer.structuredContent?.index).toBe('first');
      expect(answer.structuredContent?.results.every((r) => r.space_key === openKeys[0])).toBe(true);
    });
  });

  it('keeps to the space allow-list (CONFLUENCE_SPACES): other spaces never appear, asking for one is NOT_FOUND', async () => {
    await withServer({ ...apiKeys(), CONFLUENCE_SPACES: openKeys[1] }, bearer(KEY_A), async (client) => {
      const outside = pageOf(emulator, 'restricted-space');
      const answer = await search(client, { index: 'all', query: outside.title, limit: 50 });
      expect(answer.isError).toBeFalsy();
      expect(answer.structuredContent?.results.every((r) => r.space_key === openKeys[1])).toBe(true);
      // Common words of the generated titles match pages in every space: the filter, not the query, keeps them out.
      const broad = await search(client, { index: 'all', query: 'the', limit: 50 });
      expect(broad.structuredContent?.results.length).toBeGreaterThan(0);
      expect(broad.structuredContent?.results.every((r) => r.space_key === openKeys[1])).toBe(true);
      const asked = await search(client, { index: 'all', query: outside.title, space_keys: [restrictedKey] });
      expect(asked.isError).toBe(true);
      expect(textOf(asked)).toMatch(/^NOT_FOUND: Space .* not found, or not visible to this user/);
    });
  });
});

describe('with per-user credentials', () => {
  it('shows each caller only the pages Confluence lets them read, and counts what was hidden', async () => {
    const aliceOnly = pageOf(emulator, 'alice-only');
    const inRestrictedSpace = pageOf(emulator, 'restricted-space');
    const requests = emulator.control.requestCount();
    await withServer(perUser(), basic('carol@example.com', 'token-carol'), async (carol) => {
      for (const page of [aliceOnly, inRestrictedSpace]) {
        const answer = await search(carol, { index: 'all', query: page.title, limit: 50 });
        expect(answer.isError).toBeFalsy();
        expect(answer.structuredContent?.results.map((r) => r.page_id)).not.toContain(page.id);
        expect(answer.structuredContent?.hidden_count).toBeGreaterThanOrEqual(1);
        expect(textOf(answer)).toMatch(/\d+ hits? hidden: in pages this user cannot read\./);
        // Only a count: nothing of the hidden pages reaches the answer.
        expect(JSON.stringify(answer)).not.toContain(page.id);
      }
      const open = pageOf(emulator, 'public');
      const visible = await search(carol, { index: 'all', query: open.title, limit: 50 });
      expect(visible.structuredContent?.results.map((r) => r.page_id)).toContain(open.id);
    });
    // The check asked Confluence (one bulk read per search), with carol's credentials.
    expect(emulator.control.requestCount()).toBeGreaterThan(requests);
    await withServer(perUser(), basic('alice@example.com', 'token-alice'), async (alice) => {
      const answer = await search(alice, { index: 'all', query: aliceOnly.title, limit: 50 });
      expect(answer.structuredContent?.results.map((r) => r.page_id)).toContain(aliceOnly.id);
      expect(answer.structuredContent?.hidden_count).toBeUndefined();
    });
  });

  it('refuses hits of an index synced from another site than the caller connects to', async () => {
    const other = await startEmulator({ spaces: 1, pagesPerSpace: 3, seed: 9 });
    try {
      await withServer({ MCP_CONFLUENCE_URLS: `${other.url}/wiki` }, basic('alice@example.com', 'token-alice'), async (client) => {
        const answer = await search(client, { index: 'all', query: pageOf(emulator, 'public').title });
        expect(answer.isError).toBe(true);
        expect(textOf(answer)).toMatch(/^FORBIDDEN: This index was synced from another Confluence site/);
      });
    } finally {
      await other.close();
    }
  });
});
