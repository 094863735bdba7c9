import { RunningEmulator, startEmulator } from '../server';
import { ALICE, getJson } from '../testing';

let emulator: RunningEmulator;
beforeAll(async () => (emulator = await startEmulator({ spaces: 1, pagesPerSpace: 5 })));
afterEach(() => {
  emulator.control.clearFaults();
  emulator.control.clearLog();
});
afterAll(() => emulator.close());
const spaces = () => `${emulator.url}/wiki/api/v2/spaces`;

describe('faults and realism', () => {
  it('rate limits with a token bucket: 429, Retry-After and X-RateLimit headers', async () => {
    emulator.control.setRateLimit({ capacity: 3, refillPerSecond: 0.5 });
    const statuses: number[] = [];
    let limited: Headers | undefined;
    for (let i = 0; i < 5; i++) {
      const { status, headers } = await getJson(spaces());
      statuses.push(status);
      if (status === 429) limited = headers;
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(limited?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited?.get('x-ratelimit-limit')).toBe('3');
    expect(limited?.get('x-ratelimit-remaining')).toBe('0');
    expect(limited?.get('x-ratelimit-nearlimit')).toBe('true');
  });

  it('refills the bucket over time', async () => {
    emulator.control.setRateLimit({ capacity: 1, refillPerSecond: 20 });
    expect((await getJson(spaces())).status).toBe(200);
    await new Promise((r) => setTimeout(r, 120));
    expect((await getJson(spaces())).status).toBe(200);
  });

  it('injects a status a given number of times, matching a route', async () => {
    emulator.control.injectFault({ kind: 'status', status: 503, retryAfterSeconds: 2, times: 2, match: { path: '/spaces' } });
    const first = await getJson(spaces());
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.body.errors[0].status).toBe(503);
    expect((await getJson(spaces())).status).toBe(503);
    expect((await getJson(spaces())).status).toBe(200);
  });

  it('resets the connection', async () => {
    emulator.control.injectFault({ kind: 'reset' });
    await expect(fetch(spaces())).rejects.toThrow();
    expect((await getJson(spaces())).status).toBe(200);
  });

  it('adds latency to every request', async () => {
    emulator.control.setLatency(80);
    const started = Date.now();
    await getJson(spaces());
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('sends a slow body in pieces over time', async () => {
    emulator.control.injectFault({ kind: 'slow', bytesPerSecond: 2000 });
    const started = Date.now();
    const { status, body } = await getJson(spaces());
    expect(status).toBe(200);
    const size = JSON.stringify(body).length;
    expect(Date.now() - started).toBeGreaterThanOrEqual(Math.floor(size / 2000) * 1000 - 100);
  });

  it('stalls a body after its first bytes until the client gives up', async () => {
    emulator.control.injectFault({ kind: 'stall', afterBytes: 5, match: { path: '/spaces' } });
    const response = await fetch(spaces(), { headers: { authorization: ALICE }, signal: AbortSignal.timeout(600) });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"res');
    const started = Date.now();
    await expect(reader.read()).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect((await getJson(spaces())).status).toBe(200);
  });

  it('redirects to the same URL (a loop) or to a given location', async () => {
    emulator.control.injectFault({ kind: 'redirect', times: 30, match: { path: '/spaces' } });
    const looped = await fetch(spaces(), { headers: { authorization: ALICE }, redirect: 'manual' });
    expect(looped.status).toBe(302);
    expect(looped.headers.get('location')).toBe('/wiki/api/v2/spaces');
    await expect(fetch(spaces(), { headers: { authorization: ALICE } })).rejects.toThrow('fetch failed');
    emulator.control.clearFaults();
    emulator.control.injectFault({ kind: 'redirect', status: 307, location: 'https://media.example/x' });
    const moved = await fetch(spaces(), { headers: { authorization: ALICE }, redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([307, 'https://media.example/x']);
  });

  it('logs requests and counts calls per route template', async () => {
    const id = [...emulator.control.world.spaces.keys()][0];
    await getJson(spaces());
    await getJson(`${spaces()}/${id}`);
    await getJson(`${spaces()}/${id}`);
    expect(emulator.control.counts()).toMatchObject({ 'GET /wiki/api/v2/spaces': 1, 'GET /wiki/api/v2/spaces/:id': 2 });
    const logged = emulator.control.requests();
    expect(logged[logged.length - 1]).toMatchObject({ method: 'GET', status: 200, accountId: emulator.control.user('alice').accountId });
    expect(JSON.stringify(logged)).not.toContain('token-alice');
  });
});
