import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, pagesIn, spacesOf, startWorld, textOf } from '../testing/harness';

describe.each(['cloud', 'dc'] as const)('comments and attachments on %s', (flavor) => {
  let emulator: RunningEmulator;
  let pageId: string;
  beforeAll(async () => {
    emulator = await startWorld(flavor);
    pageId = pagesIn(emulator, spacesOf(emulator).open[0].key)[0].id;
  });
  afterAll(() => emulator.close());

  it('lists comments with Markdown bodies and replies', async () => {
    const top = emulator.control.addComment(pageId, '<p>Looks <strong>good</strong></p>');
    emulator.control.addComment(pageId, '<p>Thanks</p>', { replyTo: top.id });
    const mcp = await connect(emulator);
    const result = await mcp.call('get_confluence_page_comments', { page_id: pageId, location: 'footer', expand: ['replies'], limit: 50 });
    const comments = result.structuredContent?.['comments'] as Array<{ id: string; body: string; replies?: Array<{ body: string }> }>;
    const mine = comments.find((c) => c.id === top.id);
    expect(mine?.body).toBe('Looks **good**');
    expect(mine?.replies?.map((r) => r.body)).toEqual(['Thanks']);
    await mcp.close();
  });

  it('lists attachments filtered by file name', async () => {
    emulator.control.addAttachment(pageId, { title: `notes-${flavor}.txt`, mediaType: 'text/plain', data: 'hello' });
    const mcp = await connect(emulator);
    const result = await mcp.call('get_confluence_page_attachments', { page_id: pageId, filename: `notes-${flavor}.txt` });
    expect(result.structuredContent?.['attachments']).toEqual([expect.objectContaining({ title: `notes-${flavor}.txt`, media_type: expect.stringContaining('text/plain'), file_size: 5 })]);
    await mcp.close();
  });

  it('pages comments and attachments by start on Data Center only', async () => {
    const target = pagesIn(emulator, spacesOf(emulator).open[0].key)[1].id;
    for (const n of [1, 2, 3]) {
      emulator.control.addComment(target, `<p>Comment ${n}</p>`);
      emulator.control.addAttachment(target, { title: `file-${n}.txt`, mediaType: 'text/plain', data: `data ${n}` });
    }
    const mcp = await connect(emulator);
    for (const [tool, key] of [
      ['get_confluence_page_comments', 'comments'],
      ['get_confluence_page_attachments', 'attachments'],
    ] as const) {
      expect(textOf(await mcp.call(tool, { page_id: target, start: 1, cursor: '1' }))).toMatch(/^INVALID_ARGUMENT: start: give either start or cursor/);
      const first = await mcp.call(tool, { page_id: target, limit: 2 });
      const second = await mcp.call(tool, { page_id: target, limit: 2, start: 2 });
      if (flavor === 'cloud') {
        expect(first.structuredContent?.['next_start_offset']).toBeUndefined();
        expect([tool, textOf(second)]).toEqual([tool, expect.stringMatching(/^INVALID_ARGUMENT: start: .*cursor/)]);
        continue;
      }
      expect([tool, first.structuredContent?.['next_start_offset']]).toEqual([tool, 2]);
      const ids = (r: typeof first) => (r.structuredContent?.[key] as Array<{ id: string }>).map((c) => c.id);
      const all = ids(await mcp.call(tool, { page_id: target, limit: 50 }));
      expect(all.length).toBeGreaterThanOrEqual(3);
      expect(ids(first)).toEqual(all.slice(0, 2));
      expect(ids(second)).toEqual(all.slice(2, 4));
      expect(second.structuredContent?.['next_start_offset']).toBe(all.length > 4 ? 4 : undefined);
    }
    await mcp.close();
  });

  it('uploads only regular files below the allowed directories, within the size cap', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mcp-att-'));
    const allowed = join(root, 'allowed');
    await mkdir(allowed);
    await writeFile(join(allowed, 'report.txt'), 'report body');
    await writeFile(join(allowed, 'big.bin'), Buffer.alloc(2048));
    await writeFile(join(root, 'secret.txt'), 'secret');
    await symlink(join(root, 'secret.txt'), join(allowed, 'link.txt'));
    const mcp = await connect(emulator, { attachmentDirectories: [allowed], maxAttachmentBytes: 1024 });
    const ok = await mcp.call('add_confluence_page_attachment', { page_id: pageId, file_path: join(allowed, 'report.txt'), comment: 'weekly' });
    expect(ok.isError).toBeFalsy();
    expect(ok.structuredContent).toMatchObject({ title: 'report.txt', file_size: 11 });
    const stored = [...emulator.control.world.attachments.values()].find((a) => a.pageId === pageId && a.title === 'report.txt');
    expect(stored?.data.toString()).toBe('report body');

    const cases: Array<[string, RegExp]> = [
      [join(root, 'secret.txt'), /^FORBIDDEN: .*outside the directories/],
      [join(allowed, 'link.txt'), /^FORBIDDEN: .*is a symbolic link/],
      [join(allowed, '..', 'secret.txt'), /^FORBIDDEN:/],
      [join(allowed, 'missing.txt'), /^NOT_FOUND: .*does not exist/],
      [allowed, /^(INVALID_ARGUMENT: .*is a directory|FORBIDDEN:)/],
      [join(allowed, 'big.bin'), /^TOO_LARGE: .*2048 bytes, over the 1024-byte limit/],
      ['relative.txt', /^INVALID_ARGUMENT: file_path: must be an absolute path/],
    ];
    for (const [path, expected] of cases) {
      const result = await mcp.call('add_confluence_page_attachment', { page_id: pageId, file_path: path });
      expect([path, result.isError]).toEqual([path, true]);
      expect(textOf(result)).toMatch(expected);
    }
    const sub = join(allowed, 'sub');
    await mkdir(sub);
    expect(textOf(await mcp.call('add_confluence_page_attachment', { page_id: pageId, file_path: sub }))).toMatch(/^INVALID_ARGUMENT: .*is a directory/);
    await mcp.close();
    const none = await connect(emulator);
    expect(textOf(await none.call('add_confluence_page_attachment', { page_id: pageId, file_path: join(allowed, 'report.txt') }))).toMatch(/^FORBIDDEN: No attachment directories/);
    await none.close();
  });
});
