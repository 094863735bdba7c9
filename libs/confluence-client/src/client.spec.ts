/** `withCallOptions()`: a view of one client whose every call carries the same signal and deadline. */
import { createConfluenceClient } from './client';
import { AbortError, TimeoutError } from './core/errors';
import { baseUrlOf, openSpace, recordingFetch, useEmulator } from './testing/emulator';

const session = useEmulator('cloud');

const pathsOf = (sent: Array<{ url: string }>) => sent.map((r) => new URL(r.url).pathname);

describe('client.withCallOptions', () => {
  it("aborts every call of the view when the view's signal aborts, and leaves the client alone", async () => {
    const recorder = recordingFetch();
    const client = session.clientFor('alice', { fetch: recorder.fetch });
    const controller = new AbortController();
    const view = client.withCallOptions({ signal: controller.signal });
    await expect(view.spaces.list()).resolves.toMatchObject({ items: expect.any(Array) });
    controller.abort();
    await expect(view.spaces.list()).rejects.toBeInstanceOf(AbortError);
    await expect(view.pages.get('1')).rejects.toBeInstanceOf(AbortError);
    await expect(client.spaces.list()).resolves.toMatchObject({ items: expect.any(Array) });
    expect(recorder.sent).toHaveLength(2);
  });

  it("combines a method's own signal with the view's: either one aborts the call", async () => {
    const view = session.clientFor().withCallOptions({ signal: new AbortController().signal });
    await expect(view.spaces.list({}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
  });

  it('uses the smaller timeoutMs of the view and the call', async () => {
    session.control.injectFault({ kind: 'stall', times: 4, match: { path: '/spaces' } });
    const client = session.clientFor();
    for (const [view, call] of [
      [300, 60_000],
      [60_000, 300],
    ]) {
      const started = Date.now();
      const error = await client.withCallOptions({ timeoutMs: view }).spaces.list({}, { timeoutMs: call }).catch((e) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(Date.now() - started).toBeLessThan(1_500);
    }
    expect(() => client.withCallOptions({ timeoutMs: -1 }).spaces.list()).toThrow('timeoutMs: must be a positive number');
  });

  it('shares the cloudId lookup, the space directory and the pacer with the client', async () => {
    const recorder = recordingFetch();
    const client = createConfluenceClient({
      baseUrl: baseUrlOf(session.emulator),
      gatewayUrl: session.emulator.url,
      auth: { type: 'scoped', email: 'alice@example.com', apiToken: 'scoped-alice' },
      fetch: recorder.fetch,
      maxConcurrency: 1,
    });
    const space = openSpace(session.emulator);
    await client.spaces.idOf(space.key);
    const first = client.withCallOptions({ signal: new AbortController().signal });
    const second = client.withCallOptions({ timeoutMs: 10_000 }).withCallOptions({ timeoutMs: 5_000 });
    await first.pages.list({ spaceKey: space.key }, { limit: 1 });
    await second.pages.list({ spaceKey: space.key }, { limit: 1 });
    const paths = pathsOf(recorder.sent);
    expect(paths.filter((p) => p === '/_edge/tenant_info')).toHaveLength(1);
    // The views knew the space's id from the client's lookup: no second /spaces request.
    expect(paths.filter((p) => p.endsWith('/api/v2/spaces'))).toHaveLength(1);
    expect(paths.filter((p) => p.endsWith(`/spaces/${space.id}/pages`))).toHaveLength(2);

    // One pacer: with maxConcurrency 1, the client's and a view's calls take turns.
    session.control.setLatency(150);
    const started = Date.now();
    await Promise.all([client.spaces.list(), first.spaces.list(), second.spaces.list()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 - 20);
  });
});
