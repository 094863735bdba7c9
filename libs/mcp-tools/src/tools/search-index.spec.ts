/**
 * search_confluence_index against a misbehaving index seam (the real index is specified end to end in the apps,
 * which may import the sync engine): whatever the searcher returns or throws, nothing outside the allow-list is
 * shown and no database error reaches the model. The MCP client and the Confluence emulator are real.
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import type { IndexHit, IndexSearcher } from '../index-searcher';
import { connect, spacesOf, startWorld, textOf } from '../testing/harness';

let emulator: RunningEmulator;
beforeAll(async () => (emulator = await startWorld('cloud')));
afterAll(() => emulator.close());

const hit = (page_id: string, space_key: string): IndexHit => ({ page_id, space_key, title: `Page ${page_id}`, url: `https://x/${page_id}`, heading_path: '', snippet: '[x]', score: 1 });

it('drops hits outside the allow-list even when the index returns them', async () => {
  const [open] = spacesOf(emulator).open;
  const asked: Array<readonly string[] | undefined> = [];
  const leaky: IndexSearcher = {
    indexes: async () => ['docs'],
    search: async (_name, _query, options) => {
      asked.push(options.spaces);
      return { siteUrl: '', hits: [hit('1', open.key), hit('2', 'SECRET'), hit('3', open.key.toLowerCase())] };
    },
  };
  const mcp = await connect(emulator, { indexSearcher: leaky, spaces: [open.key] });
  const answer = await mcp.call('search_confluence_index', { query: 'x' });
  expect((answer.structuredContent?.['results'] as IndexHit[]).map((r) => r.page_id)).toEqual(['1', '3']);
  expect(textOf(answer)).not.toContain('SECRET');
  // The allow-list also went to the index, as given and upper-cased.
  expect(asked[0]).toEqual(expect.arrayContaining([open.key]));
  await mcp.close();
});

it('answers UNAVAILABLE without the database error, which goes to the log', async () => {
  const broken: IndexSearcher = {
    indexes: async () => ['docs'],
    search: async () => {
      throw new Error('SQLITE_CORRUPT: database disk image is malformed at /srv/data/sync.db');
    },
  };
  const mcp = await connect(emulator, { indexSearcher: broken });
  const answer = await mcp.call('search_confluence_index', { query: 'x' });
  expect(answer.isError).toBe(true);
  expect(textOf(answer)).toBe('UNAVAILABLE: The synced index could not be read (the details are in the server log). Use search_confluence_pages, or retry later.');
  expect(JSON.stringify(answer)).not.toMatch(/SQLITE|\/srv/);
  expect(mcp.logs.some((l) => l.level === 'error' && JSON.stringify(l.fields).includes('SQLITE_CORRUPT'))).toBe(true);
  await mcp.close();
});

it('refuses a query longer than search words may be, naming the argument', async () => {
  const mcp = await connect(emulator, { indexSearcher: { indexes: async () => ['docs'], search: async () => ({ siteUrl: '', hits: [] }) } });
  const answer = await mcp.call('search_confluence_index', { query: 'x'.repeat(501) });
  expect(answer.isError).toBe(true);
  expect(textOf(answer)).toMatch(/query/);
  await mcp.close();
});
