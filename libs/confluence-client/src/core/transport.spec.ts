import { createConfluenceClient } from '../client';
import { baseUrlOf, fakeClock, openSpace, useEmulator } from '../testing/emulator';
import { ConnectionError, RateLimitedError, ResponseValidationError, ServerError, TimeoutError, UnauthorizedError } from './errors';

const session = useEmulator('cloud');

const spaceRequests = () => session.control.requests().filter((r) => r.url.includes('/api/v2/spaces'));

describe('retries', () => {
  it('waits as Retry-After says under a 429 storm (on the client clock), then succeeds', async () => {
    session.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 2, times: 2, match: { path: '/spaces' } });
    const clock = fakeClock();
    const started = Date.now();
    const page = await session.clientFor('alice', { clock }).spaces.list();
    expect(page.items.length).toBeGreaterThan(0);
    expect(spaceRequests().map((r) => r.status)).toEqual([429, 429, 200]);
    // Each Retry-After held the pacer for its 2 s, and nothing else waited (no backoff on top of it)...
    expect(clock.waits).toEqual([2000, 2000]);
    // ...on the injected clock: no real second passed.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('backs off between retries on the client clock: exponential, jittered, capped at backoffLimitMs', async () => {
    session.control.injectFault({ kind: 'status', status: 500, times: 4, match: { path: '/spaces' } });
    const clock = fakeClock();
    await session.clientFor('alice', { clock, retry: { limit: 4, backoffLimitMs: 500 } }).spaces.list();
    expect(spaceRequests().map((r) => r.status)).toEqual([500, 500, 500, 500, 200]);
    expect(clock.waits).toHaveLength(4);
    clock.waits.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(Math.min(500, 300 * 2 ** i));
    });
  });

  it('gives up at once when Retry-After is longer than the cap, saying when to come back', async () => {
    session.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 120, match: { path: '/spaces' } });
    const error = await session.clientFor('alice', { retry: { maxRetryAfterMs: 5_000 } }).spaces.list().catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(spaceRequests()).toHaveLength(1);
  });

  it('retries 5xx for reads', async () => {
    session.control.injectFault({ kind: 'status', status: 500, times: 2, match: { path: '/spaces' } });
    await session.clientFor().spaces.list();
    expect(spaceRequests().map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('never retries a POST', async () => {
    session.control.injectFault({ kind: 'status', status: 500, times: 3, match: { method: 'POST', path: '/pages' } });
    const space = openSpace(session.emulator);
    const error = await session.clientFor().pages.create({ spaceId: space.id, title: 'Never twice', body: '<p>x</p>' }).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(session.control.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('retries a reset connection on reads and reports a ConnectionError when resets persist', async () => {
    session.control.injectFault({ kind: 'reset', times: 1, match: { path: '/spaces' } });
    await expect(session.clientFor().spaces.list()).resolves.toBeDefined();
    session.control.injectFault({ kind: 'reset', times: 10, match: { path: '/spaces' } });
    const error = await session.clientFor('alice', { retry: { limit: 2, backoffLimitMs: 50 } }).spaces.list().catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('turns a slow answer into a TimeoutError', async () => {
    session.control.injectFault({ kind: 'delay', ms: 600, times: 5, match: { path: '/spaces' } });
    const error = await session.clientFor('alice', { timeoutMs: 100, retry: { limit: 0 } }).spaces.list().catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe('No response within 100 ms: GET /wiki/api/v2/spaces');
  });

  it('reports a body that is not the documented shape as ResponseValidationError', async () => {
    session.control.injectFault({ kind: 'status', status: 200, body: '{"results":"not a list"}', match: { path: '/spaces' } });
    const error = await session.clientFor().spaces.list().catch((e) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues[0]).toMatch(/^results/);
  });
});

describe('pacing', () => {
  it('never has more requests in flight than maxConcurrency', async () => {
    session.control.setLatency(150);
    const client = session.clientFor('alice', { maxConcurrency: 2 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => client.spaces.list()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 - 20);
  });

  it('holds every call, not only the refused one, while the server asks to wait', async () => {
    session.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 1, match: { path: '/spaces' } });
    const client = session.clientFor('alice', { maxConcurrency: 4 });
    const first = client.spaces.list();
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await client.spaces.get(openSpace(session.emulator).id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    await first;
  });

  it('keeps to requestsPerSecond across parallel calls (on the client clock)', async () => {
    const clock = fakeClock();
    const client = session.clientFor('alice', { requestsPerSecond: 10, clock });
    await Promise.all(Array.from({ length: 11 }, () => client.spaces.list()));
    // The first goes at once; each of the other ten waits its 100 ms slot.
    expect(clock.waits).toEqual(Array.from({ length: 10 }, () => 100));
    expect(clock.now()).toBe(1000);
  });
});

describe('credentials', () => {
  it('never puts a token in an error message, its JSON, or a log line', async () => {
    const lines: string[] = [];
    const record = (m: string, f?: object) => void lines.push(m + JSON.stringify(f));
    const logger = { debug: record, info: record, warn: record, error: record };
    const client = createConfluenceClient({ baseUrl: baseUrlOf(session.emulator), auth: { type: 'basic', email: 'alice@example.com', apiToken: 'secret-token-123' }, logger });
    const error = await client.spaces.list().catch((e) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    const seen = [error.message, JSON.stringify(error), String(error.stack), ...lines].join('\n');
    expect(seen).not.toContain('secret-token-123');
    expect(seen).not.toContain(Buffer.from('alice@example.com:secret-token-123').toString('base64'));
    expect(lines.length).toBeGreaterThan(0);
  });

  it('refuses a base URL that carries credentials', () => {
    expect(() => createConfluenceClient({ baseUrl: 'https://me:pw@example.atlassian.net', auth: { type: 'basic', email: 'a', apiToken: 'b' } })).toThrow('baseUrl: must not contain credentials');
  });
});
