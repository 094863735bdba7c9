/**
 * The sync convergence suite on PostgreSQL: the runner against `PgSyncStore` and `PgLocalIndex` with the Confluence
 * emulator over real sockets. A first sync, a sync with nothing changed, random edits of the world, a crash at every
 * point of a batch in seeded random order (each followed by one converging rerun), and two workers (two pools, as
 * two processes would have) racing for one index: one runs, the other is refused, and the index converges.
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import { FLAVORS, clientFor, emulatorFor } from '@confluence-mcp/confluence-client/testing';
import { PgLocalIndex } from '../../sinks/pg/pg-local-index';
import { SyncBusyError, SyncFailedError } from '../../sync/progress';
import { SyncRunOptions, runSync } from '../../sync/runner';
import { createRequestMeter, RequestMeter } from '../../sync/meter';
import { expectConverged } from '../../testing/converged';
import { CrashingSink } from '../../testing/crashing-sink';
import { between, seededRandom, shuffled, storageParagraphs } from '../../testing/random';
import { SyncWorld, visiblePages } from '../../testing/sync-world';
import { changeWorld } from '../../testing/world-changes';
import type { IndexRecord } from '../types';
import { openPgDatabase } from './database';
import { PgSyncStore } from './pg-store';
import { pgStoreFactory } from './test-factory';

type Checkpoint = Parameters<NonNullable<SyncRunOptions['checkpoint']>>[0];
type CrashPoint = Checkpoint | 'sink-upsert' | 'sink-delete';
const CRASH_POINTS: CrashPoint[] = ['after-pending', 'after-upsert', 'after-stale-delete', 'after-commit', 'after-gone-delete', 'sink-upsert', 'sink-delete'];
const CHUNKING = { chunkSize: 256, chunkOverlap: 16 };
const BATCH_SIZE = 4;

const factory = pgStoreFactory();

/** What the convergence helpers read of a world, with a PostgreSQL store in it. */
interface PgWorld {
  emulator: RunningEmulator;
  client: ConfluenceClient;
  meter: RequestMeter;
  store: PgSyncStore;
  index: IndexRecord;
  spaceKey: string;
}

/**
 * The helpers of ../../testing are typed for the SQLite world; they read only the emulator, the client, the index,
 * the space and `store.listSyncedPages`, which a PostgreSQL world has too.
 */
const asSyncWorld = (world: PgWorld) => world as unknown as SyncWorld;

describe.each(FLAVORS)('sync into PostgreSQL (%s)', (flavor) => {
  let world: PgWorld;
  let local: PgLocalIndex;
  let sink: CrashingSink;
  let checkpointCrash: { point: Checkpoint; call: number; seen: number } | undefined;
  const sync = (extra: Partial<SyncRunOptions> = {}) =>
    runSync({
      client: world.client,
      store: world.store,
      index: world.index,
      sink,
      meter: world.meter,
      chunking: CHUNKING,
      batchSize: BATCH_SIZE,
      checkpoint: (point) => {
        if (checkpointCrash?.point !== point || ++checkpointCrash.seen !== checkpointCrash.call) return;
        checkpointCrash = undefined;
        throw new Error(`crash: the process died ${point}`);
      },
      ...extra,
    });
  const converged = async () => expectConverged(asSyncWorld(world), await local.chunks());

  beforeEach(async () => {
    const emulator = await emulatorFor(flavor, { spaces: 2, pagesPerSpace: 24, seed: 11 });
    const meter = createRequestMeter();
    const client = clientFor(emulator, 'alice', { fetch: meter.fetch, retry: { backoffLimitMs: 50 } });
    const { store } = await factory(Date.now);
    const space = [...emulator.control.world.spaces.values()].find((s) => s.permissions.read === '*');
    if (!space) throw new Error('no open space in the emulator world');
    const index = await store.createIndex({ name: `idx-${space.key}`, siteUrl: client.siteUrl, spaces: [space.key], destination: 'local' });
    world = { emulator, client, meter, store: store as PgSyncStore, index, spaceKey: space.key };
    local = new PgLocalIndex(factory.db, index.id);
    sink = new CrashingSink(local);
    checkpointCrash = undefined;
  });
  afterEach(() => world.emulator.close());

  it('a first sync holds exactly what alice can read; a second with nothing changed writes nothing; edits converge', async () => {
    const first = await sync();
    const truth = visiblePages(world.emulator, world.spaceKey);
    expect(first).toMatchObject({ status: 'succeeded', listed: truth.length, new: truth.length, deleted: 0, failed: 0 });
    await converged();
    expect(await world.store.listRuns(world.index.id)).toEqual([expect.objectContaining({ id: first.runId, status: 'succeeded', new: truth.length })]);

    expect(await sync()).toMatchObject({ new: 0, changed: 0, deleted: 0, unchanged: truth.length });

    const random = seededRandom(flavor === 'cloud' ? 31 : 32);
    changeWorld(asSyncWorld(world), random, { maxParagraphs: 6 });
    const third = await sync();
    expect(third.new).toBeGreaterThanOrEqual(1);
    await converged();
    const [created] = visiblePages(world.emulator, world.spaceKey).filter((p) => p.versions[0].title.startsWith('New page'));
    expect((await local.search(created.versions[created.versions.length - 1].title)).map((hit) => hit.page_id)).toContain(created.id);
  });

  it('converges on the rerun after a crash at each point, in seeded random order, with the world changing in between', async () => {
    const seed = flavor === 'cloud' ? 3101 : 3202;
    const random = seededRandom(seed);
    await sync();
    for (const point of shuffled(random, CRASH_POINTS)) {
      const where = `seed ${seed}, crash ${point}`;
      changeWorld(asSyncWorld(world), random, { maxParagraphs: 6 });
      const call = point === 'after-gone-delete' || point === 'sink-delete' ? 1 : between(random, 1, 2);
      if (point === 'sink-upsert' || point === 'sink-delete') sink.crashOn({ operation: point === 'sink-upsert' ? 'upsert' : 'delete', call, applied: random() });
      else checkpointCrash = { point, call, seen: 0 };

      const failed = await sync().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect({ where, failed }).toEqual({ where, failed: expect.any(SyncFailedError) });
      expect(await world.store.leaseHolder(world.index.id)).toBeUndefined();
      // Pages caught mid-write shrink before the rerun: what the crash wrote beyond their new length is known only from their pending ids.
      for (const page of await world.store.listSyncedPages(world.index.id)) {
        if (page.pendingChunkIds && random() < 0.7) world.emulator.control.editPage(page.pageId, { body: storageParagraphs(random, 1) });
      }
      const rerun = await sync();
      expect({ where, status: rerun.status }).toEqual({ where, status: 'succeeded' });
      await converged();
    }
    const history = await world.store.listRuns(world.index.id, { limit: 100 });
    expect(history.filter((run) => run.status === 'failed')).toHaveLength(CRASH_POINTS.length);
    expect(history.filter((run) => run.status === 'running' || run.status === 'queued')).toEqual([]);
    expect(await sync()).toMatchObject({ new: 0, changed: 0, deleted: 0 });
  });

  it('two workers racing for one index: one runs, the other is refused while it holds the lease, and the index converges', async () => {
    // A second pool on the same database, as a second worker process would have.
    const otherDb = await openPgDatabase({ url: factory.url });
    const other = new PgSyncStore(otherDb);
    try {
      const results = await Promise.allSettled([sync(), sync({ store: other })]);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0].reason).toBeInstanceOf(SyncBusyError);
      await converged();
      // Only the winner left a run in history.
      expect((await world.store.listRuns(world.index.id)).map((run) => run.status)).toEqual(['succeeded']);
    } finally {
      await otherDb.$client.end();
    }
  });
});
