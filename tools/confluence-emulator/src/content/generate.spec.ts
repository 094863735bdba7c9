import { currentVersion, Page, World } from '../model';
import { FIRST_ID, generateWorld } from './generate';
import { WELL_KNOWN_USERS } from './index';
import { escapeXml } from './markup';
import { blogCount } from './plan';

const NOW = '2026-01-15T12:00:00.000Z';
const small = generateWorld({ spaces: 2, pagesPerSpace: 50, seed: 1 });
const medium = generateWorld({ spaces: 3, pagesPerSpace: 300, seed: 7 });

const pagesOf = (w: World, spaceId?: string): Page[] => [...w.pages.values()].filter((p) => !spaceId || p.spaceId === spaceId);
const title = (p: Page): string => currentVersion(p).title;
const depthOf = (w: World, p: Page): number => {
  let d = 0;
  for (let q: Page | undefined = p; q?.parentId; q = w.pages.get(q.parentId)) {
    if (++d > 100) throw new Error(`cycle at page ${p.id}`);
  }
  return d;
};

describe('generateWorld: determinism', () => {
  it('gives deep-equal worlds for the same options', () => {
    expect(generateWorld({ spaces: 2, pagesPerSpace: 50, seed: 1 })).toEqual(small);
  });

  it('gives different content for a different seed, with the same well-known users', () => {
    const other = generateWorld({ spaces: 2, pagesPerSpace: 50, seed: 2 });
    expect(pagesOf(other).map(title)).not.toEqual(pagesOf(small).map(title));
    expect(pagesOf(other).map((p) => currentVersion(p).body)).not.toEqual(pagesOf(small).map((p) => currentVersion(p).body));
    expect([...other.users.keys()]).toEqual([...small.users.keys()]);
  });
});

describe('generateWorld: counts and ids', () => {
  it('creates the requested users, spaces and pages (blog posts included)', () => {
    expect(medium.users.size).toBe(4);
    expect([...medium.spaces.values()].map((s) => s.key)).toEqual(['ENG', 'OPS', 'DOCS']);
    for (const space of medium.spaces.values()) {
      const pages = pagesOf(medium, space.id);
      expect(pages).toHaveLength(300);
      expect(pages.filter((p) => p.type === 'blogpost')).toHaveLength(blogCount(300));
      expect(blogCount(300)).toBe(15);
    }
    const five = generateWorld({ spaces: 6, pagesPerSpace: 1, seed: 3, users: 12 });
    expect([...five.spaces.values()].map((s) => s.key)).toEqual(['ENG', 'OPS', 'DOCS', 'HR', 'S5', 'S6']);
    expect([...five.users.values()].map((u) => u.username).slice(9)).toEqual(['judy', 'user11', 'user12']);
  });

  it('uses one ascending numeric id sequence, with maps in id order', () => {
    const ids = [
      ...[...medium.spaces.keys()],
      ...[...medium.pages.keys()],
      ...[...medium.comments.keys()],
      ...[...medium.attachments.keys()].map((id) => id.replace(/^att/, '')),
    ].map(Number);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBe(FIRST_ID);
    expect(medium.nextId).toBe(Math.max(...ids) + 1);
    for (const map of [medium.spaces, medium.pages, medium.comments]) {
      const keys = [...map.keys()].map(Number);
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
    }
    for (const [key, value] of medium.pages) expect(value.id).toBe(key);
    expect([...medium.attachments.keys()].every((id) => /^att\d+$/.test(id))).toBe(true);
  });

  it('rejects nonsense options', () => {
    expect(() => generateWorld({ spaces: -1, pagesPerSpace: 1, seed: 1 })).toThrow(RangeError);
    expect(() => generateWorld({ spaces: 1, pagesPerSpace: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateWorld({ spaces: 1, pagesPerSpace: 1, seed: 1, now: 'yesterday' })).toThrow(RangeError);
  });
});

describe('generateWorld: users and permissions', () => {
  it('has the well-known users with their credentials', () => {
    const alice = [...small.users.values()][0];
    expect(alice).toMatchObject({
      username: 'alice', email: 'alice@example.com', displayName: 'Alice Example', apiToken: 'token-alice',
      scopedApiToken: 'scoped-alice', password: 'password-alice', personalAccessToken: 'pat-alice',
    });
    expect([...small.users.values()].map((u) => u.username)).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect([...small.users.values()]).toEqual(WELL_KNOWN_USERS.slice(0, 4));
    for (const [id, u] of small.users) {
      expect(id).toBe(u.accountId);
      expect(u.accountId).toMatch(/^[0-9a-f]{24}$/);
      expect(u.timeZone).toMatch(/^[A-Z][a-z]+\/[A-Za-z_]+$/);
    }
  });

  it('lets only alice and bob see the last space', () => {
    const [alice, bob] = WELL_KNOWN_USERS;
    const spaces = [...medium.spaces.values()];
    expect(spaces.slice(0, -1).map((s) => s.permissions)).toEqual([{ read: '*', write: '*' }, { read: '*', write: '*' }]);
    expect(spaces[2].permissions).toEqual({ read: [alice.accountId, bob.accountId], write: [alice.accountId, bob.accountId] });
    const authors = new Set(pagesOf(medium, spaces[2].id).flatMap((p) => [p.authorId, p.ownerId, ...p.versions.map((v) => v.authorId)]));
    expect([...authors].sort()).toEqual([alice.accountId, bob.accountId].sort());
    expect([...generateWorld({ spaces: 1, pagesPerSpace: 5, seed: 1 }).spaces.values()][0].permissions.read).toBe('*');
  });

  it('restricts one page per space to alice for reading and one for updating', () => {
    const alice = WELL_KNOWN_USERS[0].accountId;
    for (const space of medium.spaces.values()) {
      const pages = pagesOf(medium, space.id);
      const read = pages.filter((p) => p.restrictions.read);
      const update = pages.filter((p) => p.restrictions.update);
      expect(read.map((p) => p.restrictions)).toEqual([{ read: [alice] }]);
      expect(update.map((p) => p.restrictions)).toEqual([{ update: [alice] }]);
      expect(title(read[0])).toBe(`Security review: ${space.name} (restricted)`);
      expect(title(update[0])).toBe(`${space.name} release policy (locked)`);
      expect(read[0].id).not.toBe(space.homepageId);
    }
    const tiny = generateWorld({ spaces: 1, pagesPerSpace: 4, seed: 1 });
    expect(pagesOf(tiny).filter((p) => p.restrictions.read || p.restrictions.update)).toHaveLength(0);
  });
});

describe('generateWorld: page tree', () => {
  it('keeps titles unique within each space', () => {
    for (const space of medium.spaces.values()) {
      const titles = pagesOf(medium, space.id).map(title);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  it('roots every space at its home page, with blog posts outside the tree', () => {
    for (const space of medium.spaces.values()) {
      const home = medium.pages.get(space.homepageId ?? '');
      expect(home).toMatchObject({ type: 'page', parentId: null, spaceId: space.id });
      expect(title(home as Page)).toBe(`${space.name} Home`);
      const roots = pagesOf(medium, space.id).filter((p) => p.parentId === null);
      expect(roots.filter((p) => p.type === 'page')).toEqual([home]);
      expect(roots.filter((p) => p.type === 'blogpost')).toHaveLength(15);
    }
  });

  it('has valid parents, distinct sibling positions and realistic depth', () => {
    const siblings = new Map<string, number[]>();
    for (const p of pagesOf(medium)) {
      if (p.parentId === null) continue;
      const parent = medium.pages.get(p.parentId);
      expect(parent).toMatchObject({ spaceId: p.spaceId, type: 'page' });
      expect(Number(p.parentId)).toBeLessThan(Number(p.id));
      siblings.set(p.parentId, [...(siblings.get(p.parentId) ?? []), p.position]);
    }
    for (const positions of siblings.values()) expect([...positions].sort((a, b) => a - b)).toEqual(positions.map((_, i) => i));
    const depths = pagesOf(medium).map((p) => depthOf(medium, p));
    expect(Math.max(...depths)).toBeLessThanOrEqual(6);
    const two = generateWorld({ spaces: 1, pagesPerSpace: 200, seed: 11 });
    expect(Math.max(...pagesOf(two).map((p) => depthOf(two, p)))).toBeGreaterThanOrEqual(3);
    const homeChildren = pagesOf(two).filter((p) => p.parentId === pagesOf(two)[0].id).length;
    expect(homeChildren).toBeGreaterThanOrEqual(3);
  });
});

describe('generateWorld: versions and dates', () => {
  it('has 1-4 versions with ascending dates in the two years before now', () => {
    const now = Date.parse(NOW);
    const counts = new Set<number>();
    for (const p of pagesOf(medium)) {
      counts.add(p.versions.length);
      expect(p.versions.map((v) => v.number)).toEqual(p.versions.map((_, i) => i + 1));
      expect(p.createdAt).toBe(p.versions[0].createdAt);
      const times = p.versions.map((v) => Date.parse(v.createdAt));
      times.forEach((t, i) => i > 0 && expect(t).toBeGreaterThan(times[i - 1]));
      expect(times[0]).toBeGreaterThanOrEqual(now - 731 * 86_400_000);
      expect(times[times.length - 1]).toBeLessThanOrEqual(now);
    }
    expect([...counts].sort()).toEqual([1, 2, 3, 4]);
  });

  it('evolves bodies between versions and sometimes renames pages', () => {
    const multi = pagesOf(medium).filter((p) => p.versions.length > 1);
    expect(multi.filter((p) => p.versions[0].body !== currentVersion(p).body).length).toBeGreaterThan(multi.length * 0.8);
    expect(multi.filter((p) => p.versions[0].title !== title(p)).length).toBeGreaterThan(0);
  });

  it('follows a different "now"', () => {
    const w = generateWorld({ spaces: 1, pagesPerSpace: 30, seed: 1, now: '2020-06-01T00:00:00.000Z' });
    expect(pagesOf(w).every((p) => currentVersion(p).createdAt < '2020-06-01T00:00:00.001Z' && p.createdAt > '2018-05-01')).toBe(true);
  });
});

describe('generateWorld: labels, comments, attachments', () => {
  it('gives 0-3 labels per page with ids stable per name', () => {
    const idByName = new Map<string, string>();
    const counts = new Set<number>();
    for (const p of [...pagesOf(medium), ...pagesOf(small)]) {
      counts.add(p.labels.length);
      expect(new Set(p.labels.map((l) => l.name)).size).toBe(p.labels.length);
      for (const l of p.labels) {
        expect(l.id).toMatch(/^\d+$/);
        expect(idByName.get(l.name) ?? l.id).toBe(l.id);
        idByName.set(l.name, l.id);
      }
    }
    expect([...counts].sort()).toEqual([0, 1, 2, 3]);
    expect(new Set(idByName.values()).size).toBe(idByName.size);
  });

  it('puts footer comments on about 30% of pages, replies on the same page', () => {
    const commented = new Set([...medium.comments.values()].filter((c) => c.kind === 'footer').map((c) => c.pageId));
    expect(commented.size / medium.pages.size).toBeGreaterThan(0.2);
    expect(commented.size / medium.pages.size).toBeLessThan(0.4);
    const replies = [...medium.comments.values()].filter((c) => c.parentCommentId);
    expect(replies.length).toBeGreaterThan(10);
    for (const r of replies) {
      const parent = medium.comments.get(r.parentCommentId ?? '');
      expect(parent).toMatchObject({ pageId: r.pageId, kind: r.kind });
      expect(r.createdAt >= (parent?.createdAt ?? '')).toBe(true);
    }
  });

  it('anchors inline comments on markers in the current body', () => {
    const inline = [...small.comments.values()].filter((c) => c.kind === 'inline');
    expect(inline.length).toBeGreaterThan(0);
    for (const c of inline) {
      const body = currentVersion(small.pages.get(c.pageId) as Page).body;
      const { markerRef, textSelection } = c.inline ?? { markerRef: 'missing', textSelection: '' };
      expect(body).toContain(`<ac:inline-comment-marker ac:ref="${markerRef}">${escapeXml(textSelection)}</ac:inline-comment-marker>`);
    }
    const markers = [...pagesOf(small).map((p) => currentVersion(p).body).join('').matchAll(/ac:inline-comment-marker ac:ref="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(inline.map((c) => c.inline?.markerRef))).toEqual(new Set(markers));
  });

  it('attaches files to about 20% of pages, referenced by file name from the page body', () => {
    const withFiles = new Set([...medium.attachments.values()].map((a) => a.pageId));
    expect(withFiles.size / medium.pages.size).toBeGreaterThan(0.12);
    expect(withFiles.size / medium.pages.size).toBeLessThan(0.3);
    const types = new Set([...medium.attachments.values()].map((a) => a.mediaType));
    expect([...types].sort()).toEqual(['application/pdf', 'image/png', 'text/csv', 'text/markdown', 'text/plain']);
    for (const p of pagesOf(medium)) {
      const names = [...medium.attachments.values()].filter((a) => a.pageId === p.id).map((a) => a.title);
      expect(new Set(names).size).toBe(names.length);
      for (const m of currentVersion(p).body.matchAll(/<ri:attachment ri:filename="([^"]+)"/g)) expect(names).toContain(m[1]);
    }
  });
});

describe('generateWorld: references in bodies', () => {
  it('mentions real users and links to real page titles', () => {
    const titles = new Map<string, Set<string>>();
    for (const s of medium.spaces.values()) titles.set(s.key, new Set(pagesOf(medium, s.id).map(title)));
    const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    let links = 0;
    for (const p of pagesOf(medium)) {
      const own = (medium.spaces.get(p.spaceId) as { key: string }).key;
      const body = currentVersion(p).body;
      for (const m of body.matchAll(/ri:account-id="([^"]+)"/g)) expect(medium.users.has(m[1])).toBe(true);
      for (const m of body.matchAll(/<ri:page (?:ri:space-key="([^"]+)" )?ri:content-title="([^"]+)"/g)) {
        links++;
        expect(titles.get(m[1] ?? own)?.has(unescape(m[2]))).toBe(true);
        expect(m[1] === undefined && unescape(m[2]) === title(p)).toBe(false);
      }
    }
    expect(links).toBeGreaterThan(100);
  });
});

describe('generateWorld: scale', () => {
  it('builds 10,000 pages in one space', () => {
    const big = generateWorld({ spaces: 1, pagesPerSpace: 10_000, seed: 1 });
    expect(big.pages.size).toBe(10_000);
    const sizes = pagesOf(big).map((p) => currentVersion(p).body.length);
    const typical = sizes.filter((n) => n >= 1_000 && n <= 8_192).length;
    expect(typical / sizes.length).toBeGreaterThan(0.75);
    expect(sizes.filter((n) => n >= 30_000).length).toBeGreaterThan(20);
    expect(Math.max(...sizes)).toBeLessThan(100_000);
  });
});
