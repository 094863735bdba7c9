/**
 * Paging the same way on every list: `start` and `nextStart` where Confluence pages by offset (Data Center, and CQL
 * search on both flavours), refused by name on Cloud's cursor-only lists; `PAGE_LIMITS` as the bound and the
 * iterators' page size.
 */
import { InvalidArgumentError } from '../core/errors';
import { PAGE_LIMITS } from '../core/page-limits';
import { collect } from '../core/pagination';
import { FLAVORS, openSpace, useEmulator } from '../testing/emulator';

describe.each(FLAVORS)('paging on %s', (flavor) => {
  const session = useEmulator(flavor, { spaces: 3 });
  let pages = 0;
  /** A fresh page in the open space with `versions` versions, 3 children and 3 comments. */
  const freshPage = (versions = 1) => {
    const page = session.control.createPage({ spaceKey: openSpace(session.emulator).key, title: `Paging ${flavor} ${++pages}` });
    for (let v = 2; v <= versions; v++) session.control.editPage(page.id, { body: `<p>version ${v}</p>` });
    for (let c = 1; c <= 3; c++) {
      session.control.createPage({ spaceKey: openSpace(session.emulator).key, title: `Child ${pages}.${c}`, parentId: page.id });
      session.control.addComment(page.id, `<p>comment ${c}</p>`);
    }
    return page;
  };
  const refusal = (run: () => Promise<unknown>) => run().then(() => undefined, (error: unknown) => error);
  /** What tells items apart: an id, or a version's number. */
  const keys = (items: Array<{ id: string } | { number: number }>) => items.map((i) => ('id' in i ? i.id : i.number));

  it('pages by start on Data Center, and refuses start on Cloud naming it', async () => {
    const { client } = session;
    const page = freshPage(5);
    const lists = {
      spaces: (p: { start?: number; cursor?: string }) => client.spaces.list({ ...p, limit: 1 }),
      children: (p: { start?: number; cursor?: string }) => client.pages.children(page.id, { ...p, limit: 1 }),
      versions: (p: { start?: number; cursor?: string }) => client.pages.versions(page.id, { ...p, limit: 2 }),
      comments: (p: { start?: number; cursor?: string }) => client.comments.list(page.id, { ...p, limit: 2 }),
    };
    for (const [name, list] of Object.entries(lists)) {
      const first = await list({});
      if (flavor === 'cloud') {
        expect([name, first.nextStart]).toEqual([name, undefined]);
        const error = await refusal(() => list({ start: 1 }));
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect([name, (error as InvalidArgumentError).argument, (error as Error).message]).toEqual([name, 'start', expect.stringMatching(/cursor only/)]);
        continue;
      }
      // The offset comes back both ways: as nextStart, and as the opaque cursor.
      expect([name, first.nextStart, first.nextCursor]).toEqual([name, first.items.length, String(first.items.length)]);
      const byStart = await list({ start: first.nextStart });
      const byCursor = await list({ cursor: first.nextCursor });
      expect([name, keys(byStart.items)]).toEqual([name, keys(byCursor.items)]);
      expect([name, byStart.items.length > 0, keys(byStart.items)]).toEqual([name, true, expect.not.arrayContaining(keys(first.items))]);
    }
  });

  it('refuses start with a cursor, or a negative start, before sending anything', async () => {
    const before = session.control.requests().length;
    await expect(session.client.spaces.list({ start: 1, cursor: '1' })).rejects.toThrow('start: give either start or cursor, not both');
    await expect(session.client.search.cql('type = page', { start: -1 })).rejects.toThrow('start: must be a whole number >= 0');
    expect(session.control.requests()).toHaveLength(before);
  });

  it('pages CQL search by start on both flavours, with nextStart whenever the offset is known', async () => {
    const query = `space = "${openSpace(session.emulator).key}" AND type = page`;
    const first = await session.client.search.cql(query, { limit: 3 });
    expect(first.nextStart).toBe(3);
    const byStart = await session.client.search.cql(query, { start: 3, limit: 3 });
    expect(byStart.nextStart).toBe(6);
    const byCursor = await session.client.search.cql(query, { cursor: first.nextCursor, limit: 3 });
    expect(byCursor.items.map((h) => h.id)).toEqual(byStart.items.map((h) => h.id));
    // A Cloud cursor is opaque: where it points is not known to the client.
    expect(byCursor.nextStart).toBe(flavor === 'dc' ? 6 : undefined);
  });

  it('iterates versions (newest first), children and replies with the same names and options as the lists', async () => {
    const { client } = session;
    const page = freshPage(4);
    const versions = await collect(client.pages.iterateVersions(page.id, { limit: 1 }), 10);
    expect(versions.map((v) => v.number)).toEqual([4, 3, 2, 1]);
    const children = await collect(client.pages.iterateChildren(page.id, { limit: 2 }), 10);
    expect(children.map((c) => c.title)).toEqual([`Child ${pages}.1`, `Child ${pages}.2`, `Child ${pages}.3`]);
    const [comment] = (await client.comments.list(page.id, { limit: 1 })).items;
    for (const n of [1, 2, 3]) session.control.addComment(page.id, `<p>reply ${n}</p>`, { replyTo: comment.id });
    const replies = await collect(client.comments.iterateReplies(comment.id, { limit: 2 }), 10);
    expect(replies.map((r) => r.body?.storage)).toEqual(['<p>reply 1</p>', '<p>reply 2</p>', '<p>reply 3</p>']);
  });

  it('bounds each limit by PAGE_LIMITS, and iterates at that page size by default', async () => {
    const { client } = session;
    const page = freshPage();
    const max = PAGE_LIMITS.comments[flavor];
    await expect(client.comments.list(page.id, { limit: max })).resolves.toMatchObject({ items: expect.any(Array) });
    await expect(client.comments.list(page.id, { limit: max + 1 })).rejects.toThrow(`limit: must be an integer from 1 to ${max}`);
    session.control.clearLog();
    await collect(client.attachments.iterate(page.id), 1);
    const [listed] = session.control.requests().filter((r) => r.url.includes('attachment'));
    expect(new URL(listed.url, 'http://x').searchParams.get('limit')).toBe(String(PAGE_LIMITS.attachments[flavor]));
  });
});
