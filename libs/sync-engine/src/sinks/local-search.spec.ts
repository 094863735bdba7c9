/**
 * The local index's search, on the real migrations: whatever a person types (FTS5 syntax, broken quotes, NUL,
 * megabytes, emoji) it answers results or nothing and never throws; ranking, space filter, limit and snippets; and
 * two indexes in one database keep their own chunks.
 */
import { Chunk, chunkId } from '../documents/chunker';
import { openDatabase, SyncDatabase } from '../store/database';
import { SqliteSyncStore } from '../store/sqlite-store';
import { LocalIndex } from './local-sink';

const SITE = 'example.atlassian.net';

/** A chunk of page `pageId` (chunk 0 unless `n`), with only what search reads. */
function chunk(pageId: string, fields: { title: string; text: string; space?: string; heading?: string; n?: number }): Chunk {
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

let db: SyncDatabase;
let store: SqliteSyncStore;
let local: LocalIndex;
beforeEach(async () => {
  db = openDatabase({ url: ':memory:' });
  store = new SqliteSyncStore(db);
  const index = await store.createIndex({ name: 'docs', siteUrl: `https://${SITE}/wiki`, spaces: ['ENG', 'OPS'], destination: 'local' });
  local = new LocalIndex(db, index.id);
  await local.upsert([
    chunk('1', { title: 'Quasar observation guide', text: 'How to point the telescope at distant objects at night.' }),
    chunk('2', { title: 'Telescope maintenance', text: 'Clean the mirror monthly. Distant objects such as a quasar need a clean mirror and dark skies to be seen.' }),
    chunk('3', { title: 'Zebra crossing rules', text: 'Pedestrians have right of way on a zebra crossing.', space: 'OPS', heading: 'Road safety' }),
    chunk('4', { title: 'Release notes', text: 'The widget now supports dark mode. 🎉 Also: NEAR, AND, OR and NOT are just words here.', space: 'OPS' }),
  ]);
});
afterEach(() => store.close());

describe('LocalIndex.search with hostile text', () => {
  const hostile: Array<[string, string]> = [
    ['an unbalanced quote', '"quasar'],
    ['quotes everywhere', '"""quasar" "" "'],
    ['FTS5 operators', 'AND OR NEAR( NOT'],
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
    ['emoji', '🎉🔭 quasar 🦓'],
    ['only emoji', '🎉🔭🦓'],
    ['only punctuation', '!!! ??? ... ;;; ((( ))) ::: ,,, \'\' "" ** ^^ -- ++'],
    ['an empty string', ''],
    ['whitespace', ' \t\n\r '],
    ['SQL', "'; DROP TABLE local_chunks; --"],
    ['a lone surrogate', '\ud800quasar\udc00'],
    ['parentheses', '((quasar) OR (zebra'],
    ['a trailing colon', 'quasar:'],
  ];

  it.each(hostile)('%s: results or nothing, never an error', (_name, text) => {
    const hits = local.search(text);
    expect(Array.isArray(hits)).toBe(true);
    for (const hit of hits) expect(['1', '2', '3', '4']).toContain(hit.page_id);
    // Nothing the text said was carried out: every chunk is still there and still searchable.
    expect(local.chunks()).toHaveLength(4);
    expect(local.search('zebra').map((hit) => hit.page_id)).toEqual(['3']);
  });

  it('reads the words out of the syntax: operators, filters and quotes find what the words find', () => {
    const pages = (text: string) => local.search(text).map((hit) => hit.page_id).sort();
    expect(pages('"quasar')).toEqual(['1', '2']);
    expect(pages('title:zebra')).toEqual(['3']);
    expect(pages('{title text}: zebra')).toEqual(['3']);
    expect(pages('(zebra)')).toEqual(['3']);
    expect(pages('- zebra')).toEqual(['3']);
    expect(pages('zebra*')).toEqual(['3']);
    expect(pages('🦓 zebra 🎉')).toEqual(['3']);
    expect(pages('zebra\u0000')).toEqual(['3']);
    // "near" is a word of page 4, not an operator.
    expect(pages('NEAR')).toEqual(['4']);
  });

  it('text without words finds nothing', () => {
    for (const text of ['', '   ', '***', '🎉🔭', '\u0000', '"()":^-']) expect(local.search(text)).toEqual([]);
  });
});

describe('LocalIndex.search results', () => {
  it('ranks a title match above a match in the text only', async () => {
    // BM25 weighs rare words: in a corpus of four, a word on two pages would weigh nothing.
    await local.upsert(Array.from({ length: 20 }, (_, n) => chunk(`filler${n}`, { title: `Filler ${n}`, text: 'Nothing to see here.' })));
    expect(local.search('quasar').map((hit) => hit.page_id)).toEqual(['1', '2']);
    const [first, second] = local.search('quasar');
    expect(first.score).toBeGreaterThan(second.score);
  });

  it('finds pages with every word first, and with any word when none has them all', () => {
    expect(local.search('distant mirror').map((hit) => hit.page_id)).toEqual(['2']);
    expect(local.search('zebra telescope').map((hit) => hit.page_id).sort()).toEqual(['1', '2', '3']);
  });

  it('stems English words (porter)', () => {
    expect(local.search('observing').map((hit) => hit.page_id)).toEqual(['1']);
  });

  it('keeps to the spaces asked for', () => {
    expect(local.search('dark', { spaces: ['OPS'] }).map((hit) => hit.page_id)).toEqual(['4']);
    expect(local.search('dark', { spaces: ['ENG'] }).map((hit) => hit.page_id)).toEqual(['2']);
    expect(local.search('dark', { spaces: ['NONE'] })).toEqual([]);
    expect(local.search('dark', { spaces: [] }).map((hit) => hit.page_id).sort()).toEqual(['2', '4']);
  });

  it('clamps the limit to 1..100 and takes whole numbers', async () => {
    await local.upsert(Array.from({ length: 130 }, (_, n) => chunk(`p${n}`, { title: `Common page ${n}`, text: 'A shared word: lantern.' })));
    expect(local.search('lantern', { limit: 1000 })).toHaveLength(100);
    expect(local.search('lantern', { limit: 0 })).toHaveLength(1);
    expect(local.search('lantern', { limit: -5 })).toHaveLength(1);
    expect(local.search('lantern', { limit: 2.9 })).toHaveLength(2);
    expect(local.search('lantern')).toHaveLength(10);
    expect(local.search('lantern', { limit: Number.NaN })).toHaveLength(10);
    expect(local.search('lantern', { limit: Number.POSITIVE_INFINITY })).toHaveLength(100);
  });

  it('marks the matching words of the snippet with [ and ], and says where the hit is', () => {
    const [hit] = local.search('pedestrians');
    expect(hit.snippet).toContain('[Pedestrians]');
    expect(hit).toMatchObject({ chunk_id: chunkId(SITE, '3', 0), page_id: '3', space_key: 'OPS', title: 'Zebra crossing rules', heading_path: 'Road safety', url: `https://${SITE}/wiki/pages/3` });
    expect(local.search('quasar')[1].snippet).toMatch(/\[quasar\]/);
  });

  it('forgets deleted chunks and finds replaced text', async () => {
    await local.delete([chunkId(SITE, '3', 0)]);
    expect(local.search('zebra')).toEqual([]);
    await local.upsert([chunk('4', { title: 'Release notes', text: 'Now about giraffes.', space: 'OPS' })]);
    expect(local.search('giraffes').map((hit) => hit.page_id)).toEqual(['4']);
    expect(local.search('widget')).toEqual([]);
  });
});

describe('two local indexes in one database', () => {
  it('each keeps its own chunks of the same pages: writing or deleting in one leaves the other alone', async () => {
    const other = await store.createIndex({ name: 'docs-again', siteUrl: `https://${SITE}/wiki`, spaces: ['ENG'], destination: 'local' });
    const second = new LocalIndex(db, other.id);
    await second.upsert([chunk('1', { title: 'Quasar observation guide', text: 'A second copy about quasars.' })]);
    expect(local.chunks().map((c) => c.page_id)).toEqual(['1', '2', '3', '4']);
    expect(local.search('quasar').map((hit) => hit.page_id)).toEqual(['1', '2']);
    expect(second.search('quasar').map((hit) => hit.page_id)).toEqual(['1']);

    await second.delete([chunkId(SITE, '1', 0)]);
    expect(second.chunks()).toEqual([]);
    expect(local.chunks().map((c) => c.page_id)).toEqual(['1', '2', '3', '4']);
    expect(local.pages().map((p) => p.page_id)).toEqual(['1', '4', '2', '3']);
  });
});
