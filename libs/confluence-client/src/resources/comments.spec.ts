import { NotFoundError } from '../core/errors';
import { collect } from '../core/pagination';
import { Comment, ListPage } from '../model';
import { FLAVORS, openSpace, useEmulator } from '../testing/emulator';

describe.each(FLAVORS)('comments on %s', (flavor) => {
  const session = useEmulator(flavor, { resetAfterEach: false });

  let pages = 0;
  /** A fresh page in the open space, so the comments on it are exactly the ones a test adds. */
  const freshPage = () => session.control.createPage({ spaceKey: openSpace(session.emulator).key, title: `Comments ${flavor} ${++pages}` });
  const footer = (pageId: string, n: number) => Array.from({ length: n }, (_, i) => session.control.addComment(pageId, `<p>footer ${i}</p>`, { author: 'bob' }));
  /** `control.addComment` cannot give an inline comment its highlighted text, so the test sets it on the record. */
  const inline = (pageId: string, selections: string[]) =>
    selections.map((text, i) => {
      const comment = session.control.addComment(pageId, `<p>inline ${i}</p>`, { kind: 'inline' });
      comment.inline = { textSelection: text, markerRef: `ref-${comment.id}`, resolutionStatus: i === 0 ? 'resolved' : 'open' };
      return comment;
    });
  /** The home page of the last space, which only alice and bob can read. */
  const restrictedPageId = () => {
    const space = [...session.control.world.spaces.values()].find((s) => s.permissions.read !== '*');
    if (!space?.homepageId) throw new Error('emulator world has no restricted space with a home page');
    return space.homepageId;
  };
  /** Walk `list` page by page, keeping every page so tests can check how the items were split. */
  const allPages = async (fetch: (cursor?: string) => Promise<ListPage<Comment>>) => {
    const out: ListPage<Comment>[] = [];
    let cursor: string | undefined;
    do {
      const page = await fetch(cursor);
      out.push(page);
      cursor = page.nextCursor;
    } while (cursor && out.length < 20);
    return out;
  };

  it('lists footer comments page by page with their bodies, oldest first', async () => {
    const page = freshPage();
    const added = footer(page.id, 5);
    const listed = await allPages((cursor) => session.client.comments.list(page.id, { location: 'footer', limit: 2, cursor }));
    expect(listed.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const items = listed.flatMap((p) => p.items);
    expect(items.map((c) => c.id)).toEqual(added.map((c) => c.id));
    expect(items.map((c) => c.body?.storage)).toEqual(added.map((_, i) => `<p>footer ${i}</p>`));
    expect(items.every((c) => c.location === 'footer' && c.pageId === page.id && c.parentCommentId === null)).toBe(true);
    expect(items[0].version.number).toBe(1);
  });

  it("lists 'all': footer comments then inline ones, each once, with no empty page in between", async () => {
    const page = freshPage();
    const feet = footer(page.id, 5);
    const inl = inline(page.id, ['first highlight', 'second highlight']);
    const listed = await allPages((cursor) => session.client.comments.list(page.id, { limit: 2, cursor }));
    // On Cloud the third page joins the last footer comment and the first inline one (two lists, one cursor).
    expect(listed.map((p) => p.items.length)).toEqual([2, 2, 2, 1]);
    const items = listed.flatMap((p) => p.items);
    expect(items.map((c) => c.id)).toEqual([...feet, ...inl].map((c) => c.id));
    expect(items.map((c) => c.location)).toEqual([...feet.map(() => 'footer'), ...inl.map(() => 'inline')]);
    const iterated = await collect(session.client.comments.iterate(page.id, { limit: 3 }), 100);
    expect(iterated.map((c) => c.id)).toEqual(items.map((c) => c.id));
  });

  it('gives inline comments their highlighted text and resolution status', async () => {
    const page = freshPage();
    const [resolved, open] = inline(page.id, ['the resolved bit', 'the open bit']);
    footer(page.id, 1);
    const listed = await session.client.comments.list(page.id, { location: 'inline' });
    expect(listed.items.map((c) => [c.id, c.inlineSelection, c.resolutionStatus])).toEqual([
      [resolved.id, 'the resolved bit', 'resolved'],
      [open.id, 'the open bit', 'open'],
    ]);
    const got = await session.client.comments.get(open.id);
    expect(got).toMatchObject({ id: open.id, location: 'inline', pageId: page.id, inlineSelection: 'the open bit' });
  });

  it('lists replies page by page and reads replies to inline comments too', async () => {
    const page = freshPage();
    const [parent] = footer(page.id, 1);
    const replies = [1, 2, 3].map((i) => session.control.addComment(page.id, `<p>reply ${i}</p>`, { replyTo: parent.id }));
    const listed = await allPages((cursor) => session.client.comments.replies(parent.id, { limit: 2, cursor }));
    expect(listed.map((p) => p.items.length)).toEqual([2, 1]);
    const items = listed.flatMap((p) => p.items);
    expect(items.map((c) => c.id)).toEqual(replies.map((r) => r.id));
    expect(items.every((c) => c.parentCommentId === parent.id && c.pageId === page.id && c.location === 'footer')).toBe(true);
    // Top-level lists leave replies out.
    expect((await session.client.comments.list(page.id)).items.map((c) => c.id)).toEqual([parent.id]);

    const [highlight] = inline(page.id, ['highlighted']);
    const answer = session.control.addComment(page.id, '<p>on the highlight</p>', { kind: 'inline', replyTo: highlight.id });
    const inlineReplies = await collect(session.client.comments.iterateReplies(highlight.id), 10);
    expect(inlineReplies.map((c) => [c.id, c.location, c.parentCommentId, c.pageId])).toEqual([[answer.id, 'inline', highlight.id, page.id]]);
  });

  it('creates a footer comment and a reply, and reads both back', async () => {
    const page = freshPage();
    const me = await session.client.users.current();
    const created = await session.client.comments.create(page.id, '<p>Looks <strong>good</strong></p>');
    expect(created).toMatchObject({ location: 'footer', pageId: page.id, parentCommentId: null });
    expect(created.version.authorId).toBe(me.id);
    const reply = await session.client.comments.reply(created.id, '<p>Thanks</p>');
    expect(reply).toMatchObject({ location: 'footer', pageId: page.id, parentCommentId: created.id });

    const readBack = await session.client.comments.get(created.id);
    expect(readBack.body?.storage).toBe('<p>Looks <strong>good</strong></p>');
    expect((await session.client.comments.get(reply.id)).parentCommentId).toBe(created.id);
    expect((await session.client.comments.replies(created.id)).items.map((c) => c.id)).toEqual([reply.id]);
    expect(session.control.world.comments.get(reply.id)).toMatchObject({ pageId: page.id, parentCommentId: created.id, authorId: session.control.user('alice').accountId });
  });

  it('replies to an inline comment as an inline reply', async () => {
    const page = freshPage();
    const [highlight] = inline(page.id, ['some words']);
    const reply = await session.client.comments.reply(highlight.id, '<p>Agreed</p>');
    expect(reply).toMatchObject({ location: 'inline', pageId: page.id, parentCommentId: highlight.id });
    expect(session.control.world.comments.get(reply.id)?.kind).toBe('inline');
  });

  it('reads one comment rendered as view; lists give view only where the API can', async () => {
    const page = freshPage();
    const [comment] = footer(page.id, 1);
    expect((await session.client.comments.get(comment.id, { bodyFormat: 'view' })).body?.view).toContain('footer 0');
    const listed = (await session.client.comments.list(page.id, { bodyFormat: 'view' })).items[0].body;
    if (flavor === 'dc') expect(listed?.view).toContain('footer 0');
    else expect(listed).toEqual({ storage: '<p>footer 0</p>', view: undefined });
  });

  it('answers NotFoundError for what the caller cannot see, and for ids that are not comments', async () => {
    const hidden = restrictedPageId();
    const hiddenComment = session.control.addComment(hidden, '<p>secret</p>', { author: 'alice' });
    const carol = session.clientFor('carol');
    await expect(carol.comments.list(hidden)).rejects.toBeInstanceOf(NotFoundError);
    await expect(carol.comments.get(hiddenComment.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(carol.comments.create(hidden, '<p>hello</p>')).rejects.toBeInstanceOf(NotFoundError);
    await expect(carol.comments.reply(hiddenComment.id, '<p>hello</p>')).rejects.toBeInstanceOf(NotFoundError);
    expect((await session.client.comments.get(hiddenComment.id)).id).toBe(hiddenComment.id);
    await expect(session.client.comments.get(hidden)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses bad input before sending anything', async () => {
    const before = session.control.requestCount();
    await expect(session.client.comments.list('12; DROP')).rejects.toThrow(TypeError);
    await expect(session.client.comments.list('65538', { cursor: 'bogus' })).rejects.toThrow(/^cursor: 'bogus' is not a cursor/);
    await expect(session.client.comments.create('65538', '  ')).rejects.toThrow('body: must be a non-empty');
    await expect(session.client.comments.list('65538', { limit: 251 })).rejects.toThrow('limit');
    expect(session.control.requestCount()).toBe(before);
  });
});
