/**
 * Scale-out on PostgreSQL, with the built app as real processes: one API process and three workers (pg-boss) on one
 * database, 20 indexes due at once. Every index syncs exactly once per due time; a worker killed with SIGKILL in the
 * middle of a run has its job expire and retried by another worker (history shows both attempts), the index still
 * converges and no run stays `running`; a second API instance behind a round-robin proxy gives the same view.
 * Asserted from history and the database, never from timing.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { openSyncStore } from '@confluence-mcp/sync-engine';
import type { IndexRecord, OpenedSyncStore } from '@confluence-mcp/sync-engine';
import { createTestPgDatabase, expectConverged, SyncWorld, TestPgDatabase } from '@confluence-mcp/sync-engine/testing';
import { Client } from 'pg';
import { cliEnv } from '../testing/cli';
import { RoundRobinProxy, startRoundRobinProxy } from '../testing/round-robin-proxy';
import { Json, ServiceProcess, api, assertBuilt, serviceEnv, signUp, startService, until } from '../testing/serve';

jest.setTimeout(420_000);

const INDEXES = 20;
let emulator: RunningEmulator;
let database: TestPgDatabase;
let env: Record<string, string>;
let apiA: ServiceProcess;
let apiB: ServiceProcess | undefined;
let workers: ServiceProcess[] = [];
let proxy: RoundRobinProxy | undefined;
let opened: OpenedSyncStore | undefined;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ spaces: 30, pagesPerSpace: 10, seed: 21 });
  database = await createTestPgDatabase();
  const { CONFLUENCE_URL, CONFLUENCE_USERNAME, CONFLUENCE_API_TOKEN } = cliEnv(emulator, '');
  env = serviceEnv(emulator, database.url, {
    CONFLUENCE_URL,
    CONFLUENCE_USERNAME,
    CONFLUENCE_API_TOKEN,
    SYNC_CONCURRENCY: '2',
    // A killed worker's job comes back after 20 s (plus pg-boss's expiry check), not after an hour.
    SYNC_JOB_TIMEOUT_SECONDS: '20',
    SYNC_RETRY_DELAY_SECONDS: '0',
  });
  apiA = await startService(env, ['--role', 'api']);
});

afterAll(async () => {
  await proxy?.close();
  for (const service of [...workers, apiB, apiA]) await service?.stop();
  await opened?.close();
  await emulator?.close();
  await database?.drop();
});

type Run = { id: number; status: string; trigger: string; error: string | null; started_at: string; finished_at: string | null };

const unfinished = (run: Run) => run.status === 'queued' || run.status === 'running';

it('three workers sync 20 due indexes exactly once per due time, survive a SIGKILL, and two API instances agree', async () => {
  const token = await signUp(apiA.url, 'scale');
  const spaces = [...emulator.control.world.spaces.values()].filter((space) => space.permissions.read === '*').slice(0, INDEXES);
  expect(spaces).toHaveLength(INDEXES);
  const ids: string[] = [];
  for (const space of spaces) {
    const created = await api(`${apiA.url}/api/indexes`, { method: 'POST', token, body: { name: `space-${space.key}`, confluence_spaces: [space.key], interval_minutes: 60 } });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  const history = async (id: string, via = apiA.url) => (await api<Run[]>(`${via}/api/indexes/${id}/sync-history`, { token })).body;

  // Slow enough (a run is a handful of requests) that runs overlap across workers and one can be killed mid-run.
  emulator.control.setLatency(250);
  workers = await Promise.all([1, 2, 3].map(() => startService(env, ['--role', 'worker'])));
  apiB = await startService(env, ['--role', 'api']);
  const balancer = await startRoundRobinProxy([apiA.url, apiB.url]);
  proxy = balancer;

  // Kill a worker in the middle of one of its runs.
  const victim = await until('a worker in the middle of a run', async () => {
    for (const worker of workers) {
      const started = jobLines(worker, 'sync job started');
      const ended = new Set([...jobLines(worker, 'sync job done'), ...jobLines(worker, 'sync job failed')].map((line) => line['jobId']));
      for (const line of started.filter((line) => !ended.has(line['jobId']))) {
        const [latest] = await history(String(line['indexId']));
        if (latest?.status === 'running') return { worker, indexId: String(line['indexId']), runId: latest.id };
      }
    }
    return undefined;
  }, 120_000);
  await victim.worker.stop('SIGKILL');
  const survivors = workers.filter((worker) => worker !== victim.worker);
  emulator.control.setLatency(20);

  const settled = async (scheduledRuns: number) =>
    until(`every index with ${scheduledRuns} successful scheduled run(s) and nothing unfinished`, async () => {
      const all = await Promise.all(ids.map((id) => history(id)));
      const done = all.every((runs) => runs.filter((run) => run.trigger === 'schedule' && run.status === 'succeeded').length >= scheduledRuns && !runs.some(unfinished));
      return done ? all : undefined;
    }, 180_000);

  const first = await settled(1);
  for (const [n, runs] of first.entries()) {
    expect([ids[n], runs.filter((run) => run.status === 'succeeded').length]).toEqual([ids[n], 1]);
    expect(runs.some(unfinished)).toBe(false);
    expectNoOverlap(runs);
  }
  // The killed run: failed as interrupted by the retry that then succeeded on another worker.
  const killed = first[ids.indexOf(victim.indexId)];
  expect(killed.find((run) => run.id === victim.runId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted/) });
  expect(killed[0]).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
  expect(killed[0].id).toBeGreaterThan(victim.runId);
  const retriedBy = survivors.filter((worker) => jobLines(worker, 'sync job done').some((line) => line['indexId'] === victim.indexId && line['result'] === 'succeeded'));
  expect(retriedBy).toHaveLength(1);

  // Every index holds exactly what its space has: no page lost or duplicated, nothing pending.
  opened = await openSyncStore({ url: database.url });
  const store = opened.store;
  const indexes = new Map((await store.listIndexes()).map((index) => [index.id, index]));
  const converged = async () => {
    for (const id of ids) {
      const index = indexes.get(id) as IndexRecord;
      const world = { emulator, client: { siteUrl: index.siteUrl }, store, index, spaceKey: index.spaces[0] } as unknown as SyncWorld;
      await expectConverged(world, await (opened as OpenedSyncStore).localIndex(id).chunks());
    }
  };
  await converged();

  // The next due time: an hour passes (in history), the cron tick queues every index again, exactly once.
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  await pg.query('UPDATE sync_runs SET started_at = started_at - 3600000, finished_at = finished_at - 3600000');
  await pg.end();
  const second = await settled(2);
  for (const runs of second) {
    expect(runs.filter((run) => run.trigger === 'schedule' && run.status === 'succeeded')).toHaveLength(2);
    expectNoOverlap(runs);
  }
  await converged();

  // Two API instances behind the proxy: one view, whichever answers.
  const views = await Promise.all([1, 2, 3, 4].map(async () => (await api(`${balancer.url}/api/indexes`, { token })).body));
  expect(views.every((view) => JSON.stringify(view) === JSON.stringify(views[0]))).toBe(true);
  const queued = await api(`${balancer.url}/api/indexes/${ids[0]}/sync`, { method: 'POST', token });
  expect(queued.status).toBe(202);
  const again = await api(`${balancer.url}/api/indexes/${ids[0]}/sync`, { method: 'POST', token });
  expect(again.status).toBe(409);
  const manual = await until('the manual run done', async () => {
    const [latest] = await history(ids[0], balancer.url);
    return latest && latest.id === queued.body.run_id && latest.status === 'succeeded' ? latest : undefined;
  });
  expect(manual.trigger).toBe('api');
  const [fromA, fromB] = await Promise.all([history(ids[0], apiA.url), history(ids[0], (apiB as ServiceProcess).url)]);
  expect(fromB).toEqual(fromA);
  expect(new Set(balancer.served())).toEqual(new Set([0, 1]));
});

/** The JSON log lines of a process with this message. */
function jobLines(service: ServiceProcess, message: string): Json[] {
  return service
    .stderr()
    .split('\n')
    .filter((line) => line.includes(`"msg":"${message}`))
    .map((line) => JSON.parse(line));
}

/** No two runs of one index overlap in time. */
function expectNoOverlap(runs: Run[]): void {
  const spans = runs.filter((run) => run.status !== 'cancelled' || run.finished_at).map((run) => [Date.parse(run.started_at), Date.parse(run.finished_at ?? '')]).sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < spans.length; i += 1) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
}
