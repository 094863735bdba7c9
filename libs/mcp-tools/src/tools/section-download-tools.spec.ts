import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import type { ImageContent } from '@modelcontextprotocol/sdk/types.js';
import { connect, pagesIn, spacesOf, startWorld, textOf } from '../testing/harness';
import { kindOf } from './download-attachment';

const BODY =
  '<h1>Guide</h1><p>Intro <strong>text</strong></p>' +
  '<h2>Setup</h2><p>Old setup</p><h3>Details</h3><p>Old details</p>' +
  '<h2>Rollback</h2><ul><li>one</li><li>two</li></ul>' +
  '<h2>Notes</h2><p>First notes</p><h2>Notes</h2><p>Second notes</p>';

describe.each(['cloud', 'dc'] as const)('replace_confluence_page_section on %s', (flavor) => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startWorld(flavor)));
  afterAll(() => emulator.close());

  async function markdownOf(mcp: Awaited<ReturnType<typeof connect>>, id: string): Promise<string> {
    return String((await mcp.call('get_confluence_page', { page_id: id })).structuredContent?.['body']);
  }

  it('replaces one section, sub-headings included, and leaves the rest of the Markdown identical', async () => {
    const space = spacesOf(emulator).open[0];
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Sectioned ${flavor}`, body: BODY });
    const mcp = await connect(emulator);
    const before = await markdownOf(mcp, page.id);
    const result = await mcp.call('replace_confluence_page_section', { page_id: page.id, heading: 'Setup', new_content: 'New **setup**\n\n- a\n- b', new_version_number: 2 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: page.id, version: 2, previous_version: 1, heading: 'Setup', heading_level: 2 });
    const after = await markdownOf(mcp, page.id);
    const cut = (md: string) => [md.slice(0, md.indexOf('## Setup\n')), md.slice(md.indexOf('## Rollback'))];
    expect(cut(after)).toEqual(cut(before));
    expect(after).toContain('## Setup\n\nNew **setup**\n\n- a\n- b\n\n## Rollback');
    expect(after).not.toContain('Old details');
    expect(after).not.toContain('### Details');
    await mcp.close();
  });

  it('matches a heading the way get_confluence_page does: exactly, else ignoring case and spacing', async () => {
    const space = spacesOf(emulator).open[0];
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Loosely named ${flavor}`, body: BODY });
    const mcp = await connect(emulator);
    const read = await mcp.call('get_confluence_page', { page_id: page.id, section: '  ROLLBACK ' });
    expect(read.structuredContent?.['body']).toBe('## Rollback\n\n- one\n- two');
    const result = await mcp.call('replace_confluence_page_section', { page_id: page.id, heading: '  ROLLBACK ', new_content: 'Undo it.', new_version_number: 2 });
    expect(result.structuredContent).toMatchObject({ version: 2, heading: 'Rollback', heading_level: 2 });
    expect(await markdownOf(mcp, page.id)).toContain('## Rollback\n\nUndo it.\n\n## Notes');
    await mcp.close();
  });

  it('reads one of several same-named sections by occurrence, and says which there are when none is picked', async () => {
    const space = spacesOf(emulator).open[0];
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Read by occurrence ${flavor}`, body: BODY });
    const mcp = await connect(emulator);
    const ambiguous = await mcp.call('get_confluence_page', { page_id: page.id, section: 'notes' });
    expect(textOf(ambiguous)).toMatch(/^INVALID_ARGUMENT: section: 2 headings read "notes" \(1: ## Notes \(line \d+\); 2: ## Notes \(line \d+\)\)\. Pass occurrence/);
    const second = await mcp.call('get_confluence_page', { page_id: page.id, section: 'notes', occurrence: 2 });
    expect(second.structuredContent?.['body']).toBe('## Notes\n\nSecond notes');
    expect(textOf(await mcp.call('get_confluence_page', { page_id: page.id, occurrence: 2 }))).toMatch(/^INVALID_ARGUMENT: occurrence: .*pass section too/);
    await mcp.close();
  });

  it('reports an ambiguous heading with its matches, then replaces the chosen occurrence', async () => {
    const space = spacesOf(emulator).open[0];
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Ambiguous ${flavor}`, body: BODY });
    const mcp = await connect(emulator);
    const ambiguous = await mcp.call('replace_confluence_page_section', { page_id: page.id, heading: 'Notes', new_content: 'x', new_version_number: 2 });
    expect(ambiguous.isError).toBe(true);
    expect(textOf(ambiguous)).toMatch(/^INVALID_ARGUMENT: heading: 2 headings read "Notes" \(1: ## Notes \(line \d+\); 2: ## Notes \(line \d+\)\)/);
    const second = await mcp.call('replace_confluence_page_section', { page_id: page.id, heading: 'Notes', occurrence: 2, new_content: 'Replaced notes', new_version_number: 2 });
    expect(second.isError).toBeFalsy();
    const after = await markdownOf(mcp, page.id);
    expect(after).toMatch(/## Notes\n\nFirst notes\n\n## Notes\n\nReplaced notes\n?$/);
    await mcp.close();
  });

  it('refuses a missing heading, a stale version, a lossy section and a page outside the allow-list, saving nothing', async () => {
    const space = spacesOf(emulator).open[0];
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Guarded ${flavor}`, body: BODY });
    const mcp = await connect(emulator);
    expect(textOf(await mcp.call('replace_confluence_page_section', { page_id: page.id, heading: 'Set up guide', new_content: 'x', new_version_number: 2 }))).toMatch(
      /^NOT_FOUND: No heading "Set up guide" .*Guide \| Setup \| Details \| Rollback \| Notes \| Notes/,
    );
    expect(textOf(await mcp.call('replace_confluence_page_section', { page_id: page.id, heading: 'Notes', occurrence: 3, new_content: 'x', new_version_number: 2 }))).toMatch(
      /^INVALID_ARGUMENT: occurrence: the page has only 2 heading\(s\) reading "Notes"/,
    );
    expect(textOf(await mcp.call('replace_confluence_page_section', { page_id: page.id, heading: 'Setup', new_content: 'x', new_version_number: 3 }))).toMatch(
      /^VERSION_CONFLICT: The page is at version 1, so new_version_number must be 2/,
    );
    expect(textOf(await mcp.call('replace_confluence_page_section', { page_id: page.id, heading: 'Setup', new_content: '<!--confluence:toc:!!!-->', new_version_number: 2 }))).toMatch(
      /^CONTENT_LOSS: Nothing was saved/,
    );
    await mcp.close();
    const confined = await connect(emulator, { spaces: [spacesOf(emulator).open[1].key] });
    expect(textOf(await confined.call('replace_confluence_page_section', { page_id: page.id, heading: 'Setup', new_content: 'x', new_version_number: 2 }))).toMatch(/^NOT_FOUND:/);
    await confined.close();
    expect(emulator.control.page(page.id).versions).toHaveLength(1);
  });
});

describe.each(['cloud', 'dc'] as const)('download_confluence_attachment on %s', (flavor) => {
  let emulator: RunningEmulator;
  let pageId: string;
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b1d9bd0000000049454e44ae426082', 'hex');
  beforeAll(async () => {
    emulator = await startWorld(flavor);
    pageId = pagesIn(emulator, spacesOf(emulator).open[0].key)[0].id;
  });
  afterAll(() => emulator.close());

  it('returns a text file as text, with its metadata', async () => {
    const att = emulator.control.addAttachment(pageId, { title: 'data.json', mediaType: 'application/json', data: '{"ok":true}' });
    const mcp = await connect(emulator);
    const result = await mcp.call('download_confluence_attachment', { attachment_id: att.id });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: att.id, title: 'data.json', file_size: 11, page_id: pageId, content_kind: 'text' });
    expect(textOf(result)).toMatch(/data\.json .*\n\n\{"ok":true\}$/);
    await mcp.close();
  });

  it('returns an image as image content', async () => {
    const att = emulator.control.addAttachment(pageId, { title: 'dot.png', mediaType: 'image/png', data: png });
    const mcp = await connect(emulator);
    const result = await mcp.call('download_confluence_attachment', { attachment_id: att.id });
    expect(result.structuredContent).toMatchObject({ content_kind: 'image', media_type: 'image/png' });
    const image = result.content.find((c): c is ImageContent => c.type === 'image');
    expect(image?.mimeType).toBe('image/png');
    expect(Buffer.from(String(image?.data), 'base64').equals(png)).toBe(true);
    await mcp.close();
  });

  it('describes other files without their bytes, and refuses files over the cap with TOO_LARGE', async () => {
    const pdf = emulator.control.addAttachment(pageId, { title: 'doc.pdf', mediaType: 'application/pdf', data: Buffer.alloc(50) });
    const big = emulator.control.addAttachment(pageId, { title: 'big.txt', mediaType: 'text/plain', data: 'x'.repeat(3000) });
    const mcp = await connect(emulator, { maxAttachmentBytes: 2048 });
    const other = await mcp.call('download_confluence_attachment', { attachment_id: pdf.id });
    expect(other.isError).toBeFalsy();
    expect(other.structuredContent).toMatchObject({ content_kind: 'binary', message: expect.stringContaining('not returned') });
    expect(other.content).toHaveLength(1);
    const tooBig = await mcp.call('download_confluence_attachment', { attachment_id: big.id });
    expect(textOf(tooBig)).toMatch(/^TOO_LARGE: The attachment is 3000 bytes, over the 2048-byte limit/);
    const smaller = await mcp.call('download_confluence_attachment', { attachment_id: big.id, max_bytes: 100_000 });
    expect(textOf(smaller)).toMatch(/over the 2048-byte limit/);
    const capped = await mcp.call('download_confluence_attachment', { attachment_id: big.id, max_bytes: 1000 });
    expect(textOf(capped)).toMatch(/over the 1000-byte limit/);
    await mcp.close();
  });

  it('answers NOT_FOUND for a missing attachment and one on a page outside the allow-list', async () => {
    const att = emulator.control.addAttachment(pageId, { title: 'hidden.txt', mediaType: 'text/plain', data: 'secret' });
    const confined = await connect(emulator, { spaces: [spacesOf(emulator).open[1].key] });
    const hidden = await confined.call('download_confluence_attachment', { attachment_id: att.id });
    expect(textOf(hidden)).toMatch(/^NOT_FOUND: Attachment/);
    expect(textOf(hidden)).not.toContain('secret');
    expect(textOf(await confined.call('download_confluence_attachment', { attachment_id: 'att999999999' }))).toMatch(/^NOT_FOUND: Attachment/);
    await confined.close();
  });
});

describe('kindOf', () => {
  it('sorts media types into text, image and binary', () => {
    expect(['text/plain', 'text/csv', 'text/markdown; charset=utf-8', 'application/json', 'application/xml', 'application/vnd.api+json'].map(kindOf)).toEqual(Array(6).fill('text'));
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].map(kindOf)).toEqual(Array(4).fill('image'));
    expect(['image/svg+xml', 'application/pdf', 'application/octet-stream'].map(kindOf)).toEqual(['text', 'binary', 'binary']);
  });
});
