/**
 * `Scheduler` with a clock the test moves (store and scheduler share it, so run times and due times agree), against
 * the emulator over sockets: due indexes start, others and busy ones are skipped, intervals repeat, and runs left by
 * a dead process are reclaimed.
 */
import { hostname } from 'node:os';
import { LocalIndex } from '../sinks/local-sink';
import { SqliteSyncStore } from '../store/sqlite-store';
import type { IndexRecord } from '../store/types';
import { INTERRUPTED_RUN } from '../sync/runner';
import { expectConverged } from '../testing/converged';
import { SyncWorld, syncWorld } from '../testing/sync-world';
import { RunExecutor } from './executor';
import { Scheduler, SchedulerClock, isDue } from './scheduler';

const MINUTE = 60_000;
const DEAD_HOLDER = `${hostname()}:99999999:dead`;

/** A clock that moves only when told; `setInterval` records the callback instead of timing it. */
class ManualClock implements SchedulerClock {
  current = 1_800_000_000_000;
  ticks: Array<{ callback: () => void; ms: number }> = [];
  now = () => this.current;
  setInterval(callback: () => void, ms: number): unknown {
    this.ticks.push({ callback, ms });
    return this.ticks.length;
  }
  clearInterval(handle: unknown): void {
    this.ticks.splice(Number(handle) - 1, 1);
  }
}

describe('Scheduler', () => {
  let world: SyncWorld;
  let clock: ManualClock;
  let store: SqliteSyncStore;
  let executor: RunExecutor;
  let scheduler: Scheduler;
  let blocked: Set<string>;
  let gate: { promise: Promise<void>; open(): void };
  const closeGate = () => {
    let open = () => undefined as void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    gate = { promise, open };
  };
  let a: IndexRecord;
  let b: IndexRecord;
  let c: IndexRecord;

  beforeEach(async () => {
    world = await syncWorld('cloud', { pagesPerSpace: 12 });
    clock = new ManualClock();
    store = new SqliteSyncStore(world.db, undefined, clock.now);
    blocked = new Set();
    gate = { promise: Promise.resolve(), open: () => undefined };
    executor = new RunExecutor({
      store,
      leaseTtlMs: 24 * 60 * MINUTE,
      resolve: async (index) => {
        if (blocked.has(index.id)) await gate.promise;
        return { client: world.client, sink: new LocalIndex(world.db, index.id) };
      },
    });
    scheduler = new Scheduler({ executor, store, tickMs: 300_000, clock });
    const make = (name: string, intervalMinutes: number | null) => store.createIndex({ name, siteUrl: world.index.siteUrl, spaces: world.index.spaces, destination: 'local', intervalMinutes });
    a = await store.updateIndex(world.index.id, { intervalMinutes: 10 });
    b = await make('hourly', 60);
    c = await make('on-demand', null);
  });
  afterEach(async () => {
    scheduler.stop();
    gate.open();
    await executor.drain(0);
    await world.close();
  });

  const tick = async () => {
    const report = await scheduler.tick();
    await executor.idle();
    return report;
  };
  const runsOf = async (index: IndexRecord) => (await store.listRuns(index.id)).map((run) => ({ trigger: run.trigger, status: run.status, startedAt: run.startedAt }));

  it('starts indexes that never ran, skips those without an interval, and starts each again once its interval passed', async () => {
    const first = await tick();
    expect(first.started.map((s) => s.indexId).sort()).toEqual([a.id, b.id].sort());
    const t0 = clock.current;
    expect(await runsOf(a)).toEqual([{ trigger: 'schedule', status: 'succeeded', startedAt: t0 }]);
    expect(await runsOf(c)).toEqual([]);

    expect((await tick()).started).toEqual([]);
    clock.current += 10 * MINUTE - 1;
    expect((await tick()).started).toEqual([]);
    clock.current += 1;
    expect((await tick()).started.map((s) => s.indexId)).toEqual([a.id]);
    clock.current += 50 * MINUTE;
    expect((await tick()).started.map((s) => s.indexId).sort()).toEqual([a.id, b.id].sort());

    expect((await runsOf(a)).map((run) => run.startedAt)).toEqual([t0 + 60 * MINUTE, t0 + 10 * MINUTE, t0]);
    expect((await runsOf(b)).map((run) => run.startedAt)).toEqual([t0 + 60 * MINUTE, t0]);
    expect(await runsOf(c)).toEqual([]);
    await expectConverged({ ...world, store, index: b }, new LocalIndex(world.db, b.id));
  });

  it('counts any latest run (a command-line one too) from when it started', async () => {
    const manual = await store.startRun(b.id, 'cli');
    await store.finishRun(manual.id, { status: 'failed', counts: { listed: 0, new: 0, changed: 0, unchanged: 0, deleted: 0, failed: 0, requests: 0, bytes: 0 }, error: 'HTTP 503' });
    expect((await tick()).started.map((s) => s.indexId)).toEqual([a.id]);
    clock.current += 60 * MINUTE;
    expect((await tick()).started.map((s) => s.indexId).sort()).toEqual([a.id, b.id].sort());
    expect(isDue(60, undefined, 0)).toBe(true);
  });

  it('skips an index whose run is still going here, or whose lease another process holds', async () => {
    closeGate();
    blocked.add(a.id);
    await store.acquireLease(b.id, 'another-host:4242:live', 24 * 60 * MINUTE);
    const first = await scheduler.tick();
    expect(first.started.map((s) => s.indexId)).toEqual([a.id]);
    expect(first.busy).toEqual([b.id]);
    clock.current += 10 * MINUTE;
    const second = await scheduler.tick();
    expect(second.started).toEqual([]);
    expect(second.busy.sort()).toEqual([a.id, b.id].sort());
    gate.open();
    await executor.idle();
    expect((await runsOf(a)).map((run) => run.status)).toEqual(['succeeded']);
    expect(await runsOf(b)).toEqual([]);
    await store.releaseLease(b.id, 'another-host:4242:live');
    // a's run started running when its gate opened (10 minutes in): not due again yet.
    expect((await tick()).started.map((s) => s.indexId)).toEqual([b.id]);
  });

  it('decides again under the lease: a run another process finished after the first look is not repeated', async () => {
    const zero = { listed: 0, new: 0, changed: 0, unchanged: 0, deleted: 0, failed: 0, requests: 0, bytes: 0 };
    const raced = new Set<string>();
    // The scheduler's first look sees no run; between that look and the lease, "another process" runs the index.
    const racingStore = {
      listIndexes: () => store.listIndexes(),
      latestRuns: async () => {
        const seen = await store.latestRuns();
        for (const index of await store.listIndexes()) {
          if (raced.has(index.id)) continue;
          raced.add(index.id);
          const other = await store.startRun(index.id, 'api');
          await store.finishRun(other.id, { status: 'succeeded', counts: zero });
        }
        return seen;
      },
    };
    const racing = new Scheduler({ executor, store: racingStore, tickMs: 300_000, clock });
    const report = await racing.tick();
    await executor.idle();
    expect(report.started).toEqual([]);
    expect((await runsOf(a)).map((run) => run.trigger)).toEqual(['api']);
    expect((await runsOf(b)).map((run) => run.trigger)).toEqual(['api']);
  });

  it('marks runs left by a dead process failed: an on-demand index stays idle, a scheduled one is retried at once', async () => {
    const stuckA = await store.startRun(a.id, 'schedule');
    const stuckC = await store.queueRun(c.id, 'api');
    await store.acquireLease(a.id, DEAD_HOLDER, 24 * 60 * MINUTE);
    await store.acquireLease(c.id, DEAD_HOLDER, 24 * 60 * MINUTE);
    clock.current += MINUTE;
    const report = await tick();
    expect(report.reclaimed).toBe(2);
    expect(report.started.map((s) => s.indexId).sort()).toEqual([a.id, b.id].sort());
    expect(await store.getRun(stuckA.id)).toMatchObject({ status: 'failed', error: INTERRUPTED_RUN });
    expect(await store.getRun(stuckC.id)).toMatchObject({ status: 'failed', error: INTERRUPTED_RUN });
    expect((await runsOf(a)).map((run) => run.status)).toEqual(['succeeded', 'failed']);
    expect((await runsOf(c)).map((run) => run.status)).toEqual(['failed']);
    expect(await store.leaseHolder(c.id)).toBeUndefined();
  });

  it('start() ticks at once and then on the clock every tickMs; stop() ends that', async () => {
    scheduler.start();
    expect(clock.ticks.map((t) => t.ms)).toEqual([300_000]);
    await scheduler.tick();
    await executor.idle();
    expect(await runsOf(a)).toHaveLength(1);
    clock.current += 10 * MINUTE;
    clock.ticks[0].callback();
    await scheduler.tick();
    await executor.idle();
    expect(await runsOf(a)).toHaveLength(2);
    scheduler.stop();
    expect(clock.ticks).toEqual([]);
  });
});
