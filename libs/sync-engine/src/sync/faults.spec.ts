/**
 * Faults of the Confluence side (a 429 storm, 5xx bursts, connection resets, a burst longer than the client's
 * retries): the index a faulty sync leaves equals the one a fault-free sync leaves of the same world, chunk for chunk
 * and record for record. A run may fail (then a rerun finishes it); it must never succeed with something else.
 */
import { FLAVORS } from '@confluence-mcp/confluence-client/testing';
import { LocalIndex } from '../sinks/local-sink';
import { openDatabase } from '../store/database';
import { SqliteSyncStore } from '../store/sqlite-store';
import { SyncWorld, syncWorld } from '../testing/sync-world';
import { SyncFailedError } from './progress';
import { runSync } from './runner';

/** What an index holds: every chunk and every page record (without the time it was written). */
interface IndexSnapshot {
  chunks: ReturnType<LocalIndex['chunks']>;
  records: Array<Record<string, unknown>>;
}

/** Syncs the world's space into a fresh store until a run succeeds (at most `attempts`), and reads back the result. */
async function syncFresh(world: SyncWorld, attempts = 1): Promise<IndexSnapshot & { failures: string[] }> {
  const store = new SqliteSyncStore(openDatabase({ url: ':memory:' }));
  try {
    const index = await store.createIndex({ name: 'fresh', siteUrl: world.client.siteUrl, spaces: [world.spaceKey], destination: 'local' });
    const local = new LocalIndex(store.db, index.id);
    const failures: string[] = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await runSync({ client: world.client, store, index, sink: local, batchSize: 8 });
        break;
      } catch (error) {
        if (!(error instanceof SyncFailedError) || attempt === attempts) throw error;
        failures.push(error.message);
      }
    }
    const records = (await store.listSyncedPages(index.id)).map(({ syncedAt: _syncedAt, ...record }) => record).sort((a, b) => a.pageId.localeCompare(b.pageId));
    return { chunks: local.chunks(), records, failures };
  } finally {
    await store.close();
  }
}

describe.each(FLAVORS)('a sync under faults (%s)', (flavor) => {
  let world: SyncWorld;
  let clean: IndexSnapshot;
  beforeAll(async () => {
    world = await syncWorld(flavor, { pagesPerSpace: 20 });
    const { chunks, records } = await syncFresh(world);
    clean = { chunks, records };
    expect(clean.records.length).toBeGreaterThan(10);
  });
  afterEach(() => {
    world.emulator.control.clearFaults();
    world.emulator.control.clearLog();
  });
  afterAll(() => world.close());

  const statuses = () => world.emulator.control.requests().map((r) => r.status);

  it('a 429 storm (Retry-After: 1) gives the same index as a fault-free run', async () => {
    world.emulator.control.setRateLimit({ capacity: 4, refillPerSecond: 4 });
    const { chunks, records } = await syncFresh(world);
    expect(statuses()).toContain(429);
    expect({ chunks, records }).toEqual(clean);
  });

  it('5xx bursts on every route give the same index as a fault-free run', async () => {
    for (const path of ['/space', '/pages', '/content', '/user']) {
      world.emulator.control.injectFault({ kind: 'status', status: 502, times: 2, match: { path } });
      world.emulator.control.injectFault({ kind: 'status', status: 500, times: 1, match: { path } });
    }
    const { chunks, records } = await syncFresh(world);
    expect(statuses().filter((s) => s >= 500).length).toBeGreaterThanOrEqual(6);
    expect({ chunks, records }).toEqual(clean);
  });

  it('connection resets give the same index as a fault-free run', async () => {
    for (const path of ['/space', '/pages', '/content', '/user']) world.emulator.control.injectFault({ kind: 'reset', times: 2, match: { path } });
    world.emulator.control.setResetRate(0.1);
    const { chunks, records } = await syncFresh(world);
    expect(statuses()).toContain(0);
    expect({ chunks, records }).toEqual(clean);
  });

  it('a burst longer than the retries fails the run or changes nothing: the rerun gives the same index', async () => {
    // Five answers in a row exhaust the client's four retries on one user lookup.
    world.emulator.control.injectFault({ kind: 'status', status: 503, times: 5, match: { path: '/user' } });
    const { chunks, records } = await syncFresh(world, 2);
    expect(statuses().filter((s) => s === 503)).toHaveLength(5);
    expect({ chunks, records }).toEqual(clean);
  });
});
