import { LocalIndex } from '../sinks/local-sink';
import { expectConverged } from '../testing/converged';
import { SyncWorld, syncWorld } from '../testing/sync-world';
import { SyncFailedError } from './progress';
import { runSync } from './runner';

describe('cancelling a sync', () => {
  let world: SyncWorld;
  beforeEach(async () => {
    world = await syncWorld('cloud', { pagesPerSpace: 30 });
  });
  afterEach(() => world.close());

  it('stops after the batch in flight, records the run as cancelled, frees the index, and the next run completes it', async () => {
    const local = new LocalIndex(world.db, world.index.id);
    const controller = new AbortController();
    const base = { client: world.client, store: world.store, index: world.index, sink: local, meter: world.meter, batchSize: 5 };
    const error = await runSync({ ...base, signal: controller.signal, checkpoint: (point) => void (point === 'after-commit' && controller.abort()) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SyncFailedError);
    const summary = (error as SyncFailedError).summary;
    expect(summary).toMatchObject({ status: 'cancelled', new: 5 });
    expect((await world.store.listRuns(world.index.id))[0]).toMatchObject({ status: 'cancelled', error: 'cancelled', new: 5 });
    expect(await world.store.leaseHolder(world.index.id)).toBeUndefined();
    // Exactly the committed batch is held: nothing half-written.
    expect(local.pages()).toHaveLength(5);
    expect((await world.store.listSyncedPages(world.index.id)).every((p) => p.pendingChunkIds === null)).toBe(true);

    const rerun = await runSync(base);
    expect(rerun).toMatchObject({ status: 'succeeded', new: summary.listed - 5, unchanged: 5 });
    await expectConverged(world, local);
  });

  it('an already aborted signal fails at once without touching the destination', async () => {
    const local = new LocalIndex(world.db, world.index.id);
    world.emulator.control.clearLog();
    const error = await runSync({ client: world.client, store: world.store, index: world.index, sink: local, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as SyncFailedError).summary.status).toBe('cancelled');
    expect(local.pages()).toEqual([]);
    expect(world.emulator.control.requests()).toEqual([]);
  });
});
