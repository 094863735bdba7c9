import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { connect, pagesIn, spacesOf, startWorld, textOf } from '../testing/harness';

describe.each(['cloud', 'dc'] as const)('add_confluence_comment on %s', (flavor) => {
  let emulator: RunningEmulator;
  let pageId: string;
  beforeAll(async () => {
    emulator = await startWorld(flavor);
    pageId = pagesIn(emulator, spacesOf(emulator).open[0].key)[0].id;
  });
  afterAll(() => emulator.close());

  it('adds a footer comment from Markdown, then a reply to it', async () => {
    const mcp = await connect(emulator);
    const added = await mcp.call('add_confluence_comment', { page_id: pageId, body: 'Looks **good** to me' });
    expect(added.isError).toBeFalsy();
    const id = String(added.structuredContent?.['id']);
    expect(added.structuredContent).toMatchObject({ page_id: pageId, location: 'footer', parent_comment_id: null });
    const stored = emulator.control.world.comments.get(id);
    expect(stored?.versions.at(-1)?.body).toContain('<strong>good</strong>');

    const reply = await mcp.call('add_confluence_comment', { page_id: pageId, body: 'Thanks', reply_to_comment_id: id });
    expect(reply.isError).toBeFalsy();
    expect(reply.structuredContent).toMatchObject({ parent_comment_id: id });
    expect(emulator.control.world.comments.get(String(reply.structuredContent?.['id']))?.parentCommentId).toBe(id);

    const listed = await mcp.call('get_confluence_page_comments', { page_id: pageId, location: 'footer', expand: ['replies'], limit: 50 });
    const comments = listed.structuredContent?.['comments'] as Array<{ id: string; body: string; replies?: Array<{ body: string }> }>;
    expect(comments.find((c) => c.id === id)).toMatchObject({ body: 'Looks **good** to me', replies: [expect.objectContaining({ body: 'Thanks' })] });
    await mcp.close();
  });

  it('refuses a reply to a comment of another page, a lossy body, and a page outside the allow-list', async () => {
    const other = pagesIn(emulator, spacesOf(emulator).open[0].key)[1].id;
    const foreign = emulator.control.addComment(other, '<p>elsewhere</p>');
    const before = emulator.control.world.comments.size;
    const mcp = await connect(emulator);
    const wrongPage = await mcp.call('add_confluence_comment', { page_id: pageId, body: 'x', reply_to_comment_id: foreign.id });
    expect(textOf(wrongPage)).toMatch(/^NOT_FOUND: No comment/);
    const lossy = await mcp.call('add_confluence_comment', { page_id: pageId, body: '<!--confluence:toc:!!!-->\n\ntext' });
    expect(textOf(lossy)).toMatch(/^CONTENT_LOSS: Nothing was saved/);
    await mcp.close();
    const confined = await connect(emulator, { spaces: [spacesOf(emulator).open[1].key] });
    expect(textOf(await confined.call('add_confluence_comment', { page_id: pageId, body: 'x' }))).toMatch(/^NOT_FOUND:/);
    await confined.close();
    expect(emulator.control.world.comments.size).toBe(before);
  });
});

describe.each(['cloud', 'dc'] as const)('page versions and diffs on %s', (flavor) => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startWorld(flavor)));
  afterAll(() => emulator.close());

  it('lists versions newest first and diffs two of them as Markdown', async () => {
    const space = spacesOf(emulator).open[0];
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Versioned ${flavor}`, body: '<h2>Plan</h2><p>Step one</p><p>Step two</p>' });
    emulator.control.editPage(page.id, { body: '<h2>Plan</h2><p>Step one</p><p>Step <strong>2</strong></p>', message: 'second' });
    emulator.control.editPage(page.id, { body: '<h2>Plan</h2><p>Step one</p><p>Step <strong>2</strong></p><p>Step three</p>', message: 'third' });
    const mcp = await connect(emulator);
    const versions = await mcp.call('get_confluence_page_versions', { page_id: page.id });
    expect(versions.isError).toBeFalsy();
    expect(versions.structuredContent).toMatchObject({ page_id: page.id, current_version: 3 });
    const list = versions.structuredContent?.['versions'] as Array<{ number: number; message: string }>;
    expect(list.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(list[0].message).toBe('third');

    const diff = await mcp.call('diff_confluence_page_versions', { page_id: page.id, from_version: 1 });
    expect(diff.isError).toBeFalsy();
    expect(diff.structuredContent).toMatchObject({ from_version: 1, to_version: 3, added_lines: 3, removed_lines: 1, truncated: false });
    const text = String(diff.structuredContent?.['diff']);
    expect(text).toContain('--- v1');
    expect(text).toContain('+++ v3');
    expect(text).toContain('-Step two');
    expect(text).toContain('+Step **2**');
    expect(text).toContain('+Step three');
    expect(textOf(diff)).toContain('+Step three');

    const same = await mcp.call('diff_confluence_page_versions', { page_id: page.id, from_version: 2, to_version: 3 });
    expect(String(same.structuredContent?.['diff'])).not.toContain('Step two');
    const bad = await mcp.call('diff_confluence_page_versions', { page_id: page.id, from_version: 2, to_version: 9 });
    expect(textOf(bad)).toMatch(/^INVALID_ARGUMENT: to_version: the page has versions 1 to 3/);
    await mcp.close();
  });

  it('cuts a long diff at max_chars and flags it truncated', async () => {
    const space = spacesOf(emulator).open[0];
    const lines = (tag: string) => Array.from({ length: 400 }, (_, i) => `<p>${tag} line ${i}</p>`).join('');
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Long diff ${flavor}`, body: lines('old') });
    emulator.control.editPage(page.id, { body: lines('new') });
    const mcp = await connect(emulator);
    const diff = await mcp.call('diff_confluence_page_versions', { page_id: page.id, from_version: 1, max_chars: 2000 });
    expect(diff.structuredContent?.['truncated']).toBe(true);
    expect(String(diff.structuredContent?.['diff']).length).toBeLessThanOrEqual(2000);
    expect(Number(diff.structuredContent?.['total_chars'])).toBeGreaterThan(10_000);
    expect(diff.structuredContent).toMatchObject({ added_lines: 400, removed_lines: 400 });
    expect(textOf(diff)).toMatch(/\[Diff cut at \d+ of \d+ characters/);
    await mcp.close();
  });

  it('hides the history of a page outside the space allow-list', async () => {
    const [first, second] = spacesOf(emulator).open;
    const target = pagesIn(emulator, first.key)[0];
    const mcp = await connect(emulator, { spaces: [second.key] });
    expect(textOf(await mcp.call('get_confluence_page_versions', { page_id: target.id }))).toMatch(/^NOT_FOUND:/);
    expect(textOf(await mcp.call('diff_confluence_page_versions', { page_id: target.id, from_version: 1 }))).toMatch(/^NOT_FOUND:/);
    await mcp.close();
  });
});
