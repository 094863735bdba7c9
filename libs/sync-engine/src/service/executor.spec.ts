/**
 * `RunExecutor` against the Confluence emulator over sockets and a SQLite file: queued runs that end in history,
 * one run per index, the concurrency bound, drain, and short errors. `resolve` is held on a gate the test opens, so
 * "still queued" and "still running" are states the test holds, not moments it hopes to catch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIndex } from '../sinks/local-sink';
import { openDatabase } from '../store/database';
import { SqliteSyncStore } from '../store/sqlite-store';
import type { IndexRecord } from '../store/types';
import { SyncBusyError } from '../sync/progress';
import { expectConverged } from '../testing/converged';
import { RecordingSink, SyncWorld, syncWorld } from '../testing/sync-world';
import { ExecutorStoppedError, RunExecutor, RunExecutorOptions } from './executor';

/** Promises the test resolves: `resolve` waits on the gate of its index. */
class Gates {
  private readonly gates = new Map<string, { promise: Promise<void>; open(): void }>();
  waiting = 0;
  maxWaiting = 0;
  close(indexId: string): void {
    let open = () => undefined as void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gates.set(indexId, { promise, open });
  }
  open(indexId: string): void {
    this.gates.get(indexId)?.open();
  }
  async pass(indexId: string): Promise<void> {
    this.waiting += 1;
    this.maxWaiting = Math.max(this.maxWaiting, this.waiting);
    await this.gates.get(indexId)?.promise;
    this.waiting -= 1;
  }
}

describe('RunExecutor', () => {
  let dir: string;
  let world: SyncWorld;
  let gates: Gates;
  let executor: RunExecutor;
  const executorWith = (options: Partial<RunExecutorOptions> = {}) =>
    new RunExecutor({
      store: world.store,
      resolve: async (index) => {
        await gates.pass(index.id);
        return { client: world.client, sink: new LocalIndex(world.db, index.id), meter: world.meter };
      },
      ...options,
    });
  const another = (name: string) => world.store.createIndex({ name, siteUrl: world.index.siteUrl, spaces: world.index.spaces, destination: 'local' });
  const converged = (index: IndexRecord) => expectConverged({ ...world, index }, new LocalIndex(world.db, index.id));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sync-executor-'));
    world = await syncWorld('cloud', { pagesPerSpace: 20, dbUrl: join(dir, 'sync.db') });
    gates = new Gates();
    executor = executorWith();
  });
  afterEach(async () => {
    await executor.drain(0);
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('start answers with a queued run at once; it runs in the background and ends succeeded', async () => {
    gates.close(world.index.id);
    const { runId } = await executor.start(world.index, 'api');
    expect(await world.store.getRun(runId)).toMatchObject({ status: 'queued', trigger: 'api', indexId: world.index.id });
    expect(executor.inFlight()).toEqual({ queued: 0, running: 1 });
    expect(executor.isBusy(world.index.id)).toBe(true);
    gates.open(world.index.id);
    await executor.idle();
    expect(await world.store.listRuns(world.index.id)).toEqual([expect.objectContaining({ id: runId, status: 'succeeded', trigger: 'api', error: null })]);
    expect(executor.inFlight()).toEqual({ queued: 0, running: 0 });
    expect(await world.store.leaseHolder(world.index.id)).toBeUndefined();
    await converged(world.index);
  });

  it('a second start of a busy index is a SyncBusyError, from this executor and from another one on the same file', async () => {
    gates.close(world.index.id);
    const { runId } = await executor.start(world.index, 'api');
    await expect(executor.start(world.index, 'api')).rejects.toBeInstanceOf(SyncBusyError);
    const otherStore = new SqliteSyncStore(openDatabase({ url: join(dir, 'sync.db') }));
    const other = new RunExecutor({ store: otherStore, resolve: () => Promise.reject(new Error('must not run')) });
    await expect(other.start(world.index, 'schedule')).rejects.toThrow(/another sync of this index is running/);
    await otherStore.close();
    gates.open(world.index.id);
    await executor.idle();
    expect((await world.store.listRuns(world.index.id)).map((run) => [run.id, run.status])).toEqual([[runId, 'succeeded']]);
    expect(await executor.start(world.index, 'api')).toEqual({ runId: expect.any(Number) });
    await executor.idle();
  });

  it('runs at most `concurrency` at once; the rest wait queued and run after', async () => {
    const indexes = [world.index, await another('b'), await another('c')];
    for (const index of indexes) gates.close(index.id);
    const runs = [];
    for (const index of indexes) runs.push((await executor.start(index, 'api')).runId);
    expect(executor.inFlight()).toEqual({ queued: 1, running: 2 });
    expect(await world.store.getRun(runs[2])).toMatchObject({ status: 'queued' });
    expect(gates.waiting).toBe(2);
    for (const index of indexes) gates.open(index.id);
    await executor.idle();
    expect(gates.maxWaiting).toBe(2);
    const records = await Promise.all(runs.map((id) => world.store.getRun(id)));
    expect(records.map((run) => run?.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // The third began running only once one of the first two had finished.
    expect(records[2]?.startedAt).toBeGreaterThanOrEqual(Math.min(records[0]?.finishedAt ?? Infinity, records[1]?.finishedAt ?? Infinity));
    for (const index of indexes) await converged(index);
  });

  it('drain cancels queued runs, stops running ones after their batch (history says so), refuses new ones; the next executor completes', async () => {
    const second = await another('b');
    let draining: Promise<void> | undefined;
    executor = executorWith({
      concurrency: 1,
      batchSize: 5,
      onProgress: (_indexId, _runId, event) => {
        if (event.phase === 'writing' && !draining) draining = executor.drain(60_000);
      },
    });
    const first = await executor.start(world.index, 'schedule');
    const queued = await executor.start(second, 'api');
    await executor.idle();
    await draining;
    expect(await world.store.getRun(first.runId)).toMatchObject({ status: 'cancelled', error: 'cancelled: the service is stopping', new: 5 });
    expect(await world.store.getRun(queued.runId)).toMatchObject({ status: 'cancelled', error: 'cancelled: the service stopped before it ran' });
    expect(await world.store.leaseHolder(world.index.id)).toBeUndefined();
    expect(await world.store.leaseHolder(second.id)).toBeUndefined();
    // Exactly the committed batch is held, nothing pending.
    expect((await world.store.listSyncedPages(world.index.id)).map((page) => page.pendingChunkIds)).toEqual([null, null, null, null, null]);
    await expect(executor.start(world.index, 'api')).rejects.toBeInstanceOf(ExecutorStoppedError);

    executor = executorWith();
    const again = await executor.start(world.index, 'api');
    await executor.idle();
    expect(await world.store.getRun(again.runId)).toMatchObject({ status: 'succeeded', unchanged: 5 });
    await converged(world.index);
  });

  it('drain aborts a run whose batch does not end within the timeout; it is recorded cancelled and the lease freed', async () => {
    const local = new LocalIndex(world.db, world.index.id);
    let writing!: () => void;
    const reachedWrite = new Promise<void>((resolve) => (writing = resolve));
    // A destination that never answers until the run's signal aborts it.
    const hanging = {
      kind: 'hanging',
      upsert: (_chunks: unknown, signal?: AbortSignal) => {
        writing();
        return new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
      },
      delete: (ids: readonly string[]) => local.delete(ids),
    };
    executor = executorWith({ resolve: async () => ({ client: world.client, sink: hanging }) });
    const { runId } = await executor.start(world.index, 'api');
    await reachedWrite;
    await executor.drain(50);
    expect(await world.store.getRun(runId)).toMatchObject({ status: 'cancelled', error: 'cancelled: the service is stopping', new: 0 });
    expect(await world.store.leaseHolder(world.index.id)).toBeUndefined();
    expect(local.pages()).toEqual([]);
  });

  it('records failures as one short line: a resolve that throws, a destination that fails', async () => {
    executor = executorWith({ resolve: () => Promise.reject(new Error('connection 7: no credentials stored\n    at resolve (/app/wiring.ts:1:1)')) });
    const { runId } = await executor.start(world.index, 'api');
    await executor.idle();
    expect(await world.store.getRun(runId)).toMatchObject({ status: 'failed', error: 'connection 7: no credentials stored' });
    expect(await world.store.leaseHolder(world.index.id)).toBeUndefined();

    const sink = new RecordingSink(new LocalIndex(world.db, world.index.id));
    sink.failNext = 'upsert';
    executor = executorWith({ resolve: async () => ({ client: world.client, sink }) });
    const failing = await executor.start(world.index, 'api');
    await executor.idle();
    const run = await world.store.getRun(failing.runId);
    expect(run).toMatchObject({ status: 'failed', error: 'sink down' });
    expect(run?.error).not.toContain('\n');
  });
  it('a store that also fails while recording a failed start is logged, not an unhandled rejection; the run is reclaimed later', async () => {
    const errors: string[] = [];
    const logger = { info: () => undefined, warn: () => undefined, error: (fields: Record<string, unknown>, message: string) => errors.push(`${message}: ${String(fields['error'])}`) };
    const store = Object.create(world.store) as typeof world.store;
    store.finishRun = () => Promise.reject(new Error('database is locked'));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      executor = executorWith({ store, logger, resolve: () => Promise.reject(new Error('no credentials stored')) });
      const { runId } = await executor.start(world.index, 'api');
      await executor.idle();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(errors).toEqual(['could not record the failed start: database is locked']);
      expect((await world.store.getRun(runId))?.status).toMatch(/queued|running/);
      expect(await world.store.leaseHolder(world.index.id)).toBeUndefined();
      expect(await world.store.failAbandonedRuns(world.index.id, 'interrupted')).toBe(1);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
