/**
 * Crash safety: a run dies at a point picked by a seeded random (a sink write or delete that fails after applying
 * part of its work, or any checkpoint of a batch), the world may change again, and one rerun converges exactly.
 */
import { FLAVORS } from '@confluence-mcp/confluence-client/testing';
import { chunkId } from '../documents/chunker';
import { LocalIndex } from '../sinks/local-sink';
import { CrashingSink } from '../testing/crashing-sink';
import { expectConverged } from '../testing/converged';
import { between, seededRandom, shuffled, storageParagraphs } from '../testing/random';
import { SyncWorld, syncWorld } from '../testing/sync-world';
import { changeWorld } from '../testing/world-changes';
import { SyncFailedError } from './progress';
import { SyncRunOptions, runSync } from './runner';

type Checkpoint = Parameters<NonNullable<SyncRunOptions['checkpoint']>>[0];
type CrashPoint = Checkpoint | 'sink-upsert' | 'sink-delete';
const CRASH_POINTS: CrashPoint[] = ['after-pending', 'after-upsert', 'after-stale-delete', 'after-commit', 'after-gone-delete', 'sink-upsert', 'sink-delete'];
/** Small chunks, so that pages have several and resizing a page changes how many. */
const CHUNKING = { chunkSize: 256, chunkOverlap: 16 };
/** Small batches, so that a run has several and a crash can land after some were committed. */
const BATCH_SIZE = 4;

describe.each(FLAVORS)('crash safety (%s)', (flavor) => {
  let world: SyncWorld;
  let local: LocalIndex;
  let sink: CrashingSink;
  /** Armed checkpoint crash: the point, and on which of its calls. */
  let checkpointCrash: { point: Checkpoint; call: number; seen: number } | undefined;
  const sync = () =>
    runSync({
      client: world.client,
      store: world.store,
      index: world.index,
      sink,
      chunking: CHUNKING,
      batchSize: BATCH_SIZE,
      checkpoint: (point) => {
        if (checkpointCrash?.point !== point || ++checkpointCrash.seen !== checkpointCrash.call) return;
        checkpointCrash = undefined;
        throw new Error(`crash: the process died ${point}`);
      },
    });

  beforeEach(async () => {
    world = await syncWorld(flavor, { pagesPerSpace: 24 });
    local = new LocalIndex(world.db, world.index.id);
    sink = new CrashingSink(local);
  });
  afterEach(() => world.close());

  it('converges on the rerun after a crash at each point, in seeded random order, with the world changing in between', async () => {
    const seed = flavor === 'cloud' ? 1101 : 2202;
    const random = seededRandom(seed);
    await sync();
    for (const point of shuffled(random, CRASH_POINTS)) {
      const where = `seed ${seed}, crash ${point}`;
      changeWorld(world, random, { maxParagraphs: 6 });
      // Points reached once per run (the deletion of gone pages) crash on their first call; the others on the first or second batch.
      const call = point === 'after-gone-delete' || point === 'sink-delete' ? 1 : between(random, 1, 2);
      if (point === 'sink-upsert' || point === 'sink-delete') sink.crashOn({ operation: point === 'sink-upsert' ? 'upsert' : 'delete', call, applied: random() });
      else checkpointCrash = { point, call, seen: 0 };

      const failed = await sync().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect({ where, failed }).toEqual({ where, failed: expect.any(SyncFailedError) });
      const summary = (failed as SyncFailedError).summary;
      expect(summary).toMatchObject({ status: 'failed', error: expect.stringMatching(/^crash: /) });
      expect(await world.store.leaseHolder(world.index.id)).toBeUndefined();

      // The nasty case: pages caught mid-write shrink before the rerun, so what the crashed run wrote beyond their
      // new length is known only from their pending chunk ids.
      for (const page of await world.store.listSyncedPages(world.index.id)) {
        if (page.pendingChunkIds && random() < 0.7) world.emulator.control.editPage(page.pageId, { body: storageParagraphs(random, 1) });
      }
      if (random() < 0.5) changeWorld(world, random, { resize: 2, maxParagraphs: 6 });
      const rerun = await sync();
      expect({ where, status: rerun.status }).toEqual({ where, status: 'succeeded' });
      await expectConverged(world, local);
    }
    const history = await world.store.listRuns(world.index.id, { limit: 100 });
    expect(history.filter((run) => run.status === 'failed')).toHaveLength(CRASH_POINTS.length);
    // Nothing pending is left: one more run finds every page unchanged.
    expect(await sync()).toMatchObject({ new: 0, changed: 0, deleted: 0 });
  });

  it('deletes the orphans of a page that grew, crashed after its upsert, then shrank before the rerun', async () => {
    await sync();
    const { control } = world.emulator;
    const [page] = (await world.store.listSyncedPages(world.index.id)).filter((p) => p.chunkIds.length >= 2).sort((a, b) => a.chunkIds.length - b.chunkIds.length);
    const site = new URL(world.client.siteUrl).host;
    const idsOf = () => local.chunks().filter((c) => c.page_id === page.pageId).map((c) => c.id);
    const before = idsOf().length;

    control.editPage(page.pageId, { body: storageParagraphs(seededRandom(7), 4 * page.chunkIds.length + 4) });
    checkpointCrash = { point: 'after-upsert', call: 1, seen: 0 };
    await expect(sync()).rejects.toThrow(SyncFailedError);
    const grown = idsOf();
    expect(grown.length).toBeGreaterThan(before);
    const [record] = (await world.store.listSyncedPages(world.index.id)).filter((p) => p.pageId === page.pageId);
    expect(record.chunkIds).toHaveLength(before);
    expect(record.pendingChunkIds?.length).toBe(grown.length);

    control.editPage(page.pageId, { body: '<p>Short again.</p>' });
    await sync();
    expect(idsOf()).toEqual([chunkId(site, page.pageId, 0)]);
    await expectConverged(world, local);
  });

  it('deletes what a crashed first write of a new page left, when that page is deleted before the rerun', async () => {
    await sync();
    const { control } = world.emulator;
    const created = control.createPage({ spaceKey: world.spaceKey, title: 'Written once, then deleted', body: storageParagraphs(seededRandom(8), 6) });
    sink.crashOn({ operation: 'upsert', call: 1, applied: 0.5 });
    await expect(sync()).rejects.toThrow(SyncFailedError);
    expect(local.chunks().some((c) => c.page_id === created.id)).toBe(true);
    expect((await world.store.listSyncedPages(world.index.id)).find((p) => p.pageId === created.id)).toMatchObject({ version: 0, chunkIds: [] });

    control.deletePage(created.id);
    const rerun = await sync();
    expect(rerun.deleted).toBe(1);
    expect(local.chunks().some((c) => c.page_id === created.id)).toBe(false);
    await expectConverged(world, local);
  });
});
