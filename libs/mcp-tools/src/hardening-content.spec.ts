/**
 * Hostile content and oversized answers: every answer stays bounded and every text path stays fast enough that one
 * page cannot hold the server. Each case reproduces a failure found against the server before these limits.
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_RESULT_BYTES } from './call';
import { DEFAULT_MAX_CHARS } from './body';
import { connect, spacesOf, startWorld, textOf } from './testing/harness';

/** The size of an answer as the client receives it. */
function bytesOf(result: unknown): number {
  return Buffer.byteLength(JSON.stringify(result));
}

/** The longest stretch the event loop was held while `work` ran, in ms. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = Date.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, Date.now() - last);
}

describe('answers and content under hostile input', () => {
  let emulator: RunningEmulator;
  let spaceKey: string;
  beforeAll(async () => {
    emulator = await startWorld('cloud');
    spaceKey = spacesOf(emulator).open[0].key;
  });
  afterAll(() => emulator.close());

  it('reads a 6 MB page as a bounded answer: the first part, the outline and a cursor', async () => {
    const paragraph = (i: number) => `<h2>Part ${i}</h2><p>${'lorem ipsum dolor sit amet '.repeat(225)}</p>`;
    const body = Array.from({ length: 1000 }, (_, i) => paragraph(i)).join('');
    expect(body.length).toBeGreaterThan(6_000_000);
    const page = emulator.control.createPage({ spaceKey, title: 'Six megabytes', body });
    const mcp = await connect(emulator);
    const result = await mcp.call('get_confluence_page', { page_id: page.id });
    expect(result.isError).toBeFalsy();
    expect(bytesOf(result)).toBeLessThan(4 * DEFAULT_MAX_CHARS);
    expect(String(result.structuredContent?.['body']).length).toBeLessThanOrEqual(DEFAULT_MAX_CHARS);
    expect(result.structuredContent?.['truncated']).toBe(true);
    expect(result.structuredContent?.['next_cursor']).toMatch(/^c1\.\d+$/);
    // The text alone (what many clients give the model) says how to read on and what the page holds.
    expect(textOf(result)).toMatch(/call again with cursor "c1\.\d+"/);
    expect(textOf(result)).toContain('Headings: ## Part 0 | ## Part 1 |');
    expect(textOf(result)).toContain('| … 950 more]');
    await mcp.close();
  }, 60_000);

  it('refuses an image whose base64 would not fit in an answer, inside the attachment cap', async () => {
    const page = emulator.control.createPage({ spaceKey, title: 'Big image' });
    const image = emulator.control.addAttachment(page.id, { title: 'huge.png', mediaType: 'image/png', data: Buffer.alloc(9 * 1024 * 1024, 7) });
    const mcp = await connect(emulator);
    const result = await mcp.call('download_confluence_attachment', { attachment_id: image.id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^TOO_LARGE: /);
    expect(bytesOf(result)).toBeLessThan(10_000);
    await mcp.close();
  }, 30_000);

  it('refuses any answer whose JSON would pass the size cap (a text file that doubles when escaped)', async () => {
    const page = emulator.control.createPage({ spaceKey, title: 'Quotes' });
    const quotes = emulator.control.addAttachment(page.id, { title: 'quotes.txt', mediaType: 'text/plain', data: Buffer.alloc(Math.ceil(MAX_RESULT_BYTES * 0.6), '"') });
    const mcp = await connect(emulator);
    const result = await mcp.call('download_confluence_attachment', { attachment_id: quotes.id });
    expect(textOf(result)).toMatch(/^TOO_LARGE: The answer would be \d+\.\d MB, over the 8\.0 MB/);
    await mcp.close();
  }, 30_000);

  it('reports the bytes that arrived, not the metadata, when a download passes the cap', async () => {
    const page = emulator.control.createPage({ spaceKey, title: 'Lying metadata' });
    const file = emulator.control.addAttachment(page.id, { title: 'grows.txt', mediaType: 'text/plain', data: 'x'.repeat(5000) });
    // A server whose metadata understates the file: the cap must hold on the bytes themselves.
    const understating: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!/\/attachments\/att\d+(\?|$)/.test(String(input instanceof Request ? input.url : input))) return response;
      const metadata = (await response.json()) as Record<string, unknown>;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify({ ...metadata, fileSize: 10 }), { status: response.status, headers });
    };
    const mcp = await connect(emulator, { maxAttachmentBytes: 1000, clientOptions: { fetch: understating } });
    const result = await mcp.call('download_confluence_attachment', { attachment_id: file.id });
    expect(textOf(result)).toBe(
      'TOO_LARGE: The download of this attachment passed the 1000-byte limit (its metadata said 10 bytes). Pass a larger max_bytes (up to the server limit), or open download_url in a browser.',
    );
    await mcp.close();
  });

  it('diffs two large versions that differ everywhere without holding the server, ending in TOO_LARGE', async () => {
    const lines = (tag: string) => Array.from({ length: 6000 }, (_, i) => `<p>${tag} line ${i} ${(i * 7919) % 1000}</p>`).join('');
    const page = emulator.control.createPage({ spaceKey, title: 'Rewritten', body: lines('old') });
    emulator.control.editPage(page.id, { body: lines('new') });
    const mcp = await connect(emulator);
    let text = '';
    const stall = await longestStall(async () => {
      text = textOf(await mcp.call('diff_confluence_page_versions', { page_id: page.id, from_version: 1 }));
    });
    expect(text).toMatch(/^TOO_LARGE: Versions 1 and 2 differ in too many lines/);
    // Before the edit bound, this diff held the event loop for seconds (18.8 s for two 135 KB versions).
    expect(stall).toBeLessThan(1_000);
    await mcp.close();
  }, 30_000);

  it('still diffs versions with a few changes', async () => {
    const body = Array.from({ length: 3000 }, (_, i) => `<p>line ${i}</p>`).join('');
    const page = emulator.control.createPage({ spaceKey, title: 'Small change', body });
    emulator.control.editPage(page.id, { body: body.replace('<p>line 1500</p>', '<p>line fifteen hundred</p>') });
    const mcp = await connect(emulator);
    const result = await mcp.call('diff_confluence_page_versions', { page_id: page.id, from_version: 1 });
    expect(result.structuredContent).toMatchObject({ added_lines: 1, removed_lines: 1, truncated: false });
    expect(textOf(result)).toContain('+line fifteen hundred');
    await mcp.close();
  }, 30_000);

  it('never echoes a long argument back in an error', async () => {
    const page = emulator.control.createPage({ spaceKey, title: 'Echo', body: '<h1>Only</h1><p>x</p>' });
    const mcp = await connect(emulator);
    const wanted = 'z'.repeat(1000);
    const result = await mcp.call('get_confluence_page', { page_id: page.id, section: wanted });
    expect(textOf(result)).toMatch(/^NOT_FOUND: No heading "z{100}… \(1000 characters\)"/);
    expect(textOf(result).length).toBeLessThan(400);
    await mcp.close();
  });

  it('gives every string and array argument of every tool a documented maximum', async () => {
    const mcp = await connect(emulator);
    const { tools } = await mcp.client.listTools();
    const unbounded: string[] = [];
    const visit = (schema: Record<string, unknown>, path: string) => {
      if (schema['type'] === 'string' && schema['maxLength'] === undefined && schema['enum'] === undefined) unbounded.push(path);
      if (schema['type'] === 'array') {
        if (schema['maxItems'] === undefined) unbounded.push(path);
        visit((schema['items'] ?? {}) as Record<string, unknown>, `${path}[]`);
      }
      for (const [name, child] of Object.entries((schema['properties'] ?? {}) as Record<string, Record<string, unknown>>)) visit(child, `${path}.${name}`);
    };
    for (const tool of tools) visit(tool.inputSchema as Record<string, unknown>, tool.name);
    expect(unbounded).toEqual([]);
    await mcp.close();
  });

  it('refuses a million space keys by name, without sending anything to Confluence', async () => {
    const mcp = await connect(emulator);
    emulator.control.clearLog();
    const answer = await mcp.call('search_confluence_pages', { text: 'x', space_keys: Array.from({ length: 1_000_000 }, (_, i) => `K${i}`) }).then(
      (result) => textOf(result),
      (error: Error) => error.message,
    );
    expect(answer).toMatch(/space_keys/);
    expect(answer).toMatch(/50/);
    expect(emulator.control.requestCount()).toBe(0);
    await mcp.close();
  }, 30_000);

  it('answers a 414 or 431 from Confluence with TOO_LARGE and what to shorten', async () => {
    const mcp = await connect(emulator);
    for (const status of [414, 431]) {
      emulator.control.injectFault({ kind: 'status', status, times: 1, match: { path: 'search' } });
      const result = await mcp.call('search_confluence_pages', { text: 'kafka' });
      expect(textOf(result)).toMatch(new RegExp(`^TOO_LARGE: .*HTTP ${status}.*fewer space_keys or labels, or a shorter query`));
    }
    await mcp.close();
  });
});

describe('a Confluence that redirects in a loop', () => {
  it('is UNAVAILABLE with the reason, not an internal error', async () => {
    const loop = createServer((request, response) => {
      response.writeHead(302, { location: request.url ?? '/' });
      response.end();
    });
    await new Promise<void>((resolve) => loop.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(loop.address() as AddressInfo).port}`;
    const emulator = await startWorld('cloud');
    try {
      const mcp = await connect(emulator, { clientOptions: { baseUrl: `${url}/wiki` } });
      const result = await mcp.call('get_confluence_spaces', {});
      expect(textOf(result)).toMatch(new RegExp(`^UNAVAILABLE: Confluence at ${url}/wiki sent too many redirects`));
      await mcp.close();
    } finally {
      await emulator.close();
      await new Promise((resolve) => loop.close(resolve));
    }
  });
});
