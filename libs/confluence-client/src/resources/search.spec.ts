import { BadRequestError } from '../core/errors';
import { collect } from '../core/pagination';
import { cql } from '../cql';
import { ListPage, SearchHit } from '../model';
import { FLAVORS, openSpace, useEmulator } from '../testing/emulator';

describe.each(FLAVORS)('search on %s', (flavor) => {
  // Two spaces of 40: enough pages for more than one page of 50 with bodies.
  const session = useEmulator(flavor, { pagesPerSpace: 40, resetAfterEach: false });

  const world = () => session.control.world;
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`test setup: no ${what}`);
    return value;
  };
  const latest = (pageId: string) => must(session.control.page(pageId).versions.at(-1), `version of ${pageId}`);
  /** Current pages (not blog posts) of a space, or of every space; alice may read all of them. */
  const currentPages = (spaceKey?: string) => {
    const space = spaceKey && [...world().spaces.values()].find((s) => s.key === spaceKey);
    return [...world().pages.values()].filter((p) => p.type === 'page' && p.status === 'current' && (!space || p.spaceId === space.id));
  };
  const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);
  /** Walk `cql()` call by call, keeping each page of results and each search request the client sent. */
  const walk = async (fetchPage: (cursor?: string) => Promise<ListPage<SearchHit>>) => {
    const mark = session.control.requests().length;
    const pages: ListPage<SearchHit>[] = [];
    let cursor: string | undefined;
    do {
      pages.push(await fetchPage(cursor));
      cursor = pages[pages.length - 1].nextCursor;
    } while (cursor && pages.length < 50);
    const requests = session.control.requests().slice(mark).filter((r) => r.route.endsWith('/search'));
    return { pages, hits: pages.flatMap((p) => p.items), requests };
  };

  it('pages through every result exactly once, with the total, at the limit asked', async () => {
    const key = openSpace(session.emulator).key;
    const expected = currentPages(key);
    const { pages, hits } = await walk((cursor) => session.client.search.cql(`type=page AND space=${key}`, { limit: 7, cursor }));
    expect(pages.length).toBe(Math.ceil(expected.length / 7));
    expect(pages.slice(0, -1).every((p) => p.items.length === 7)).toBe(true);
    expect(new Set(ids(hits)).size).toBe(hits.length);
    expect(ids(hits).sort()).toEqual(ids(expected).sort());
    expect(pages.every((p) => p.total === expected.length)).toBe(true);
    expect(hits.every((h) => h.type === 'page' && h.spaceKey === key && h.url.startsWith(session.client.siteUrl) && h.content?.id === h.id)).toBe(true);
  });

  it('pages by start, visiting every result exactly once', async () => {
    const key = openSpace(session.emulator).key;
    const expected = currentPages(key);
    const mark = session.control.requests().length;
    const hits: SearchHit[] = [];
    let start = 0;
    for (let calls = 0; calls < 50; calls++) {
      const page = await session.client.search.cql(`type=page AND space=${key}`, { limit: 6, start });
      hits.push(...page.items);
      if (!page.nextCursor) break;
      start += page.items.length;
    }
    const starts = session.control.requests().slice(mark).filter((r) => r.route.endsWith('/search')).map((r) => new URL(r.url, session.emulator.url).searchParams.get('start'));
    expect(starts).toEqual(Array.from({ length: Math.ceil(expected.length / 6) }, (_, i) => String(i * 6)));
    expect(new Set(ids(hits)).size).toBe(hits.length);
    expect(ids(hits).sort()).toEqual(ids(expected).sort());
    await expect(session.client.search.cql('type=page', { start: 0, cursor: '5' })).rejects.toThrow(/^start: /);
    await expect(session.client.search.cql('type=page', { start: -1 })).rejects.toThrow(TypeError);
  });

  it('iterates every result of a query built with the cql builder', async () => {
    const key = openSpace(session.emulator).key;
    const all = await collect(session.client.search.iterate(cql.and(cql.eq('type', 'page'), cql.eq('space', key)), { limit: 9 }), 500);
    expect(ids(all).sort()).toEqual(ids(currentPages(key)).sort());
  });

  it('gives bodies, versions and spaces when expanded', async () => {
    const key = openSpace(session.emulator).key;
    const { items } = await session.client.search.cql(`type=page AND space=${key}`, { limit: 5, expand: { body: 'storage', version: true, space: true } });
    expect(items).toHaveLength(5);
    for (const hit of items) {
      const version = latest(hit.id);
      expect(hit.content?.body?.storage).toBe(version.body);
      expect(hit.content?.version.number).toBe(version.number);
      expect(hit.content?.spaceKey).toBe(key);
      expect(hit.content?.title).toBe(version.title);
    }
    const bare = await session.client.search.cql(`type=page AND space=${key}`, { limit: 5 });
    expect(bare.items.every((h) => h.content && h.content.body === undefined)).toBe(true);
  });

  it('asks for at most 50 with bodies and still pages through everything when limit is 100', async () => {
    const expected = currentPages();
    expect(expected.length).toBeGreaterThan(50);
    const { pages, hits, requests } = await walk((cursor) => session.client.search.cql('type=page', { limit: 100, cursor, expand: { body: 'storage' } }));
    expect(pages.map((p) => p.items.length)).toEqual([50, expected.length - 50]);
    expect(requests.map((r) => new URL(r.url, session.emulator.url).searchParams.get('limit'))).toEqual(['50', '50']);
    expect(new Set(ids(hits)).size).toBe(hits.length);
    expect(ids(hits).sort()).toEqual(ids(expected).sort());
    expect(hits.every((h) => typeof h.content?.body?.storage === 'string')).toBe(true);
  });

  it('reports a query Confluence cannot parse as BadRequestError with its message', async () => {
    const error: unknown = await session.client.search.cql('type = page AND (space = ', { limit: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).status).toBe(400);
    expect((error as BadRequestError).serverMessage).toMatch(/Could not parse cql/);
    expect((error as BadRequestError).message).toContain((error as BadRequestError).serverMessage);
    await expect(session.client.search.cql('   ')).rejects.toThrow(TypeError);
  });

  it('leaves out what the caller may not see', async () => {
    const open = openSpace(session.emulator);
    const restricted = must(currentPages(open.key).find((p) => p.restrictions.read), 'read-restricted page');
    expect(restricted.restrictions.read).toEqual([session.control.user('alice').accountId]);
    const carol = session.clientFor('carol');
    const query = `type=page AND space=${open.key}`;
    const forAlice = ids(await collect(session.client.search.iterate(query), 500));
    const forCarol = ids(await collect(carol.search.iterate(query), 500));
    expect(forAlice).toContain(restricted.id);
    expect(forCarol).not.toContain(restricted.id);
    expect(forCarol.length).toBe(forAlice.length - 1);
    const hidden = must([...world().spaces.values()].find((s) => s.permissions.read !== '*'), 'space carol cannot read');
    expect(await carol.search.cql(`space=${hidden.key}`)).toEqual(expect.objectContaining({ items: [], total: 0 }));
  });

  it('returns full pages from content search, page by page', async () => {
    const key = openSpace(session.emulator).key;
    const expected = currentPages(key);
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await session.client.search.contentSearch(`type=page AND space=${key}`, { limit: 7, cursor, bodyFormat: 'storage' });
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 20);
    const all = pages.flatMap((p) => p.items);
    expect(ids(all).sort()).toEqual(ids(expected).sort());
    const sample = all[0];
    const source = session.control.page(sample.id);
    expect(sample).toEqual(expect.objectContaining({ title: latest(sample.id).title, spaceKey: key, parentId: source.parentId, body: expect.objectContaining({ storage: latest(sample.id).body }) }));
    expect(sample.version.number).toBe(latest(sample.id).number);
  });
});
