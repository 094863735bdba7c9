import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { connect, pagesIn, spacesOf, startWorld, textOf } from '../testing/harness';

describe.each(['cloud', 'dc'] as const)('page tools on %s', (flavor) => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startWorld(flavor)));
  afterAll(() => emulator.close());

  it('gets a page by id as Markdown with its metadata', async () => {
    const mcp = await connect(emulator);
    const space = spacesOf(emulator).open[0];
    const target = pagesIn(emulator, space.key)[1];
    const result = await mcp.call('get_confluence_page', { page_id: target.id, expand: ['labels'] });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: target.id, title: target.title, space_key: space.key, version: target.version, body_format: 'markdown', truncated: false });
    expect(String(result.structuredContent?.['body'])).not.toMatch(/<p>/);
    expect(textOf(result)).toContain(target.title);
    await mcp.close();
  });

  it('gets a page by space key and title, and refuses two ways at once', async () => {
    const mcp = await connect(emulator);
    const space = spacesOf(emulator).open[0];
    const target = pagesIn(emulator, space.key)[2];
    const result = await mcp.call('get_confluence_page', { space_key: space.key, title: target.title, body_format: 'storage' });
    expect(result.structuredContent).toMatchObject({ id: target.id, body_format: 'storage' });
    const both = await mcp.call('get_confluence_page', { page_id: target.id, space_key: space.key, title: target.title });
    expect(both.isError).toBe(true);
    expect(textOf(both)).toMatch(/^INVALID_ARGUMENT: Give exactly one/);
    await mcp.close();
  });

  it('answers NOT_FOUND for a page in a space the user may not read', async () => {
    const restricted = spacesOf(emulator).restricted[0];
    const secret = pagesIn(emulator, restricted.key)[0];
    const alice = await connect(emulator);
    expect((await alice.call('get_confluence_page', { page_id: secret.id })).isError).toBeFalsy();
    await alice.close();
    const carol = await connect(emulator, { username: 'carol' });
    const result = await carol.call('get_confluence_page', { page_id: secret.id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^NOT_FOUND: .*Check the id/);
    expect(textOf(result)).not.toContain(secret.title);
    await carol.close();
  });

  it('cuts a large page at max_chars, with an outline and a cursor that continues exactly', async () => {
    const space = spacesOf(emulator).open[0];
    const sections = Array.from({ length: 30 }, (_, i) => `<h2>Part ${i}</h2><p>${`Paragraph ${i} text. `.repeat(40)}</p>`).join('');
    const big = emulator.control.createPage({ spaceKey: space.key, title: `Big page ${flavor}`, body: sections });
    const mcp = await connect(emulator);
    const whole = await mcp.call('get_confluence_page', { page_id: big.id, max_chars: 250_000 });
    const full = String(whole.structuredContent?.['body']);
    expect(full.length).toBeGreaterThan(20_000);
    // Without max_chars the body is cut at the default, and the text says how to read on.
    const byDefault = await mcp.call('get_confluence_page', { page_id: big.id });
    expect(String(byDefault.structuredContent?.['body']).length).toBeLessThanOrEqual(20_000);
    expect(textOf(byDefault)).toMatch(/\[Body cut at \d+ of \d+ characters: call again with cursor "c1\.\d+" for the rest, or pass section to read one part\. Headings: ## Part 0 \| ## Part 1 \|/);
    let cursor: string | undefined;
    let joined = '';
    let calls = 0;
    do {
      const part = await mcp.call('get_confluence_page', { page_id: big.id, max_chars: 5000, ...(cursor ? { cursor } : {}) });
      const body = String(part.structuredContent?.['body']);
      expect(body.length).toBeLessThanOrEqual(5000);
      expect(part.structuredContent?.['truncated']).toBe(true);
      expect(part.structuredContent?.['outline']).toHaveLength(30);
      joined += body;
      cursor = part.structuredContent?.['next_cursor'] as string | undefined;
      calls++;
    } while (cursor && calls < 20);
    expect(joined).toBe(full);
    expect(calls).toBeGreaterThan(3);
    const section = await mcp.call('get_confluence_page', { page_id: big.id, section: 'Part 7' });
    expect(String(section.structuredContent?.['body'])).toMatch(/^## Part 7\n/);
    expect(String(section.structuredContent?.['body'])).not.toContain('Part 8');
    const missing = await mcp.call('get_confluence_page', { page_id: big.id, section: 'Nope' });
    expect(textOf(missing)).toMatch(/^NOT_FOUND: No heading "Nope".*Part 0 \| Part 1/);
    await mcp.close();
  });

  it('creates a page from Markdown, updates it with the version guard, and deletes it', async () => {
    const mcp = await connect(emulator);
    const space = spacesOf(emulator).open[1];
    const created = await mcp.call('create_confluence_page', { space_key: space.key, title: `Runbook ${flavor}`, body: '# Steps\n\n- [ ] check\n\n```sh\nls\n```\n' });
    expect(created.isError).toBeFalsy();
    const id = String(created.structuredContent?.['id']);
    const stored = emulator.control.page(id);
    expect(stored.versions[stored.versions.length - 1].body).toContain('ac:name="code"');

    const stale = await mcp.call('update_confluence_page', { page_id: id, new_version_number: 5, body: 'new' });
    expect(stale.isError).toBe(true);
    expect(textOf(stale)).toMatch(/^VERSION_CONFLICT: The page is at version 1, so new_version_number must be 2/);

    const read = await mcp.call('get_confluence_page', { page_id: id });
    const updated = await mcp.call('update_confluence_page', { page_id: id, new_version_number: 2, body: `${read.structuredContent?.['body']}\nMore text.\n`, update_message: 'more' });
    expect(updated.structuredContent).toMatchObject({ id, version: 2, previous_version: 1 });
    expect(emulator.control.page(id).versions.at(-1)?.body).toContain('More text.');

    const deleted = await mcp.call('delete_confluence_page', { page_id: id });
    expect(deleted.structuredContent).toMatchObject({ status: 'trashed', page_id: id });
    expect(emulator.control.page(id).status).toBe('trashed');
    await mcp.close();
  });

  it('reports a concurrent edit between read and write as a conflict with the current version', async () => {
    const mcp = await connect(emulator);
    const space = spacesOf(emulator).open[0];
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Contested ${flavor}`, body: '<p>a</p>' });
    emulator.control.editPage(page.id, { body: '<p>b</p>' });
    emulator.control.editPage(page.id, { body: '<p>c</p>' });
    const result = await mcp.call('update_confluence_page', { page_id: page.id, new_version_number: 2, body: 'mine' });
    expect(textOf(result)).toMatch(/version 3, so new_version_number must be 4/);
    expect(emulator.control.page(page.id).versions.at(-1)?.body).toBe('<p>c</p>');
    await mcp.close();
  });

  it('keeps placeholders through a Markdown round trip, and refuses a write that would lose content', async () => {
    const mcp = await connect(emulator);
    const space = spacesOf(emulator).open[0];
    const toc = '<ac:structured-macro ac:name="toc" ac:schema-version="1"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>';
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Macro page ${flavor}`, body: `${toc}<p>Intro</p>` });
    const read = await mcp.call('get_confluence_page', { page_id: page.id });
    const body = String(read.structuredContent?.['body']);
    expect(body).toContain('<!--confluence:');
    const saved = await mcp.call('update_confluence_page', { page_id: page.id, new_version_number: 2, body: body.replace('Intro', 'Intro edited') });
    expect(saved.isError).toBeFalsy();
    expect(emulator.control.page(page.id).versions.at(-1)?.body).toContain(toc);

    const broken = await mcp.call('update_confluence_page', { page_id: page.id, new_version_number: 3, body: '<!--confluence:toc:!!!-->\n\ntext' });
    expect(broken.isError).toBe(true);
    expect(textOf(broken)).toMatch(/^CONTENT_LOSS: Nothing was saved/);
    expect(emulator.control.page(page.id).versions).toHaveLength(2);
    await mcp.close();
  });
});
