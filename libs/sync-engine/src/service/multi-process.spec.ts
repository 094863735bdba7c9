/**
 * Service processes on one SQLite file, as separate OS processes (service-child.ts): two schedulers never run one
 * index at once and give each due time exactly one run; a process killed with SIGKILL mid-run leaves a run that the
 * next process marks failed before it completes the index. Asserted from history, never from timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIndex } from '../sinks/local-sink';
import type { IndexRecord, RunRecord } from '../store/types';
import { INTERRUPTED_RUN } from '../sync/runner';
import { expectConverged } from '../testing/converged';
import { ServiceProcess, startServiceChild } from '../testing/service-process';
import { SyncWorld, syncWorld } from '../testing/sync-world';
import { RunExecutor } from './executor';
import { Scheduler } from './scheduler';

const MINUTE = 60_000;

describe('sync service processes on one database file', () => {
  let dir: string;
  let file: string;
  let world: SyncWorld;
  let children: ServiceProcess[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sync-service-'));
    file = join(dir, 'sync.db');
    world = await syncWorld('cloud', { pagesPerSpace: 24, dbUrl: file });
    children = [];
  });
  afterEach(async () => {
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const converged = (index: IndexRecord) => expectConverged({ ...world, index }, new LocalIndex(world.db, index.id));

  it('two schedulers never run one index at once, and each due time of each index gives exactly one run', async () => {
    const a = await world.store.updateIndex(world.index.id, { intervalMinutes: 10 });
    const b = await world.store.createIndex({ name: 'half-hourly', siteUrl: a.siteUrl, spaces: a.spaces, destination: 'local', intervalMinutes: 30 });
    const c = await world.store.createIndex({ name: 'on-demand', siteUrl: a.siteUrl, spaces: a.spaces, destination: 'local' });
    // Some latency so that runs last long enough for the two processes' ticks to meet.
    world.emulator.control.setLatency(5);
    children = await Promise.all([startServiceChild(world, file, 6), startServiceChild(world, file, 6)]);

    const reports = [];
    for (let step = 0; step < 4; step++) {
      if (step > 0) for (const child of children) child.advance(10 * MINUTE);
      reports.push(...(await Promise.all(children.map((child) => child.tick()))));
    }
    await Promise.all(children.map((child) => child.stop()));

    const runsOf = async (index: IndexRecord) => (await world.store.listRuns(index.id)).reverse();
    const runsA = await runsOf(a);
    const runsB = await runsOf(b);
    expect(runsA.map((run) => [run.status, run.trigger])).toEqual(Array(4).fill(['succeeded', 'schedule']));
    expect(runsB.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    expect(await runsOf(c)).toEqual([]);
    // Every run was started by exactly one of the two processes.
    const started = reports.flatMap((report) => report.started.map((s) => s.runId)).sort((x, y) => x - y);
    expect(started).toEqual([...runsA, ...runsB].map((run) => run.id).sort((x, y) => x - y));
    for (const runs of [runsA, runsB]) expectNoOverlap(runs);
    // One run per due time: A at each 10-minute step, B at 0 and 30 minutes (the clock moved by whole steps).
    const stepOf = (run: RunRecord) => Math.floor((run.startedAt - runsA[0].startedAt) / (10 * MINUTE) + 0.5);
    expect(runsA.map(stepOf)).toEqual([0, 1, 2, 3]);
    expect(runsB.map(stepOf)).toEqual([0, 3]);
    await converged(a);
    await converged(b);
  }, 120_000);

  it('a process killed with SIGKILL mid-run leaves a run the next process marks failed, then completes the index', async () => {
    const a = await world.store.updateIndex(world.index.id, { intervalMinutes: 10 });
    world.emulator.control.setLatency(40);
    const doomed = await startServiceChild(world, file, 3);
    children = [doomed];
    doomed.child.stdin?.write('tick\n');
    await doomed.waitFor(/^progress /, 2);
    doomed.child.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');
    world.emulator.control.setLatency(0);

    const [left] = await world.store.listRuns(a.id);
    expect(left).toMatchObject({ status: 'running', trigger: 'schedule' });
    expect(left.new).toBeGreaterThanOrEqual(6);
    expect(await world.store.leaseHolder(a.id)).toContain(`:${doomed.child.pid}:`);

    // The next process: this one, with its own executor and scheduler on the same file.
    const executor = new RunExecutor({ store: world.store, resolve: async (index) => ({ client: world.client, sink: new LocalIndex(world.db, index.id) }) });
    const scheduler = new Scheduler({ executor, store: world.store, tickMs: 300_000 });
    const report = await scheduler.tick();
    await executor.idle();
    expect(report).toMatchObject({ reclaimed: 1, started: [{ indexId: a.id, runId: expect.any(Number) }] });
    expect(await world.store.getRun(left.id)).toMatchObject({ status: 'failed', error: INTERRUPTED_RUN });
    expect(await world.store.getRun(report.started[0].runId)).toMatchObject({ status: 'succeeded', error: null });
    expect((await world.store.listRuns(a.id)).map((run) => run.status)).toEqual(['succeeded', 'failed']);
    expect(await world.store.leaseHolder(a.id)).toBeUndefined();
    await converged(a);
  }, 120_000);
});

/** Runs of one index, oldest first: each started after the previous one finished. */
function expectNoOverlap(runs: readonly RunRecord[]): void {
  for (let i = 1; i < runs.length; i++) {
    expect(runs[i - 1].finishedAt).not.toBeNull();
    expect(runs[i].startedAt).toBeGreaterThanOrEqual(runs[i - 1].finishedAt as number);
  }
}
