/**
 * A slow, stalling or rate-limiting Confluence: calls end on time with an error that names the site, cancelled
 * calls stop making requests, and a write whose outcome is unknown says so instead of "retry".
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, pagesIn, spacesOf, startWorld, textOf } from './testing/harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a slow or failing Confluence', () => {
  let emulator: RunningEmulator;
  let spaceKey: string;
  let pageId: string;
  beforeAll(async () => {
    emulator = await startWorld('cloud');
    spaceKey = spacesOf(emulator).open[0].key;
    pageId = pagesIn(emulator, spaceKey)[0].id;
  });
  afterEach(() => emulator.control.clearFaults());
  afterAll(() => emulator.close());

  it('ends a page read whose body trickles in at 50 bytes/s at the request timeout, naming the site', async () => {
    const mcp = await connect(emulator, { clientOptions: { timeoutMs: 700 } });
    emulator.control.setSlowBody(50);
    const started = Date.now();
    const result = await mcp.call('get_confluence_page', { page_id: pageId });
    const elapsed = Date.now() - started;
    emulator.control.setSlowBody(null);
    expect(textOf(result)).toMatch(new RegExp(`^UNAVAILABLE: Confluence at ${emulator.url}/wiki did not answer in time`));
    // Before, the timeout stopped at the headers and this read took minutes (200 s for one page).
    expect(elapsed).toBeLessThan(10_000);
    await mcp.close();
  }, 30_000);

  it('serves 50 concurrent reads through a 429 storm: time queued behind the pacer is not counted as a timeout', async () => {
    const mcp = await connect(emulator, { clientOptions: { timeoutMs: 1_000, maxConcurrency: 4, retry: { limit: 20, maxRetryAfterMs: 5_000, backoffLimitMs: 200 } } });
    await mcp.call('get_confluence_page', { page_id: pageId }); // space key cached: one request per call from here
    emulator.control.setRateLimit({ capacity: 5, refillPerSecond: 25 });
    const results = await Promise.all(Array.from({ length: 50 }, () => mcp.call('get_confluence_page', { page_id: pageId, max_chars: 200 })));
    emulator.control.setRateLimit(null);
    const failed = results.filter((r) => r.isError).map(textOf);
    expect(failed).toEqual([]);
    await mcp.close();
  }, 60_000);

  it('says UNKNOWN_OUTCOME when a comment was sent but not confirmed, and the comment did land', async () => {
    const page = emulator.control.createPage({ spaceKey, title: 'Slow comments' });
    const mcp = await connect(emulator, { clientOptions: { timeoutMs: 500 } });
    // Carried out and answered with headers, then the body stalls: the client cannot know the comment was added.
    emulator.control.injectFault({ kind: 'stall', times: 1, match: { method: 'POST', path: 'comment' } });
    const result = await mcp.call('add_confluence_comment', { page_id: page.id, body: 'Deploy is done.' });
    expect(textOf(result)).toMatch(/^UNKNOWN_OUTCOME: .*may or may not have been made\. List the comments \(get_confluence_page_comments\) before retrying/);
    expect(textOf(result)).not.toMatch(/retry in a minute/i);
    const comments = [...emulator.control.world.comments.values()].filter((c) => c.pageId === page.id);
    expect(comments).toHaveLength(1);
    await mcp.close();
  }, 30_000);

  it('ends a call at the deadline with an error naming the site, although each request may take longer', async () => {
    const mcp = await connect(emulator, { callDeadlineMs: 800, clientOptions: { timeoutMs: 30_000 } });
    emulator.control.setLatency(5_000);
    const started = Date.now();
    const result = await mcp.call('get_confluence_page', { page_id: pageId });
    const elapsed = Date.now() - started;
    expect(textOf(result)).toMatch(new RegExp(`^UNAVAILABLE: Confluence at ${emulator.url}/wiki did not answer within 1 s`));
    expect(elapsed).toBeLessThan(3_000);
    await mcp.close();
  }, 30_000);

  it('stops making requests once the client cancels a call', async () => {
    const mcp = await connect(emulator);
    emulator.control.setLatency(400);
    const controller = new AbortController();
    const call = mcp.client.callTool({ name: 'get_confluence_space_page_tree', arguments: { space_key: spaceKey, max_depth: 3 } }, undefined, { signal: controller.signal });
    await sleep(150);
    controller.abort();
    await expect(call).rejects.toThrow();
    const atCancel = emulator.control.requestCount();
    // Every request of the call would have been sent by now, each 400 ms after the previous one.
    await sleep(1_500);
    expect(emulator.control.requestCount()).toBe(atCancel);
    await mcp.close();
  }, 30_000);
});

describe('add_confluence_page_attachment against a folder swapped for a symlink', () => {
  let emulator: RunningEmulator;
  let root: string;
  beforeAll(async () => {
    emulator = await startWorld('cloud');
    root = await mkdtemp(join(tmpdir(), 'upload-race-'));
  });
  afterAll(async () => {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  });

  it('uploads the file it checked, never one from outside the allowed directories', async () => {
    const allowed = join(root, 'allowed');
    const outside = join(root, 'outside');
    await mkdir(join(allowed, 'docs'), { recursive: true });
    await mkdir(outside, { recursive: true });
    await writeFile(join(allowed, 'docs', 'notes.txt'), 'inside');
    await writeFile(join(outside, 'notes.txt'), 'SECRET from outside');
    const page = emulator.control.createPage({ spaceKey: spacesOf(emulator).open[0].key, title: 'Upload race' });
    const mcp = await connect(emulator, { attachmentDirectories: [allowed] });
    // The page read takes 400 ms: long enough to swap the folder while the tool waits for Confluence.
    emulator.control.injectFault({ kind: 'delay', ms: 400, times: 1, match: { method: 'GET', path: `/pages/${page.id}` } });
    const call = mcp.call('add_confluence_page_attachment', { page_id: page.id, file_path: join(allowed, 'docs', 'notes.txt') });
    await sleep(150);
    await rename(join(allowed, 'docs'), join(allowed, 'docs-old'));
    await symlink(outside, join(allowed, 'docs'));
    const result = await call;
    const uploaded = [...emulator.control.world.attachments.values()].filter((a) => a.pageId === page.id).map((a) => a.data.toString());
    expect(uploaded).not.toContain('SECRET from outside');
    expect(result.isError ? textOf(result) : uploaded).toEqual(['inside']);
    await mcp.close();
  }, 30_000);

  it('refuses a symlink as the file itself, and a path through a symlinked folder that leads outside', async () => {
    const allowed = join(root, 'allowed2');
    const outside = join(root, 'outside2');
    await mkdir(allowed, { recursive: true });
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'secret.txt'), 'SECRET');
    await symlink(join(outside, 'secret.txt'), join(allowed, 'link.txt'));
    await symlink(outside, join(allowed, 'folder'));
    const page = emulator.control.createPage({ spaceKey: spacesOf(emulator).open[0].key, title: 'Upload links' });
    const mcp = await connect(emulator, { attachmentDirectories: [allowed] });
    expect(textOf(await mcp.call('add_confluence_page_attachment', { page_id: page.id, file_path: join(allowed, 'link.txt') }))).toMatch(/^FORBIDDEN: .*symbolic link/);
    expect(textOf(await mcp.call('add_confluence_page_attachment', { page_id: page.id, file_path: join(allowed, 'folder', 'secret.txt') }))).toMatch(/^FORBIDDEN: .*outside the directories/);
    expect([...emulator.control.world.attachments.values()].filter((a) => a.pageId === page.id)).toEqual([]);
    await mcp.close();
  });
});
