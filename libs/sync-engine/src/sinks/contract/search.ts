/**
 * Contract: the local index's search, whatever the database. Whatever a person types (search syntax, broken quotes,
 * NUL, 10 KB, emoji) it answers results or nothing and never throws; every word first, then any word; title above
 * text; space filter, limit and snippets; two indexes in one database keep their own chunks.
 */
import { Chunk, chunkId } from '../../documents/chunker';
import type { LocalSearchIndex } from '../../store/open-sync-store';

export const SITE = 'example.atlassian.net';

/** Makes local indexes in one fresh database; `close` releases it. */
export type SearchFactory = () => Promise<{ newIndex(name: string): Promise<LocalSearchIndex>; close(): Promise<void> }>;

/** A chunk of page `pageId` (chunk 0 unless `n`), with only what search reads. */
export function chunk(pageId: string, fields: { title: string; text: string; space?: string; heading?: string; n?: number }): Chunk {
  const n = fields.n ?? 0;
  const headingPath = fields.heading ? [fields.heading] : [];
  return {
    id: chunkId(SITE, pageId, n),
    pageId,
    text: fields.text,
    headingPath,
    metadata: {
      source: 'confluence',
      site: SITE,
      space_key: fields.space ?? 'ENG',
      space_name: fields.space ?? 'ENG',
      page_id: pageId,
      title: fields.title,
      url: `https://${SITE}/wiki/pages/${pageId}`,
      ancestors: [],
      labels: [],
      version: 1,
      created_at: '2024-01-01T00:00:00.000Z',
      updated_at: '2024-01-01T00:00:00.000Z',
      author: 'Alice',
      updated_by: 'Alice',
      heading_path: headingPath.join(' > '),
      chunk_index: n,
      chunk_count: 1,
    },
  };
}

/** Declares the search specs for the indexes `factory` makes. */
export function searchContract(factory: SearchFactory): void {
  let made: Awaited<ReturnType<SearchFactory>>;
  let local: LocalSearchIndex;
  beforeEach(async () => {
    made = await factory();
    local = await made.newIndex('docs');
    await local.upsert([
      chunk('1', { title: 'Quasar observation guide', text: 'How to point the telescope at distant objects at night.' }),
      chunk('2', { title: 'Telescope maintenance', text: 'Clean the mirror monthly. Distant objects such as a quasar need a clean mirror and dark skies to be seen.' }),
      chunk('3', { title: 'Zebra crossing rules', text: 'Pedestrians have right of way on a zebra crossing.', space: 'OPS', heading: 'Road safety' }),
      chunk('4', { title: 'Release notes', text: 'The widget now supports dark mode. 🎉 Also: NEAR, AND, OR and NOT are just words here.', space: 'OPS' }),
    ]);
  });
  afterEach(() => made.close());

  const pageIds = async (text: string, options?: Parameters<LocalSearchIndex['search']>[1]) => (await local.search(text, options)).map((hit) => hit.page_id);

  describe('search with hostile text', () => {
    const hostile: Array<[string, string]> = [
      ['an unbalanced quote', '"quasar'],
      ['quotes everywhere', '"""quasar" "" "'],
      ['search operators', 'AND OR NEAR( NOT'],
      ['web search operators', 'quasar or -telescope "dark skies'],
      ['tsquery syntax', "quasar & !telescope | (zebra <-> crossing) 'x':* "],
      ['a NEAR group', 'NEAR(quasar telescope, 2)'],
      ['a prefix star', 'quas*'],
      ['a lone star', '*'],
      ['an initial-token caret', '^quasar'],
      ['a column filter', 'title:quasar'],
      ['a column set filter', '{title text}: quasar'],
      ['a minus', '-'],
      ['a negated column', '- title:zebra'],
      ['NUL characters', 'qua\u0000sar \u0000 zebra\u0000'],
      ['only NUL', '\u0000\u0000'],
      ['10 KB of text', 'quasar telescope mirror '.repeat(420)],
      ['10 KB of distinct words', Array.from({ length: 1500 }, (_, n) => `w${n}x`).join(' ')],
      ['emoji', '🎉🔭 quasar 🦓'],
      ['only emoji', '🎉🔭🦓'],
      ['unicode letters', 'Ünïcödé Ωμέγα 東京 quasar'],
      ['only punctuation', '!!! ??? ... ;;; ((( ))) ::: ,,, \'\' "" ** ^^ -- ++'],
      ['an empty string', ''],
      ['whitespace', ' \t\n\r '],
      ['SQL', "'; DROP TABLE local_chunks; --"],
      ['SQL with dollar quotes', "$$; DELETE FROM local_chunks; $$ quasar"],
      ['backslashes', '\\\\ \\" \\x00 quasar\\'],
      ['a lone surrogate', '\ud800quasar\udc00'],
      ['parentheses', '((quasar) OR (zebra'],
      ['a trailing colon', 'quasar:'],
      ['only stop words', 'the and of'],
    ];

    it.each(hostile)('%s: results or nothing, never an error', async (_name, text) => {
      const hits = await local.search(text);
      expect(Array.isArray(hits)).toBe(true);
      for (const hit of hits) expect(['1', '2', '3', '4']).toContain(hit.page_id);
      // Nothing the text said was carried out: every chunk is still there and still searchable.
      expect(await local.chunks()).toHaveLength(4);
      expect(await pageIds('zebra')).toEqual(['3']);
    });

    it('reads the words out of the syntax: operators, filters and quotes find what the words find', async () => {
      const sorted = async (text: string) => (await pageIds(text)).sort();
      expect(await sorted('"quasar')).toEqual(['1', '2']);
      expect(await sorted('title:zebra')).toEqual(['3']);
      expect(await sorted('{title text}: zebra')).toEqual(['3']);
      expect(await sorted('(zebra)')).toEqual(['3']);
      expect(await sorted('- zebra')).toEqual(['3']);
      expect(await sorted('zebra*')).toEqual(['3']);
      expect(await sorted('🦓 zebra 🎉')).toEqual(['3']);
      expect(await sorted('zebra\u0000')).toEqual(['3']);
      // A minus is no negation: the word is searched.
      expect(await sorted('-zebra')).toEqual(['3']);
      expect(await sorted('quasar -telescope')).toEqual(['1', '2']);
      // "near" is a word of page 4, not an operator.
      expect(await sorted('NEAR')).toEqual(['4']);
    });

    it('text without words finds nothing', async () => {
      for (const text of ['', '   ', '***', '🎉🔭', '\u0000', '"()":^-']) expect(await local.search(text)).toEqual([]);
    });
  });

  describe('search results', () => {
    it('ranks a title match above a match in the text only', async () => {
      // BM25 weighs rare words: in a corpus of four, a word on two pages would weigh nothing.
      await local.upsert(Array.from({ length: 20 }, (_, n) => chunk(`filler${n}`, { title: `Filler ${n}`, text: 'Nothing to see here.' })));
      expect(await pageIds('quasar')).toEqual(['1', '2']);
      const [first, second] = await local.search('quasar');
      expect(first.score).toBeGreaterThan(second.score);
    });

    it('ranks a heading match between a title match and a text match', async () => {
      await local.upsert([
        chunk('h1', { title: 'Pelican care', text: 'Feeding schedule.' }),
        chunk('h2', { title: 'Birds', text: 'Feeding schedule.', heading: 'Pelican' }),
        chunk('h3', { title: 'Birds again', text: 'A pelican eats fish.' }),
        ...Array.from({ length: 20 }, (_, n) => chunk(`filler${n}`, { title: `Filler ${n}`, text: 'Nothing to see here.' })),
      ]);
      expect(await pageIds('pelican')).toEqual(['h1', 'h2', 'h3']);
    });

    it('finds pages with every word first, and with any word when none has them all', async () => {
      expect(await pageIds('distant mirror')).toEqual(['2']);
      expect((await pageIds('zebra telescope')).sort()).toEqual(['1', '2', '3']);
    });

    it('stems English words', async () => {
      expect(await pageIds('observing')).toEqual(['1']);
    });

    it('matches letters beyond ASCII, ignoring case', async () => {
      await local.upsert([chunk('u1', { title: 'Übersicht der Straße', text: 'Ωμέγα café naïve 東京' })]);
      expect(await pageIds('übersicht')).toEqual(['u1']);
      expect(await pageIds('ΩΜΈΓΑ')).toEqual(['u1']);
      expect(await pageIds('CAFÉ')).toEqual(['u1']);
    });

    it('keeps to the spaces asked for', async () => {
      expect(await pageIds('dark', { spaces: ['OPS'] })).toEqual(['4']);
      expect(await pageIds('dark', { spaces: ['ENG'] })).toEqual(['2']);
      expect(await pageIds('dark', { spaces: ['NONE'] })).toEqual([]);
      expect((await pageIds('dark', { spaces: [] })).sort()).toEqual(['2', '4']);
      expect((await pageIds('dark', { spaces: ['OPS', 'ENG'] })).sort()).toEqual(['2', '4']);
      expect(await pageIds('dark', { spaces: ["OPS' OR '1'='1", '"ENG"'] })).toEqual([]);
    });

    it('clamps the limit to 1..100 and takes whole numbers', async () => {
      await local.upsert(Array.from({ length: 130 }, (_, n) => chunk(`p${n}`, { title: `Common page ${n}`, text: 'A shared word: lantern.' })));
      expect(await local.search('lantern', { limit: 1000 })).toHaveLength(100);
      expect(await local.search('lantern', { limit: 0 })).toHaveLength(1);
      expect(await local.search('lantern', { limit: -5 })).toHaveLength(1);
      expect(await local.search('lantern', { limit: 2.9 })).toHaveLength(2);
      expect(await local.search('lantern')).toHaveLength(10);
      expect(await local.search('lantern', { limit: Number.NaN })).toHaveLength(10);
      expect(await local.search('lantern', { limit: Number.POSITIVE_INFINITY })).toHaveLength(100);
    });

    it('marks the matching words of the snippet with [ and ], and says where the hit is', async () => {
      const [hit] = await local.search('pedestrians');
      expect(hit.snippet).toContain('[Pedestrians]');
      expect(hit).toMatchObject({ chunk_id: chunkId(SITE, '3', 0), page_id: '3', space_key: 'OPS', title: 'Zebra crossing rules', heading_path: 'Road safety', url: `https://${SITE}/wiki/pages/3` });
      expect((await local.search('quasar'))[1].snippet).toMatch(/\[quasar\]/);
    });

    it('forgets deleted chunks and finds replaced text', async () => {
      await local.delete([chunkId(SITE, '3', 0)]);
      expect(await local.search('zebra')).toEqual([]);
      await local.upsert([chunk('4', { title: 'Release notes', text: 'Now about giraffes.', space: 'OPS' })]);
      expect(await pageIds('giraffes')).toEqual(['4']);
      expect(await local.search('widget')).toEqual([]);
      await local.delete([]);
      await local.delete(['never-written', chunkId(SITE, '3', 0)]);
      expect(await local.chunks()).toHaveLength(3);
    });

    it('stores text with NUL characters and finds its words', async () => {
      await local.upsert([chunk('n1', { title: 'Nul\u0000 page', text: 'A wombat\u0000 hides here.', heading: 'Sec\u0000tion' })]);
      expect(await pageIds('wombat')).toEqual(['n1']);
    });

    it('writes the same chunk id twice in one batch as its last version', async () => {
      await local.upsert([chunk('d1', { title: 'First', text: 'Version one: otters.' }), chunk('d1', { title: 'Second', text: 'Version two: beavers.' })]);
      expect(await pageIds('otters')).toEqual([]);
      expect((await local.search('beavers'))[0]).toMatchObject({ page_id: 'd1', title: 'Second' });
    });
  });

  describe('two local indexes in one database', () => {
    it('each keeps its own chunks of the same pages: writing or deleting in one leaves the other alone', async () => {
      const second = await made.newIndex('docs-again');
      await second.upsert([chunk('1', { title: 'Quasar observation guide', text: 'A second copy about quasars.' })]);
      expect((await local.chunks()).map((c) => c.page_id)).toEqual(['1', '2', '3', '4']);
      expect(await pageIds('quasar')).toEqual(['1', '2']);
      expect((await second.search('quasar')).map((hit) => hit.page_id)).toEqual(['1']);

      await second.delete([chunkId(SITE, '1', 0)]);
      expect(await second.chunks()).toEqual([]);
      expect((await local.chunks()).map((c) => c.page_id)).toEqual(['1', '2', '3', '4']);
      expect((await local.pages()).map((p) => p.page_id)).toEqual(['1', '4', '2', '3']);
    });
  });
}
