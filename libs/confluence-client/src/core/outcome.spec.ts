/**
 * A write that failed in transit may still have been carried out: `outcomeUnknown` says so, and the low-level
 * error stays reachable as `cause` (codes only in `toJSON`).
 */
import { createServer } from 'node:net';
import { createConfluenceClient } from '../client';
import { openSpace, useEmulator } from '../testing/emulator';
import { AbortError, ConnectionError, TimeoutError } from './errors';

const session = useEmulator('cloud');

let pages = 0;
const freshPage = () => session.control.createPage({ spaceKey: openSpace(session.emulator).key, title: `Outcome ${++pages}` });
const commentsOn = (pageId: string) => [...session.control.world.comments.values()].filter((c) => c.pageId === pageId);

/** A loopback port nothing listens on: connecting is refused before a byte of the request is sent. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('outcomeUnknown', () => {
  it('is true for a comment whose answer timed out after the server had saved it', async () => {
    const page = freshPage();
    session.control.injectFault({ kind: 'stall', afterBytes: 5, match: { method: 'POST', path: '/footer-comments' } });
    const error = await session.clientFor().comments.create(page.id, '<p>saved, answer lost</p>', { timeoutMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.outcomeUnknown).toBe(true);
    // It was indeed carried out: repeating it blindly would have posted the comment twice.
    expect(commentsOn(page.id).map((c) => c.versions[0].body)).toEqual(['<p>saved, answer lost</p>']);
  });

  it('is false for a read that timed out (repeating it is harmless)', async () => {
    session.control.injectFault({ kind: 'stall', times: 10, match: { path: '/spaces' } });
    const error = await session.clientFor('alice', { retry: { limit: 0 } }).spaces.list({}, { timeoutMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.outcomeUnknown).toBe(false);
  });

  it('is true for a create whose connection was reset after it was sent', async () => {
    const page = freshPage();
    session.control.injectFault({ kind: 'reset', match: { method: 'POST', path: '/footer-comments' } });
    const error = await session.clientFor().comments.create(page.id, '<p>x</p>').catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/^Connection (closed by the server \(UND_ERR_SOCKET\)|reset \(ECONNRESET\)): POST /);
    expect(error.cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('is false for a create whose connection was refused: nothing was sent', async () => {
    const port = await closedPort();
    const client = createConfluenceClient({ baseUrl: `http://127.0.0.1:${port}`, flavor: 'dc', auth: { type: 'pat', token: 'pat-alice' } });
    const error = await client.comments.create('123', '<p>x</p>').catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('Connection failed (ECONNREFUSED): POST /rest/api/content');
    expect(error.outcomeUnknown).toBe(false);
  });

  it('is true for a create aborted in flight, false for one aborted while still queued', async () => {
    const page = freshPage();
    session.control.injectFault({ kind: 'delay', ms: 600, match: { method: 'POST', path: '/footer-comments' } });
    const client = session.clientFor('alice', { maxConcurrency: 1 });
    const controller = new AbortController();
    const inFlight = client.comments.create(page.id, '<p>in flight</p>', { signal: controller.signal }).catch((e) => e);
    const queued = client.comments.create(page.id, '<p>queued</p>', { signal: controller.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    expect(await inFlight).toMatchObject({ name: 'AbortError', outcomeUnknown: true });
    expect(await queued).toBeInstanceOf(AbortError);
    expect((await queued).outcomeUnknown).toBe(false);
  });
});

describe('cause', () => {
  it('keeps the low-level error on TimeoutError and ConnectionError, and only its code in toJSON', async () => {
    session.control.injectFault({ kind: 'delay', ms: 1_000, times: 5, match: { path: '/spaces' } });
    const timeout = await session.clientFor('alice', { timeoutMs: 200, retry: { limit: 0 } }).spaces.list().catch((e) => e);
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(timeout.cause).toMatchObject({ code: 'HEADERS_TIMEOUT' });
    expect(timeout.toJSON()).toMatchObject({ name: 'TimeoutError', cause: 'HEADERS_TIMEOUT', outcomeUnknown: false });

    const port = await closedPort();
    const refused = await createConfluenceClient({ baseUrl: `http://127.0.0.1:${port}`, flavor: 'dc', auth: { type: 'pat', token: 'pat-secret' }, retry: { limit: 0 } })
      .spaces.list()
      .catch((e) => e);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect(refused.cause).toMatchObject({ name: 'TypeError', cause: expect.objectContaining({ code: 'ECONNREFUSED' }) });
    const json = JSON.stringify(refused);
    expect(JSON.parse(json)).toMatchObject({ name: 'ConnectionError', cause: 'ECONNREFUSED' });
    expect(json).not.toContain('pat-secret');
    expect(json).not.toContain('    at ');
  });
});
