import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { connect, pagesIn, spacesOf, startWorld, textOf } from '../testing/harness';

const HOSTILE = [`') OR space != "X`, `x" OR space = "OTHER`, `type = page) OR (space != "NONE"`, `space != "NONE"`, `x") OR (type = page`];

describe.each(['cloud', 'dc'] as const)('search and spaces on %s', (flavor) => {
  let emulator: RunningEmulator;
  let allowed: string;
  let other: string;
  beforeAll(async () => {
    emulator = await startWorld(flavor);
    [allowed, other] = spacesOf(emulator).open.map((s) => s.key);
  });
  afterAll(() => emulator.close());

  it('searches with structured filters and pages with next_cursor', async () => {
    const mcp = await connect(emulator);
    const target = pagesIn(emulator, allowed)[3];
    const byTitle = await mcp.call('search_confluence_pages', { title: target.title, space_keys: [allowed] });
    expect(byTitle.isError).toBeFalsy();
    expect((byTitle.structuredContent?.['results'] as Array<{ id: string }>).map((r) => r.id)).toContain(target.id);
    const first = await mcp.call('search_confluence_pages', { cql: `space = "${allowed}" AND type = page`, limit: 2 });
    const results = first.structuredContent?.['results'] as Array<{ id: string; space_key: string }>;
    expect(results).toHaveLength(2);
    expect(first.structuredContent?.['next_cursor']).toEqual(expect.any(String));
    const second = await mcp.call('search_confluence_pages', { cql: `space = "${allowed}" AND type = page`, limit: 2, cursor: first.structuredContent?.['next_cursor'] });
    const ids = (second.structuredContent?.['results'] as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(results[0].id);
    await mcp.close();
  });

  it('pages search results by start, with next_start_offset', async () => {
    const mcp = await connect(emulator);
    const query = `space = "${allowed}" AND type = page`;
    const all = pagesIn(emulator, allowed).map((p) => p.id);
    const seen: string[] = [];
    let start: number | undefined = 0;
    for (let calls = 0; start !== undefined && calls < 20; calls++) {
      const result = await mcp.call('search_confluence_pages', { cql: query, limit: 3, start });
      expect(result.isError).toBeFalsy();
      const ids = (result.structuredContent?.['results'] as Array<{ id: string }>).map((r) => r.id);
      seen.push(...ids);
      const next = result.structuredContent?.['next_start_offset'] as number | undefined;
      if (next !== undefined) {
        expect(next).toBe(start + ids.length);
        expect(result.structuredContent?.['next_cursor']).toEqual(expect.any(String));
      }
      start = next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(all));
    const first = await mcp.call('search_confluence_pages', { cql: query, limit: 2 });
    expect(first.structuredContent?.['next_start_offset']).toBe(2);
    expect(textOf(await mcp.call('search_confluence_pages', { cql: query, start: 2, cursor: 'abc' }))).toMatch(/^INVALID_ARGUMENT: start: give either start or cursor/);
    expect(textOf(await mcp.call('search_confluence_pages', { cql: query, start: -1 }))).toMatch(/^INVALID_ARGUMENT: start: must be at least 0\./);
    await mcp.close();
  });

  it('answers INVALID_QUERY with Confluence\'s reason for CQL it rejects', async () => {
    const mcp = await connect(emulator);
    const result = await mcp.call('search_confluence_pages', { cql: 'nosuchfield = 3' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^INVALID_QUERY: .*nosuchfield/);
    await mcp.close();
  });

  it('pages spaces by start on Data Center only', async () => {
    const mcp = await connect(emulator);
    const first = await mcp.call('get_confluence_spaces', { limit: 1 });
    const firstKey = (first.structuredContent?.['spaces'] as Array<{ key: string }>)[0].key;
    expect(textOf(await mcp.call('get_confluence_spaces', { start: 1, cursor: 'x' }))).toMatch(/^INVALID_ARGUMENT: start: give either start or cursor/);
    const second = await mcp.call('get_confluence_spaces', { limit: 1, start: 1 });
    if (flavor === 'cloud') {
      expect(first.structuredContent?.['next_start_offset']).toBeUndefined();
      expect(textOf(second)).toMatch(/^INVALID_ARGUMENT: start: .*cursor/);
    } else {
      expect(first.structuredContent?.['next_start_offset']).toBe(1);
      const keys = (second.structuredContent?.['spaces'] as Array<{ key: string }>).map((s) => s.key);
      expect(keys).toHaveLength(1);
      expect(keys[0]).not.toBe(firstKey);
      expect(second.structuredContent?.['next_start_offset']).toBe(2);
    }
    await mcp.close();
  });

  it.each(HOSTILE)('keeps hostile CQL %j inside the allowed space', async (hostile) => {
    const mcp = await connect(emulator, { spaces: [allowed] });
    const unrestricted = await connect(emulator);
    // The same text without the allow-list does reach the other space (so the test can fail).
    for (const args of [{ cql: `type = page OR space = "${other}"` }, { text: hostile }]) {
      const result = await mcp.call('search_confluence_pages', { ...args, limit: 100 });
      if (result.isError) {
        expect(textOf(result)).toMatch(/^(INVALID_QUERY|INVALID_ARGUMENT):/);
        continue;
      }
      const spaces = (result.structuredContent?.['results'] as Array<{ space_key?: string }>).map((r) => r.space_key);
      if ('cql' in args) expect(spaces.length).toBeGreaterThan(0);
      for (const key of spaces) expect(key).toBe(allowed);
    }
    const raw = await mcp.call('search_confluence_pages', { cql: hostile, limit: 100 });
    if (!raw.isError) {
      for (const r of raw.structuredContent?.['results'] as Array<{ space_key?: string }>) expect(r.space_key).toBe(allowed);
    } else {
      expect(textOf(raw)).toMatch(/^(INVALID_QUERY|INVALID_ARGUMENT):/);
    }
    const open = await unrestricted.call('search_confluence_pages', { cql: `type = page OR space = "${other}"`, limit: 100 });
    expect((open.structuredContent?.['results'] as Array<{ space_key?: string }>).some((r) => r.space_key === other)).toBe(true);
    await Promise.all([mcp.close(), unrestricted.close()]);
  });

  it('hides pages and spaces outside the allow-list as not found', async () => {
    const mcp = await connect(emulator, { spaces: [allowed] });
    const outside = pagesIn(emulator, other)[0];
    const page = await mcp.call('get_confluence_page', { page_id: outside.id });
    expect(textOf(page)).toMatch(/^NOT_FOUND:/);
    const byTitle = await mcp.call('get_confluence_page', { space_key: other, title: outside.title });
    expect(textOf(byTitle)).toMatch(/^NOT_FOUND:/);
    for (const [tool, args] of [
      ['get_confluence_page_comments', { page_id: outside.id }],
      ['get_confluence_page_attachments', { page_id: outside.id }],
      ['delete_confluence_page', { page_id: outside.id }],
      ['update_confluence_page', { page_id: outside.id, title: 'x' }],
      ['create_confluence_page', { space_key: other, title: 'x', body: 'y' }],
    ] as const) {
      expect([tool, textOf(await mcp.call(tool, args)).slice(0, 10)]).toEqual([tool, 'NOT_FOUND:']);
    }
    expect(emulator.control.page(outside.id).status).toBe('current');
    const spaces = await mcp.call('get_confluence_spaces', {});
    expect((spaces.structuredContent?.['spaces'] as Array<{ key: string }>).map((s) => s.key)).toEqual([allowed]);
    await mcp.close();
  });

  it('lists spaces visible to the user', async () => {
    const alice = await connect(emulator);
    const carol = await connect(emulator, { username: 'carol' });
    const restricted = spacesOf(emulator).restricted[0].key;
    const keysOf = async (mcp: typeof alice) => ((await mcp.call('get_confluence_spaces', { limit: 50 })).structuredContent?.['spaces'] as Array<{ key: string }>).map((s) => s.key);
    expect(await keysOf(alice)).toContain(restricted);
    expect(await keysOf(carol)).not.toContain(restricted);
    const one = await alice.call('get_confluence_spaces', { space_keys: [allowed], expand: ['description'] });
    expect(one.structuredContent?.['spaces']).toEqual([expect.objectContaining({ key: allowed, url: expect.any(String) })]);
    await Promise.all([alice.close(), carol.close()]);
  });
});
