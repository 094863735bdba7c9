/** Change detection alone: what a listing says against what the store records. */
import type { SyncedPage } from '../store/types';
import { ListedPage, ancestryOf, diffPages } from './diff';

const listed = (id: string, extra: Partial<ListedPage> = {}): ListedPage => ({ id, spaceKey: 'ENG', title: `Page ${id}`, version: 2, parentId: null, position: null, ancestry: '', ...extra });
const recorded = (id: string, extra: Partial<SyncedPage> = {}): SyncedPage => ({
  pageId: id,
  spaceKey: 'ENG',
  version: 2,
  parentId: null,
  position: null,
  title: `Page ${id}`,
  ancestry: '',
  contentHash: 'h',
  chunkIds: [`c${id}`],
  pendingChunkIds: null,
  syncedAt: 0,
  ...extra,
});
const ids = (pages: Array<{ id: string } | { pageId: string }>) => pages.map((p) => ('id' in p ? p.id : p.pageId));

describe('diffPages', () => {
  it('sorts pages into new, changed, unchanged and gone, keeping the listing order', () => {
    const diff = diffPages([listed('3'), listed('1'), listed('2', { version: 3 }), listed('5')], [recorded('1'), recorded('2'), recorded('4')]);
    expect(ids(diff.new)).toEqual(['3', '5']);
    expect(ids(diff.changed)).toEqual(['2']);
    expect(ids(diff.unchanged)).toEqual(['1']);
    expect(ids(diff.gone)).toEqual(['4']);
  });

  it.each<[string, Partial<ListedPage>]>([
    ['a new version', { version: 3 }],
    ['an older version (a restored page)', { version: 1 }],
    ['a rename without a version (title differs)', { title: 'Renamed' }],
    ['a move (parent differs)', { parentId: '9' }],
    ['a reorder (position differs)', { position: 4 }],
    ['a change above the page (ancestry differs)', { ancestry: 'Home / Renamed parent' }],
    ['a move to another synced space', { spaceKey: 'OPS' }],
  ])('counts %s as changed', (_name, change) => {
    const diff = diffPages([listed('1', change)], [recorded('1')]);
    expect(ids(diff.changed)).toEqual(['1']);
    expect(diff.unchanged).toEqual([]);
  });

  it('counts an interrupted write (pending chunk ids left) as changed, even when nothing else differs', () => {
    const diff = diffPages([listed('1')], [recorded('1', { pendingChunkIds: ['c1', 'c1b'] })]);
    expect(ids(diff.changed)).toEqual(['1']);
  });

  it('counts a page whose first write never committed (version 0) as new, and as gone when it is no longer listed', () => {
    const pending = recorded('1', { version: 0, chunkIds: [], pendingChunkIds: ['c1'] });
    expect(ids(diffPages([listed('1')], [pending]).new)).toEqual(['1']);
    expect(diffPages([], [pending]).gone).toEqual([pending]);
  });

  it('lists a page once even when the listing repeats it (a page moved while the listing ran)', () => {
    const diff = diffPages([listed('1'), listed('2'), listed('1', { version: 9 })], []);
    expect(ids(diff.new)).toEqual(['1', '2']);
  });

  it('returns everything as gone for an empty listing, and everything as new for an empty store', () => {
    expect(ids(diffPages([], [recorded('1'), recorded('2')]).gone)).toEqual(['1', '2']);
    expect(ids(diffPages([listed('1'), listed('2')], []).new)).toEqual(['1', '2']);
  });
});

describe('ancestryOf', () => {
  const pages = (entries: Array<[string, string | null]>) => new Map(entries.map(([id, parentId]) => [id, { title: `T${id}`, parentId }]));

  it('gives each page the titles above it, top first', () => {
    const chains = ancestryOf(pages([['1', null], ['2', '1'], ['3', '2'], ['4', '1']]));
    expect(Object.fromEntries(chains)).toEqual({ '1': [], '2': ['T1'], '3': ['T1', 'T2'], '4': ['T1'] });
  });

  it('ends a chain at a parent outside the listing (another space, or not visible)', () => {
    const chains = ancestryOf(pages([['2', 'hidden'], ['3', '2']]));
    expect(chains.get('2')).toEqual([]);
    expect(chains.get('3')).toEqual(['T2']);
  });

  it('does not depend on the order of the listing', () => {
    const forward = ancestryOf(pages([['1', null], ['2', '1'], ['3', '2']]));
    const backward = ancestryOf(pages([['3', '2'], ['2', '1'], ['1', null]]));
    expect(Object.fromEntries(backward)).toEqual(Object.fromEntries(forward));
  });

  it('ends a parent cycle (bad data) without repeating a page in any chain', () => {
    const chains = ancestryOf(pages([['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'c']]));
    for (const [id, chain] of chains) {
      expect(chain.length).toBeLessThanOrEqual(3);
      expect(new Set(chain).size).toBe(chain.length);
      expect(chain).not.toContain(`T${id}`);
    }
  });

  it('follows a deep tree (300 levels) without a stack overflow', () => {
    const deep = pages(Array.from({ length: 300 }, (_, n): [string, string | null] => [String(n), n === 0 ? null : String(n - 1)]));
    expect(ancestryOf(deep).get('299')?.length).toBeGreaterThanOrEqual(200);
  });
});
