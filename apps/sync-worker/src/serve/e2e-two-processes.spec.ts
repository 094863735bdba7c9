/**
 * Two `serve` processes on one database file, both scheduling every second: each due index runs exactly once per
 * due time and never twice at once (the store's lease), and a manual sync through one process while the other runs
 * the index is 409. Asserted from history, not from timing.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv } from '../testing/cli';
import { Json, ServiceProcess, api, assertBuilt, serviceEnv, signUp, startService, until } from '../testing/serve';

jest.setTimeout(180_000);

let emulator: RunningEmulator;
let dir: string;
let services: ServiceProcess[] = [];

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ spaces: 3, pagesPerSpace: 15, seed: 12 });
  dir = mkdtempSync(join(tmpdir(), 'sync-serve-two-'));
  const { CONFLUENCE_URL, CONFLUENCE_USERNAME, CONFLUENCE_API_TOKEN } = cliEnv(emulator, '');
  const env = serviceEnv(emulator, join(dir, 'sync.db'), { CONFLUENCE_URL, CONFLUENCE_USERNAME, CONFLUENCE_API_TOKEN, SCHEDULER_TICK_SECONDS: '1' });
  // One after the other: the first creates and migrates the file.
  services = [await startService(env)];
  services.push(await startService(env));
});

afterAll(async () => {
  for (const service of services) await service.stop();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('due indexes run exactly once, never at the same time in both processes; a manual sync meanwhile is 409', async () => {
  const [a, b] = services;
  const token = await signUp(a.url, 'ivy');
  emulator.control.setLatency(40);
  const keys = [...emulator.control.world.spaces.values()].map((space) => space.key);
  const ids: string[] = [];
  for (const [n, key] of keys.entries()) {
    const created = await api(`${b.url}/api/indexes`, { method: 'POST', token, body: { name: `every-hour-${n}`, confluence_spaces: [key], interval_minutes: 60 } });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }

  // While a scheduled run of the first index is in flight, neither process accepts another.
  const running = await until('a scheduled run in flight', async () => {
    const [latest] = (await api(`${a.url}/api/indexes/${ids[0]}/sync-history`, { token })).body as Json[];
    return latest && ['queued', 'running'].includes(latest.status) ? latest : undefined;
  });
  expect(running.trigger).toBe('schedule');
  const refused = await Promise.all(services.map((service) => api(`${service.url}/api/indexes/${ids[0]}/sync`, { method: 'POST', token })));
  const statuses = refused.map((answer) => answer.status);
  // 409 unless the run ended between the two looks (then one 202 is fine: a new run, after the first).
  expect(statuses.every((status) => status === 409) || statuses.filter((status) => status === 202).length === 1).toBe(true);

  const histories = await until('every index synced', async () => {
    const all = await Promise.all(ids.map(async (id) => (await api(`${a.url}/api/indexes/${id}/sync-history`, { token })).body as Json[]));
    return all.every((runs) => runs.length > 0 && runs.every((run: Json) => !['queued', 'running'].includes(run.status))) ? all : undefined;
  }, 120_000);
  emulator.control.setLatency(0);

  // Several more ticks of both schedulers pass: nothing is due again within the hour.
  const before = await api(`${a.url}/healthz`);
  expect(before.status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const [n, id] of ids.entries()) {
    const runs = (await api(`${b.url}/api/indexes/${id}/sync-history`, { token })).body as Json[];
    const scheduled = runs.filter((run: Json) => run.trigger === 'schedule');
    expect([n, scheduled.length, scheduled[0].status]).toEqual([n, 1, 'succeeded']);
    // No two runs of one index overlap in time.
    const spans = runs.map((run: Json) => [Date.parse(run.started_at), Date.parse(run.finished_at)]).sort((x: number[], y: number[]) => x[0] - y[0]);
    for (let i = 1; i < spans.length; i += 1) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
    expect(histories[n].length).toBe(runs.length);
  }
  // Each process's log shows the runs it queued: together, one scheduled run per index.
  const queued = services.map((service) => service.stderr().split('\n').filter((line) => line.includes('"msg":"sync queued"') && line.includes('"trigger":"schedule"')));
  expect(queued.flat()).toHaveLength(ids.length);
  expect(new Set(queued.flat().map((line) => JSON.parse(line).indexId))).toEqual(new Set(ids));
});
