/**
 * `timeoutMs` is per attempt, starts when the request leaves the pacer, and covers the whole body: against the
 * emulator's stalled, trickling and rate-limited answers over real sockets.
 */
import { randomBytes } from 'node:crypto';
import { openSpace, useEmulator } from '../testing/emulator';
import { TimeoutError } from './errors';

const session = useEmulator('cloud');

/** How long `promise` took to settle, and with what. */
async function timed<T>(promise: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: Date.now() - started, error };
}

const pageOfOpenSpace = () => {
  const space = openSpace(session.emulator);
  const page = [...session.control.world.pages.values()].find((p) => p.spaceId === space.id && !p.restrictions.read && p.status === 'current');
  if (!page) throw new Error('no readable page');
  return page;
};

describe('timeoutMs covers the whole body', () => {
  it('ends a body that stalls after the headers with a TimeoutError after timeoutMs', async () => {
    session.control.injectFault({ kind: 'stall', afterBytes: 10, times: 5, match: { path: '/spaces' } });
    const client = session.clientFor();
    const { ms, error } = await timed(client.spaces.list({}, { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe('Response body stalled or too slow (not complete within 300 ms): GET /wiki/api/v2/spaces');
    expect((error as TimeoutError).cause).toMatchObject({ code: 'BODY_TIMEOUT' });
    expect(ms).toBeGreaterThanOrEqual(280);
    expect(ms).toBeLessThan(1_500);
  });

  it('ends a trickling body after timeoutMs, not after the whole trickle', async () => {
    const page = pageOfOpenSpace();
    session.control.injectFault({ kind: 'slow', bytesPerSecond: 100, times: 1, match: { path: `/pages/${page.id}` } });
    const client = session.clientFor('alice', { timeoutMs: 300 });
    const { ms, error } = await timed(client.pages.get(page.id, { bodyFormat: 'storage' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(1_500);
    // The same read without the fault is bigger than 100 bytes: the trickle alone would have taken seconds.
    expect(JSON.stringify(await client.pages.get(page.id, { bodyFormat: 'storage' })).length).toBeGreaterThan(500);
  });

  it('errors a download stream that stalls mid-file with a TimeoutError', async () => {
    const page = pageOfOpenSpace();
    const file = session.control.addAttachment(page.id, { title: 'stalls.bin', mediaType: 'application/octet-stream', data: randomBytes(50_000) });
    session.control.injectFault({ kind: 'stall', afterBytes: 1_000, match: { path: `/media/file/${file.fileId}` } });
    const client = session.clientFor('alice', { timeoutMs: 400 });
    const { stream } = await client.attachments.download({ pageId: page.id, downloadPath: `/download/attachments/${page.id}/stalls.bin` });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBeGreaterThan(0);
    const { ms, error } = await timed((async () => { for (;;) if ((await reader.read()).done) return; })());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(1_500);
  });

  it('still retries a read whose headers did not come within timeoutMs', async () => {
    session.control.injectFault({ kind: 'delay', ms: 800, times: 1, match: { path: '/spaces' } });
    const client = session.clientFor('alice', { timeoutMs: 300 });
    await expect(client.spaces.list()).resolves.toMatchObject({ items: expect.any(Array) });
    expect(session.control.requests().filter((r) => r.url.includes('/spaces')).length).toBeGreaterThanOrEqual(1);
  });
});

describe('timeoutMs counts from when the request leaves the pacer', () => {
  it('lets every call of a 429 storm succeed, however long it waited in the queue', async () => {
    session.control.setLatency(100);
    session.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 2, match: { path: '/spaces' } });
    const client = session.clientFor('alice', { timeoutMs: 300, maxConcurrency: 2 });
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.spaces.list()));
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(failed).toEqual([]);
    // The storm was real: calls queued for far longer than timeoutMs, behind a 429 pause and each other.
    expect(session.control.requests().filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(1);
    expect(Date.now() - started).toBeGreaterThan(1_000);
  });
});
