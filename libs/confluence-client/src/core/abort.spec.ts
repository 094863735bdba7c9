/** A caller's `AbortSignal` ends a call wherever it is: before it starts, queued, in flight, between retries or pages. */
import { cql } from '../cql';
import { openSpace, recordingFetch, useEmulator } from '../testing/emulator';
import { AbortError, ConfluenceError } from './errors';

const session = useEmulator('cloud', { pagesPerSpace: 40 });

const abortAfter = (ms: number, reason: unknown = new Error('the user pressed stop')) => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason), ms);
  return controller.signal;
};

describe('aborting a call', () => {
  it('refuses at once, sending nothing, when the signal has already aborted', async () => {
    const recorder = recordingFetch();
    const client = session.clientFor('alice', { fetch: recorder.fetch });
    const error = await client.spaces.list({}, { signal: AbortSignal.abort(new Error('too late')) }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ name: 'AbortError', message: 'Aborted by the caller: GET /wiki/api/v2/spaces', outcomeUnknown: false });
    expect(error.cause).toEqual(new Error('too late'));
    expect(recorder.sent).toHaveLength(0);
  });

  it('takes a call queued in the pacer out of the queue: it is never sent', async () => {
    session.control.setLatency(400);
    const recorder = recordingFetch();
    const client = session.clientFor('alice', { maxConcurrency: 1, fetch: recorder.fetch });
    const first = client.spaces.list();
    const started = Date.now();
    const error = await client.spaces.get(openSpace(session.emulator).id, { signal: abortAfter(50) }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(300);
    await first;
    expect(recorder.sent.map((r) => new URL(r.url).pathname)).toEqual(['/wiki/api/v2/spaces']);
  });

  it('aborts a request in flight: AbortError, not a connection error or a timeout', async () => {
    session.control.setLatency(2_000);
    const recorder = recordingFetch();
    const client = session.clientFor('alice', { fetch: recorder.fetch, timeoutMs: 5_000 });
    const started = Date.now();
    const error = await client.spaces.list({}, { signal: abortAfter(100) }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(recorder.sent).toHaveLength(1);
    expect(recorder.sent[0].signal.aborted).toBe(true);
  });

  it('stops waiting between retries (a 429 asked for a second) and sends no retry', async () => {
    session.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 5, match: { path: '/spaces' } });
    const recorder = recordingFetch();
    const client = session.clientFor('alice', { fetch: recorder.fetch });
    const started = Date.now();
    const error = await client.spaces.list({}, { signal: abortAfter(150) }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(700);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(recorder.sent).toHaveLength(1);
  });
});

describe('aborting an iteration', () => {
  /** Read items until `after` have arrived, abort, then keep reading: what came, and what ended it. */
  async function abortMidway<T>(items: (signal: AbortSignal) => AsyncIterable<T>, after: number) {
    const controller = new AbortController();
    const seen: T[] = [];
    let error: unknown;
    try {
      for await (const item of items(controller.signal)) {
        seen.push(item);
        if (seen.length === after) controller.abort();
      }
    } catch (e) {
      error = e;
    }
    return { seen, error };
  }

  it('pages.iterate stops at the next page and aborts the page it fetched ahead', async () => {
    session.control.setLatency(100);
    const recorder = recordingFetch();
    const client = session.clientFor('alice', { fetch: recorder.fetch });
    const space = openSpace(session.emulator);
    await client.spaces.idOf(space.key);
    const before = recorder.sent.length;
    const { seen, error } = await abortMidway((signal) => client.pages.iterate({ spaceKey: space.key }, { limit: 5 }, { signal }), 2);
    expect(error).toBeInstanceOf(AbortError);
    const pageRequests = recorder.sent.slice(before);
    // The first page, and the one fetched ahead (its Link header came before the body), which was aborted.
    expect(pageRequests).toHaveLength(2);
    expect(pageRequests.every((r) => r.url.includes('/pages'))).toBe(true);
    expect(pageRequests[1].signal.aborted).toBe(true);
    expect(seen.length).toBeLessThanOrEqual(5);
    // Nothing more goes out once the iterator has thrown.
    await new Promise((r) => setTimeout(r, 300));
    expect(recorder.sent.length - before).toBe(pageRequests.length);
  });

  it('search.iterate sends no further page once the signal aborts', async () => {
    const recorder = recordingFetch();
    const client = session.clientFor('alice', { fetch: recorder.fetch });
    const { seen, error } = await abortMidway((signal) => client.search.iterate(cql.eq('type', 'page'), { limit: 3 }, { signal }), 4);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(ConfluenceError);
    // Two pages were read (3 + 1 item); the third was never asked for.
    expect(seen).toHaveLength(6);
    expect(recorder.sent).toHaveLength(2);
  });
});
