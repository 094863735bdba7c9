import { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfluenceClient } from '../client';
import { ForbiddenError, NotFoundError, ResponseTooLargeError, ServerError } from '../core/errors';
import { collect } from '../core/pagination';
import { Attachment, ListPage } from '../model';
import { FLAVORS, clientFor, emulatorFor, openSpace } from '../testing/emulator';

describe.each(FLAVORS)('attachments on %s', (flavor) => {
  let emulator: RunningEmulator;
  let client: ConfluenceClient;
  let dir: string;
  beforeAll(async () => {
    emulator = await emulatorFor(flavor);
    client = clientFor(emulator);
    dir = await mkdtemp(join(tmpdir(), 'attachments-spec-'));
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => emulator.control.clearFaults());

  let pages = 0;
  const freshPage = () => emulator.control.createPage({ spaceKey: openSpace(emulator).key, title: `Attachments ${flavor} ${++pages}` });
  const attach = (pageId: string, files: Array<[string, string]>) =>
    files.map(([title, mediaType]) => emulator.control.addAttachment(pageId, { title, mediaType, data: randomBytes(300 + title.length) }));
  const stored = (pageId: string, title: string) => [...emulator.control.world.attachments.values()].find((a) => a.pageId === pageId && a.title === title);
  /** A generated attachment of this media type on a page everyone may read. */
  const generated = (mediaType: string) => {
    const space = openSpace(emulator);
    const found = [...emulator.control.world.attachments.values()].find((a) => a.mediaType === mediaType && emulator.control.page(a.pageId).spaceId === space.id && !emulator.control.page(a.pageId).restrictions.read);
    if (!found) throw new Error(`no generated ${mediaType} attachment`);
    return found;
  };
  const read = async (stream: ReadableStream<Uint8Array>) => {
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    return Buffer.concat(chunks);
  };
  const loggedAfter = (mark: number) => emulator.control.requests().slice(mark);

  describe('list, iterate, get', () => {
    it('lists attachments page by page, each once, with what Confluence holds', async () => {
      const page = freshPage();
      const added = attach(page.id, [['a.pdf', 'application/pdf'], ['b.png', 'image/png'], ['c.txt', 'text/plain'], ['d.png', 'image/png'], ['e.csv', 'text/csv']]);
      const listed: ListPage<Attachment>[] = [];
      let cursor: string | undefined;
      do {
        listed.push(await client.attachments.list(page.id, { limit: 2, cursor }));
        cursor = listed[listed.length - 1].nextCursor;
      } while (cursor && listed.length < 10);
      expect(listed.map((p) => p.items.length)).toEqual([2, 2, 1]);
      const items = listed.flatMap((p) => p.items);
      expect(items.map((a) => a.id)).toEqual(added.map((a) => a.id));
      expect(items[1]).toEqual(
        expect.objectContaining({ title: 'b.png', mediaType: 'image/png', fileSize: added[1].data.length, pageId: page.id, version: 1, comment: '' }),
      );
      expect(items.every((a) => a.downloadPath.startsWith(`/download/attachments/${page.id}/`) && a.createdAt !== '')).toBe(true);
    });

    it('filters by file name and by media type', async () => {
      const page = freshPage();
      attach(page.id, [['one.png', 'image/png'], ['two.pdf', 'application/pdf'], ['three.png', 'image/png']]);
      const byName = await client.attachments.list(page.id, { filename: 'two.pdf' });
      expect(byName.items.map((a) => a.title)).toEqual(['two.pdf']);
      const byType = await collect(client.attachments.iterate(page.id, { mediaType: 'image/png' }), 10);
      expect(byType.map((a) => a.title)).toEqual(['one.png', 'three.png']);
    });

    it('iterates every attachment of a page across calls', async () => {
      const page = freshPage();
      const added = attach(page.id, Array.from({ length: 7 }, (_, i): [string, string] => [`f${i}.txt`, 'text/plain']));
      const all = await collect(client.attachments.iterate(page.id, { limit: 3 }), 100);
      expect(all.map((a) => a.id)).toEqual(added.map((a) => a.id));
    });

    it('gets one attachment by id, and NotFoundError for one that does not exist', async () => {
      const page = freshPage();
      const [added] = attach(page.id, [['single.pdf', 'application/pdf']]);
      const got = await client.attachments.get(added.id);
      expect(got).toEqual(expect.objectContaining({ id: added.id, title: 'single.pdf', pageId: page.id, fileSize: added.data.length, version: 1 }));
      await expect(client.attachments.get('att999999999')).rejects.toBeInstanceOf(NotFoundError);
      await expect(client.attachments.get(page.id)).rejects.toThrow(TypeError);
    });
  });

  describe('download', () => {
    it.each(['application/pdf', 'image/png'])('streams the exact bytes of a generated %s', async (mediaType) => {
      const original = generated(mediaType);
      const [attachment] = (await client.attachments.list(original.pageId, { filename: original.title })).items;
      const download = await client.attachments.download(attachment);
      expect(download).toEqual(expect.objectContaining({ filename: original.title, size: original.data.length }));
      expect(download.mediaType).toContain(mediaType);
      expect((await read(download.stream)).equals(original.data)).toBe(true);
      expect((await client.attachments.downloadBuffer({ pageId: original.pageId, downloadPath: attachment.downloadPath })).equals(original.data)).toBe(true);
    });

    it('refuses at once, before reading the body, when Content-Length is over the cap', async () => {
      const original = generated('application/pdf');
      const attachment = await client.attachments.get(original.id);
      await expect(client.attachments.download(attachment, { maxBytes: original.data.length - 1 })).rejects.toBeInstanceOf(ResponseTooLargeError);
      const exact = await client.attachments.downloadBuffer(attachment, { maxBytes: original.data.length });
      expect(exact.length).toBe(original.data.length);
    });

    it('errors the stream once the bytes counted pass the cap when the server sends no length', async () => {
      const page = freshPage();
      const big = emulator.control.addAttachment(page.id, { title: 'big.bin', mediaType: 'application/octet-stream', data: randomBytes(120_000) });
      // A slow body is sent chunked, without Content-Length: the client can only count.
      const chunked = () => emulator.control.injectFault({ kind: 'slow', bytesPerSecond: 800_000, match: { path: flavor === 'cloud' ? '/media/file/' : '/download/attachments/' } });
      const attachment = await client.attachments.get(big.id);

      chunked();
      const download = await client.attachments.download(attachment, { maxBytes: 50_000 });
      expect(download.size).toBeUndefined();
      const reader = download.stream.getReader();
      let received = 0;
      const failure = await (async () => {
        for (;;) {
          const r = await reader.read();
          if (r.done) return undefined;
          received += r.value.length;
        }
      })().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ResponseTooLargeError);
      expect(received).toBeGreaterThan(0);
      expect(received).toBeLessThanOrEqual(50_000);

      chunked();
      const whole = await client.attachments.downloadBuffer(attachment, { maxBytes: 120_000 });
      expect(whole.equals(big.data)).toBe(true);
    });

    it('sends credentials only to the site, never to the media URL it redirects to', async () => {
      const seen: Array<{ url: string; authorization: string | null }> = [];
      const recording: typeof fetch = (input, init) => {
        const request = new Request(input, init);
        seen.push({ url: request.url, authorization: request.headers.get('authorization') });
        return fetch(request);
      };
      const watched = clientFor(emulator, 'alice', { fetch: recording });
      const original = generated('image/png');
      const attachment = await watched.attachments.get(original.id);
      seen.length = 0;
      const mark = emulator.control.requests().length;
      expect((await watched.attachments.downloadBuffer(attachment)).equals(original.data)).toBe(true);

      const alice = emulator.control.user('alice').accountId;
      const logged = loggedAfter(mark);
      expect(logged[0]).toEqual(expect.objectContaining({ accountId: alice, status: flavor === 'cloud' ? 302 : 200 }));
      expect(seen[0].authorization).toMatch(/^(Basic|Bearer) /);
      if (flavor === 'cloud') {
        expect(logged.map((r) => r.url.split('?')[0])).toEqual([expect.stringContaining('/download/attachments/'), expect.stringMatching(/^\/media\/file\//)]);
        expect(logged[1].accountId).toBeNull();
        // The emulator's media route never authenticates, so its log cannot show a leaked header: the client's fetch can.
        expect(seen).toEqual([expect.objectContaining({ url: expect.stringContaining('/download/attachments/') }), { url: expect.stringContaining('/media/file/'), authorization: null }]);
      } else {
        expect(logged).toHaveLength(1);
        expect(seen).toHaveLength(1);
      }
    });

    it('refuses a download path that is not a download link of the page, sending nothing', async () => {
      const mark = emulator.control.requestCount();
      for (const downloadPath of ['/rest/api/content', '@evil.example/download/attachments/1/x', '/download/attachments/2/x', '/download/attachments/1/%2e%2e/%2e%2e/rest/api/space', '/download/attachments/1/../../x']) {
        await expect(client.attachments.download({ pageId: '1', downloadPath })).rejects.toThrow(TypeError);
      }
      expect(emulator.control.requestCount()).toBe(mark);
    });
  });

  describe('upload', () => {
    it('uploads a Buffer with the XSRF header, and the same name again makes version 2', async () => {
      const page = freshPage();
      const mark = emulator.control.requests().length;
      const first = await client.attachments.upload(page.id, { data: Buffer.from('first draft'), filename: 'notes.txt', comment: 'v1 notes' });
      expect(first).toEqual(expect.objectContaining({ title: 'notes.txt', pageId: page.id, version: 1, fileSize: 11, comment: 'v1 notes', mediaType: 'text/plain' }));
      const second = await client.attachments.upload(page.id, { data: new Uint8Array(Buffer.from('second draft!')), filename: 'notes.txt', mediaType: 'text/markdown' });
      expect(second).toEqual(expect.objectContaining({ id: first.id, version: 2, fileSize: 13, mediaType: 'text/markdown' }));
      expect(stored(page.id, 'notes.txt')?.data.toString()).toBe('second draft!');
      const puts = loggedAfter(mark).filter((r) => r.method === 'PUT');
      expect(puts).toHaveLength(2);
      expect(puts.every((r) => r.headers.atlassianToken === 'no-check' && r.headers.contentType?.startsWith('multipart/form-data'))).toBe(true);
      expect((await client.attachments.downloadBuffer(second)).toString()).toBe('second draft!');
    });

    it('uploads a file from disk under its base name', async () => {
      const page = freshPage();
      const path = join(dir, 'diagram.png');
      const bytes = randomBytes(4096);
      await writeFile(path, bytes);
      const saved = await client.attachments.uploadFile(page.id, path, { comment: 'from disk' });
      expect(saved).toEqual(expect.objectContaining({ title: 'diagram.png', mediaType: 'image/png', fileSize: 4096, comment: 'from disk' }));
      expect(stored(page.id, 'diagram.png')?.data.equals(bytes)).toBe(true);
      const renamed = await client.attachments.uploadFile(page.id, path, { filename: 'renamed.png' });
      expect(renamed.title).toBe('renamed.png');
    });

    it('refuses a directory and a file over the cap with a TypeError naming the path, sending nothing', async () => {
      const page = freshPage();
      const path = join(dir, 'large.bin');
      await writeFile(path, randomBytes(2048));
      const mark = emulator.control.requestCount();
      await expect(client.attachments.uploadFile(page.id, dir)).rejects.toThrow(new TypeError(`uploadFile: '${dir}' is a directory`));
      await expect(client.attachments.uploadFile(page.id, path, { maxBytes: 2047 })).rejects.toThrow(`'${path}' is 2048 bytes, over the 2047-byte cap`);
      expect(emulator.control.requestCount()).toBe(mark);
    });

    it('is refused for a user who may not edit the page, and not retried', async () => {
      const page = freshPage();
      emulator.control.restrictPage(page.id, { update: [emulator.control.user('alice').accountId] });
      const mark = emulator.control.requests().length;
      await expect(clientFor(emulator, 'bob').attachments.upload(page.id, { data: Buffer.from('x'), filename: 'x.txt' })).rejects.toBeInstanceOf(ForbiddenError);
      const puts = loggedAfter(mark).filter((r) => r.method === 'PUT');
      expect(puts).toEqual([expect.objectContaining({ status: 403, headers: expect.objectContaining({ atlassianToken: 'no-check' }) })]);
      expect(stored(page.id, 'x.txt')).toBeUndefined();
    });

    it('is retried only when the server said it did not process it', async () => {
      const page = freshPage();
      let mark = emulator.control.requests().length;
      emulator.control.injectFault({ kind: 'status', status: 500, times: 1, match: { method: 'PUT', path: '/child/attachment' } });
      await expect(client.attachments.upload(page.id, { data: Buffer.from('a'), filename: 'a.txt' })).rejects.toBeInstanceOf(ServerError);
      expect(loggedAfter(mark).filter((r) => r.method === 'PUT')).toHaveLength(1);

      mark = emulator.control.requests().length;
      emulator.control.injectFault({ kind: 'status', status: 503, retryAfterSeconds: 0, times: 1, match: { method: 'PUT', path: '/child/attachment' } });
      const saved = await client.attachments.upload(page.id, { data: Buffer.from('b'), filename: 'b.txt' });
      expect(saved.version).toBe(1);
      expect(loggedAfter(mark).filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([503, 200]);
    });
  });
});
