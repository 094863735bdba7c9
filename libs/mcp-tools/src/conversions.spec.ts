import { storageToMarkdown } from '@confluence-mcp/confluence-markdown';
import type { UserResolver } from '@confluence-mcp/confluence-markdown';
import { ConversionCache } from './conversions';

/** A page body long enough to be cached, mentioning `accountId` when given. */
function page(text: string, accountId?: string): string {
  const mention = accountId ? `<p>Owner: <ac:link><ri:user ri:account-id="${accountId}"/></ac:link></p>` : '';
  return `<h1>${text}</h1>${mention}<p>${'Lorem ipsum dolor sit amet. '.repeat(20)}</p><ac:structured-macro ac:name="toc"/>`;
}

const names = (map: Record<string, string>): UserResolver => (id) => map[id];

describe('ConversionCache', () => {
  it('answers exactly what storageToMarkdown answers, converted once for the same input', () => {
    const cache = new ConversionCache();
    const storage = page('Release plan');
    const expected = storageToMarkdown(storage, { spaceKey: 'ENG' });
    expect(cache.convert(storage, { spaceKey: 'ENG' })).toEqual(expected);
    expect(cache.convert(storage, { spaceKey: 'ENG' })).toEqual(expected);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('converts again when the storage changes (a new version of the page)', () => {
    const cache = new ConversionCache();
    cache.convert(page('Version 1'), { spaceKey: 'ENG' });
    const second = cache.convert(page('Version 2'), { spaceKey: 'ENG' });
    expect(second.markdown).toContain('Version 2');
    expect(cache.stats).toMatchObject({ hits: 0, misses: 2 });
  });

  it('keys on the space key and on whether names are resolved: each changes the output', () => {
    const cache = new ConversionCache();
    const storage = `${page('Links')}<p><ac:link><ri:page ri:space-key="ENG" ri:content-title="Home"/></ac:link></p>`;
    const inEng = cache.convert(storage, { spaceKey: 'ENG' });
    const inOps = cache.convert(storage, { spaceKey: 'OPS' });
    expect(inOps).toEqual(storageToMarkdown(storage, { spaceKey: 'OPS' }));
    expect(inOps.markdown).not.toBe(inEng.markdown);
    const withIds = cache.convert(page('Owner', '42'), { spaceKey: 'ENG' });
    const withNames = cache.convert(page('Owner', '42'), { spaceKey: 'ENG', resolveUser: names({ '42': 'Ada Lovelace' }) });
    expect(withIds.markdown).not.toContain('Ada Lovelace');
    expect(withNames.markdown).toContain('Ada Lovelace');
    expect(cache.stats.hits).toBe(0);
  });

  it("never serves a conversion built with other users' names: the caller's resolver is asked again", () => {
    const cache = new ConversionCache();
    const storage = page('Owner', '42');
    const alice = cache.convert(storage, { resolveUser: names({ '42': 'Ada Lovelace' }) });
    // Another caller whose Confluence shows the same user under another name (or not at all).
    const bob = cache.convert(storage, { resolveUser: names({ '42': 'A. Lovelace' }) });
    const carol = cache.convert(storage, { resolveUser: names({}) });
    expect(alice.markdown).toContain('@Ada Lovelace');
    expect(bob.markdown).toContain('@A. Lovelace');
    expect(bob.markdown).not.toContain('Ada Lovelace');
    expect(carol).toEqual(storageToMarkdown(storage, { resolveUser: names({}) }));
    expect(carol.warnings.map((w) => w.kind)).toContain('unresolved-link');
    // The same answers as the last conversion: served from the cache (one entry per input: the last one built).
    expect(cache.convert(storage, { resolveUser: names({}) })).toEqual(carol);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 3 });
  });

  it('hands out copies: a caller changing its warnings does not change the next answer', () => {
    const cache = new ConversionCache();
    const storage = page('Warnings');
    const first = cache.convert(storage);
    expect(first.warnings.length).toBeGreaterThan(0);
    first.warnings[0].count = 999;
    first.warnings.push({ kind: 'unknown-element', message: 'added by a caller', count: 1 });
    expect(cache.convert(storage)).toEqual(storageToMarkdown(storage));
  });

  it('stays within its byte bound, dropping the least recently used first', () => {
    const one = new ConversionCache();
    one.convert(page('Sizing'));
    const entryBytes = one.stats.bytes;
    const cache = new ConversionCache(entryBytes * 3.5);
    const storages = ['A', 'B', 'C', 'D'].map((t) => page(`Sizing ${t}`.slice(0, 8)));
    cache.convert(storages[0]);
    cache.convert(storages[1]);
    cache.convert(storages[2]);
    cache.convert(storages[0]); // A is now the most recently used; B the least
    cache.convert(storages[3]); // over the bound: B goes
    expect(cache.stats.entries).toBe(3);
    expect(cache.stats.bytes).toBeLessThanOrEqual(entryBytes * 3.5);
    const before = cache.stats.misses;
    cache.convert(storages[0]);
    cache.convert(storages[2]);
    cache.convert(storages[3]);
    expect(cache.stats.misses).toBe(before);
    cache.convert(storages[1]);
    expect(cache.stats.misses).toBe(before + 1);
  });

  it('keeps nothing larger than its whole bound, and nothing at all when off', () => {
    const tiny = new ConversionCache(1024);
    tiny.convert(page('Too big for the cache'));
    expect(tiny.stats).toMatchObject({ entries: 0, bytes: 0 });
    const off = new ConversionCache(0);
    const storage = page('Off');
    expect(off.convert(storage)).toEqual(storageToMarkdown(storage));
    expect(off.convert(storage)).toEqual(storageToMarkdown(storage));
    expect(off.stats).toMatchObject({ hits: 0, entries: 0 });
  });
});
