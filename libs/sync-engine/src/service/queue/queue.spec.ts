/**
 * The sync queues on a real PostgreSQL (pg-boss with its own schema per test) with the Confluence emulator over real
 * sockets: manual syncs queued by the API side and run by a worker, the due-index tick, retries of transient
 * failures only, a stopping worker handing its run to another, and a dead worker's job expiring into a retry.
 */
import { hostname } from 'node:os';
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import { clientFor, emulatorFor } from '@confluence-mcp/confluence-client/testing';
import type PgBoss from 'pg-boss';
import { PgLocalIndex } from '../../sinks/pg/pg-local-index';
import type { IndexRecord, RunRecord } from '../../store/types';
import { pgStoreFactory } from '../../store/pg/test-factory';
import { PgSyncStore } from '../../store/pg/pg-store';
import { SyncBusyError } from '../../sync/progress';
import { expectConverged } from '../../testing/converged';
import type { SyncWorld } from '../../testing/sync-world';
import { until } from '../../testing/until';
import { openJobBoss } from './boss';
import { sendDueJobs } from './due';
import { QueueSettings, SYNC_QUEUES } from './queues';
import { QueueSyncStarter } from './starter';
import { QueueWorker } from './worker';

jest.setTimeout(60_000);

const factory = pgStoreFactory();
const SETTINGS: QueueSettings = { jobTimeoutSeconds: 600, retries: 2, retryDelaySeconds: 0 };
let emulator: RunningEmulator;
let client: ConfluenceClient;
let store: PgSyncStore;
let bosses: PgBoss[] = [];
let workers: QueueWorker[] = [];
let schemaCount = 0;
let indexCount = 0;
/** Moves this test's time (the store's and the workers'): an interval passes without waiting for it. */
let offset = 0;
const now = () => Date.now() + offset;

beforeEach(async () => {
  emulator = await emulatorFor('cloud', { spaces: 3, pagesPerSpace: 12, seed: 31 });
  client = clientFor(emulator, 'alice', { retry: { limit: 0 } });
  offset = 0;
  store = (await factory(now)).store as PgSyncStore;
});

afterEach(async () => {
  for (const worker of workers) await worker.stop(1000);
  for (const boss of bosses) await boss.stop({ graceful: false, wait: true, close: true });
  workers = [];
  bosses = [];
  await emulator.close();
});

/** A pg-boss in a schema of its own (this test's), as an API process (`worker: false`) or a worker process. */
async function boss(settings: QueueSettings = SETTINGS, worker = false, schema = `q${process.pid}_${++schemaCount}`): Promise<PgBoss> {
  const started = await openJobBoss({ url: factory.url, worker, settings, schema });
  bosses.push(started);
  return started;
}

function worker(on: PgBoss, settings: QueueSettings = SETTINGS, options: { batchSize?: number } = {}): QueueWorker {
  const started = new QueueWorker({ boss: on, store, settings, concurrency: 2, pollMs: 100, now, resolve: async (index) => ({ client, sink: new PgLocalIndex(factory.db, index.id) }), ...options });
  workers.push(started);
  started.start();
  return started;
}

async function indexes(count: number, intervalMinutes?: number): Promise<IndexRecord[]> {
  const spaces = [...emulator.control.world.spaces.values()].filter((space) => space.permissions.read === '*');
  return Promise.all(
    Array.from({ length: count }, (_, n) => store.createIndex({ name: `idx-${++indexCount}`, siteUrl: client.siteUrl, spaces: [spaces[n % spaces.length].key], destination: 'local', ...(intervalMinutes ? { intervalMinutes } : {}) })),
  );
}

const settledRuns = (index: IndexRecord, count: number) =>
  until(`${count} finished runs of ${index.name}`, async () => {
    const runs = await store.listRuns(index.id);
    return runs.length >= count && runs.every((run) => run.status !== 'queued' && run.status !== 'running') ? runs : undefined;
  });

const converged = async (index: IndexRecord) =>
  expectConverged({ emulator, client, store, index, spaceKey: index.spaces[0] } as unknown as SyncWorld, await new PgLocalIndex(factory.db, index.id).chunks());

it('a manual sync is queued at once, refused while queued, runs on a worker, and concurrent API requests queue one run', async () => {
  const schema = `q${process.pid}_shared`;
  const api = await boss(SETTINGS, false, schema);
  const [first, second] = await indexes(2);
  const starter = new QueueSyncStarter(api, store);
  const { runId } = await starter.start(first, 'api');
  expect((await store.getRun(runId))?.status).toBe('queued');
  await expect(starter.start(first, 'api')).rejects.toBeInstanceOf(SyncBusyError);

  // Two API processes (two pg-boss instances) asked five times at once: one run is queued, the rest are 409.
  const otherApi = await boss(SETTINGS, false, schema);
  const answers = await Promise.allSettled(Array.from({ length: 5 }, (_, n) => new QueueSyncStarter(n % 2 ? otherApi : api, store).start(second, 'api')));
  expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
  expect(answers.filter((answer) => answer.status === 'rejected').every((answer) => (answer as PromiseRejectedResult).reason instanceof SyncBusyError)).toBe(true);

  worker(api);
  const [done] = await settledRuns(first, 1);
  expect([done.id, done.status, done.trigger]).toEqual([runId, 'succeeded', 'api']);
  const secondRuns = await settledRuns(second, 1);
  expect(secondRuns.filter((run) => run.status === 'succeeded')).toHaveLength(1);
  await converged(first);
  await converged(second);
});

it('the tick sends each due index once; not due, already queued or without an interval, it sends nothing', async () => {
  const api = await boss();
  const [a, b] = await indexes(2, 10);
  await indexes(1);
  const tick = () => sendDueJobs({ boss: api, store, now, staleAfterMs: 3_600_000 });
  expect(await tick()).toBe(2);
  // Not fetched yet: the stately queue drops a second job of the same index.
  expect(await tick()).toBe(0);
  worker(api);
  await settledRuns(a, 1);
  await settledRuns(b, 1);
  expect(await tick()).toBe(0);
  offset = 11 * 60_000;
  expect(await tick()).toBe(2);
  const runs = (await Promise.all([a, b].map((index) => settledRuns(index, 2)))).flat();
  expect(runs.map((run) => [run.trigger, run.status])).toEqual(Array.from({ length: 4 }, () => ['schedule', 'succeeded']));
});

it('a transient failure is retried (a new run in history); a refused credential is not', async () => {
  const api = await boss();
  const [flaky, refused] = await indexes(2);
  emulator.control.injectFault({ kind: 'status', status: 503, times: 1, match: { path: '/pages' } });
  const { runId } = await new QueueSyncStarter(api, store).start(flaky, 'api');
  worker(api);
  const runs = await until('a retried run', async () => {
    const all = await store.listRuns(flaky.id);
    return all.length === 2 && all[0].status === 'succeeded' ? all : undefined;
  });
  expect(runs.map((run: RunRecord) => [run.trigger, run.status])).toEqual([['api', 'succeeded'], ['api', 'failed']]);
  expect(runs[1].id).toBe(runId);
  await converged(flaky);

  emulator.control.injectFault({ kind: 'status', status: 401, times: 1, match: { path: '/pages' } });
  const refusedRun = await new QueueSyncStarter(api, store).start(refused, 'api');
  const [failed] = await settledRuns(refused, 1);
  expect([failed.id, failed.status]).toEqual([refusedRun.runId, 'failed']);
  const job = await until('the job completed', async () => {
    const [found] = await api.fetch(SYNC_QUEUES.manual);
    return found === undefined ? 'no job left' : undefined;
  });
  expect(job).toBe('no job left');
  expect(await store.listRuns(refused.id)).toHaveLength(1);
});

it('a stopping worker stops after its batch and another worker continues the job', async () => {
  const api = await boss();
  const [index] = await indexes(1);
  emulator.control.setLatency(40);
  const first = worker(api, SETTINGS, { batchSize: 2 });
  const { runId } = await new QueueSyncStarter(api, store).start(index, 'api');
  await until('the run writing', async () => ((await store.getRun(runId))?.new ?? 0) > 0 || undefined);
  await first.stop(30_000);
  const stopped = await store.getRun(runId);
  expect(stopped?.status).toBe('cancelled');
  expect(stopped?.error).toMatch(/worker is stopping/);

  emulator.control.setLatency(0);
  worker(api);
  const [latest] = await until('the continued run', async () => {
    const runs = await store.listRuns(index.id);
    return runs[0]?.status === 'succeeded' ? runs : undefined;
  });
  expect(latest.trigger).toBe('api');
  await converged(index);
});

it("a dead worker's job expires and is retried: its run is marked failed and a new one converges", async () => {
  const settings: QueueSettings = { jobTimeoutSeconds: 3, retries: 2, retryDelaySeconds: 0 };
  const supervised = await boss(settings, true);
  const [index] = await indexes(1);
  const { runId } = await new QueueSyncStarter(supervised, store).start(index, 'api');
  // A worker that took the job, started the run under its lease, and died (its pid is no process on this host).
  const [taken] = await supervised.fetch(SYNC_QUEUES.manual);
  expect(taken).toBeDefined();
  await store.startQueuedRun(runId);
  expect(await store.acquireLease(index.id, `${hostname()}:999999999:dead0000`, 600_000)).toBe(true);

  worker(supervised, settings);
  const runs = await until('the retried run', async () => {
    const all = await store.listRuns(index.id);
    return all[0]?.status === 'succeeded' ? all : undefined;
  });
  const dead = runs.find((run) => run.id === runId);
  expect([dead?.status, dead?.error]).toEqual(['failed', expect.stringMatching(/^interrupted/)]);
  expect(runs.some((run) => run.status === 'running' || run.status === 'queued')).toBe(false);
  await converged(index);
});

it('a retry waiting behind a running job of the same index does not hold up the other indexes', async () => {
  const api = await boss({ ...SETTINGS, retryDelaySeconds: 1 });
  const queue = SYNC_QUEUES.scheduled;
  await api.send(queue, { indexId: 'A' }, { singletonKey: 'A' });
  const [first] = await api.fetch(queue);
  // Its run stopped (a deploy, a 503): the job waits for its retry while the next due time queues another of A,
  // which runs; then B is queued.
  await api.fail(queue, first.id);
  expect(await api.send(queue, { indexId: 'A' }, { singletonKey: 'A' })).toEqual(expect.any(String));
  expect((await api.fetch<{ indexId: string }>(queue)).map((job) => job.data.indexId)).toEqual(['A']);
  await api.send(queue, { indexId: 'B' }, { singletonKey: 'B' });
  // Once the retry is due it is the oldest job: with a policy that refuses a second active job of a key, every fetch
  // would come back empty until A's run ended, B included. The lease keeps A's two jobs from running at once instead.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const fetched = [...(await api.fetch<{ indexId: string }>(queue)), ...(await api.fetch<{ indexId: string }>(queue))].map((job) => job.data.indexId);
  expect(fetched.sort()).toEqual(['A', 'B']);
});

it('a run left unfinished longer than a job can live does not block a new sync, whose worker marks it failed', async () => {
  const api = await boss();
  const [index] = await indexes(1);
  const stuck = await store.startRun(index.id, 'api');
  const starter = new QueueSyncStarter(api, store, { staleAfterMs: 60_000, now });
  await expect(starter.start(index, 'api')).rejects.toBeInstanceOf(SyncBusyError);
  offset = 61_000;
  const { runId } = await starter.start(index, 'api');
  worker(api);
  const runs = await until('the new run done', async () => {
    const all = await store.listRuns(index.id);
    return all.find((run) => run.id === runId)?.status === 'succeeded' ? all : undefined;
  });
  expect(runs.find((run) => run.id === stuck.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted/) });
});
