/**
 * Answers a model can use from their text alone (many clients pass it nothing else): replies, people's names,
 * a page's status, plain excerpts, and errors that name the argument to change.
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { connect, spacesOf, startWorld, textOf } from './testing/harness';

describe.each(['cloud', 'dc'] as const)('answers on %s', (flavor) => {
  let emulator: RunningEmulator;
  let spaceKey: string;
  beforeAll(async () => {
    emulator = await startWorld(flavor);
    spaceKey = spacesOf(emulator).open[0].key;
  });
  afterAll(() => emulator.close());

  it('lists replies under their comment in the text, with authors by name and counts in words', async () => {
    const page = emulator.control.createPage({ spaceKey, title: `Discussed ${flavor}` });
    const comment = emulator.control.addComment(page.id, '<p>Is the rollout done?</p>', { author: 'bob' });
    const reply = emulator.control.addComment(page.id, '<p>Yes, since Monday.</p>', { replyTo: comment.id, author: 'carol' });
    const mcp = await connect(emulator);
    const result = await mcp.call('get_confluence_page_comments', { page_id: page.id, expand: ['replies'] });
    const text = textOf(result);
    expect(text).toMatch(/^1 comment on "Discussed/);
    expect(text).toContain(`] ${emulator.control.user('bob').displayName}, `);
    expect(text).toContain(`\n  - reply ${reply.id} by ${emulator.control.user('carol').displayName}, `);
    expect(text).toContain('Yes, since Monday.');
    expect(text).not.toMatch(/[0-9a-f]{24}/);
    await mcp.close();
  });

  it('names the authors of versions', async () => {
    const page = emulator.control.createPage({ spaceKey, title: `Versioned ${flavor}`, author: 'bob' });
    emulator.control.editPage(page.id, { body: '<p>two</p>', author: 'carol', message: 'second' });
    const mcp = await connect(emulator);
    const text = textOf(await mcp.call('get_confluence_page_versions', { page_id: page.id }));
    expect(text).toMatch(/^2 versions of "Versioned/);
    expect(text).toContain(`v2 `);
    expect(text).toContain(`by ${emulator.control.user('carol').displayName}: second`);
    await mcp.close();
  });

  it('says first that a page is in the trash, and deleting it again succeeds saying so', async () => {
    const page = emulator.control.createPage({ spaceKey, title: `Doomed ${flavor}`, body: '<p>bye</p>' });
    const mcp = await connect(emulator);
    expect(textOf(await mcp.call('delete_confluence_page', { page_id: page.id }))).toMatch(/^Moved "Doomed/);
    const read = await mcp.call('get_confluence_page', { page_id: page.id });
    expect(textOf(read)).toMatch(/^This page is in the trash \(deleted\)/);
    const again = await mcp.call('delete_confluence_page', { page_id: page.id });
    expect(again.isError).toBeFalsy();
    expect(textOf(again)).toMatch(/was already in the trash/);
    expect(again.structuredContent).toMatchObject({ status: 'trashed', already_trashed: true });
    await mcp.close();
  });

  it('refuses a title with a line break, and a title the space already has, naming the argument', async () => {
    const mcp = await connect(emulator);
    await mcp.call('create_confluence_page', { space_key: spaceKey, title: `Twice ${flavor}`, body: 'x' });
    expect(textOf(await mcp.call('create_confluence_page', { space_key: spaceKey, title: `Twice ${flavor}`, body: 'x' }))).toBe(
      `INVALID_ARGUMENT: title: space ${spaceKey} already has a page titled "Twice ${flavor}". Choose another title, or update that page (search_confluence_pages with title finds it).`,
    );
    expect(textOf(await mcp.call('create_confluence_page', { space_key: spaceKey, title: 'One\nTwo', body: 'x' }))).toBe(
      'INVALID_ARGUMENT: title: must be one line (no line breaks).',
    );
    await mcp.close();
  });
});

describe('search answers', () => {
  let emulator: RunningEmulator;
  let spaceKey: string;
  beforeAll(async () => {
    emulator = await startWorld('cloud');
    spaceKey = spacesOf(emulator).open[0].key;
  });
  afterAll(() => emulator.close());

  it('gives excerpts as plain text, entities decoded', async () => {
    emulator.control.createPage({ spaceKey, title: 'Support Q&A', body: '<p>Our Q&amp;A covers &lt;tags&gt; and &quot;quotes&quot; for zebrafish.</p>' });
    const mcp = await connect(emulator);
    const result = await mcp.call('search_confluence_pages', { text: 'zebrafish' });
    const excerpts = (result.structuredContent?.['results'] as Array<{ excerpt?: string }>).map((r) => r.excerpt ?? '');
    expect(excerpts.join(' ')).toContain('Q&A');
    expect(JSON.stringify(result)).not.toMatch(/&(amp|lt|gt|quot);/);
    await mcp.close();
  });

  it('sorts a CQL search by its ORDER BY, or by order_by', async () => {
    const mcp = await connect(emulator);
    const titles = (r: Awaited<ReturnType<typeof mcp.call>>) => (r.structuredContent?.['results'] as Array<{ title: string }>).map((h) => h.title);
    const asc = await mcp.call('search_confluence_pages', { cql: `space = "${spaceKey}" AND type = page ORDER BY title asc`, limit: 10 });
    expect(asc.isError).toBeFalsy();
    expect(asc.structuredContent?.['cql']).toMatch(/ORDER BY title asc$/);
    expect(titles(asc)).toEqual([...titles(asc)].sort((a, b) => a.localeCompare(b)));
    const byParam = await mcp.call('search_confluence_pages', { cql: `space = "${spaceKey}" AND type = page`, order_by: 'title', limit: 10 });
    expect(titles(byParam)).toEqual(titles(asc));
    expect(textOf(await mcp.call('search_confluence_pages', { cql: 'type = page ORDER BY colour' }))).toMatch(/^INVALID_QUERY: cql: cannot sort by "colour"\. ORDER BY takes title, created/);
    await mcp.close();
  });

  it('names the argument to fix, never an internal function', async () => {
    const mcp = await connect(emulator);
    const text = textOf(await mcp.call('search_confluence_pages', { text: 'x', modified_after: 'yesterday' }));
    expect(text).toMatch(/^INVALID_ARGUMENT: modified_after: "yesterday" is not a date; use "yyyy-MM-dd" or "yyyy-MM-dd HH:mm"\. Example: "2024-05-01"\.$/);
    expect(text).not.toMatch(/buildSearchCql|filters\.|cql\.orderBy/);
    const badCursor = textOf(await mcp.call('search_confluence_pages', { text: 'kafka', cursor: 'not-a-cursor' }));
    if (badCursor.startsWith('INVALID')) expect(badCursor).toMatch(/^INVALID_ARGUMENT: cursor: /);
    await mcp.close();
  });
});

describe('bodies written as HTML where Markdown is expected', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startWorld('cloud')));
  afterAll(() => emulator.close());

  it('saves a plainly HTML body as storage, says so, and still takes Markdown as Markdown', async () => {
    const spaceKey = spacesOf(emulator).open[0].key;
    const mcp = await connect(emulator);
    const html = await mcp.call('create_confluence_page', { space_key: spaceKey, title: 'Written as HTML', body: '<p>temporary</p>' });
    expect(textOf(html)).toContain('The body was HTML, so it was saved as Confluence storage format');
    const stored = emulator.control.page(String(html.structuredContent?.['id']));
    expect(stored.versions[stored.versions.length - 1].body).toBe('<p>temporary</p>');
    const read = await mcp.call('get_confluence_page', { page_id: String(html.structuredContent?.['id']) });
    expect(String(read.structuredContent?.['body']).trim()).toBe('temporary');
    const markdown = await mcp.call('create_confluence_page', { space_key: spaceKey, title: 'Written as Markdown', body: '# Title\n\n<p> is a tag' });
    expect(textOf(markdown)).not.toContain('saved as Confluence storage');
    await mcp.close();
  });
});
