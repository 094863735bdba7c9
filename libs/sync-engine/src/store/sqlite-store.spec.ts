/** `SqliteSyncStore` on the real migrations: leases, run history, page records, and what deleting an index takes along. */
import { hostname } from 'node:os';
import { chunkId } from '../documents/chunker';
import { LocalIndex } from '../sinks/local-sink';
import { takeLease } from '../sync/lease';
import { SyncBusyError } from '../sync/progress';
import { openDatabase } from './database';
import { SqliteSyncStore } from './sqlite-store';
import type { IndexRecord, RunCounts, SyncedPage } from './types';

let clock: number;
let store: SqliteSyncStore;
let index: IndexRecord;
beforeEach(async () => {
  clock = 1_700_000_000_000;
  store = new SqliteSyncStore(openDatabase({ url: ':memory:' }), undefined, () => clock);
  index = await store.createIndex({ name: 'eng', siteUrl: 'https://example.atlassian.net/wiki', spaces: ['ENG'], destination: 'local' });
});
afterEach(() => store.close());

describe('leases', () => {
  it('one holder at a time: acquire, renew, take again, release', async () => {
    expect(await store.acquireLease(index.id, 'a', 1000)).toBe(true);
    expect(await store.acquireLease(index.id, 'b', 1000)).toBe(false);
    expect(await store.leaseHolder(index.id)).toBe('a');
    expect(await store.acquireLease(index.id, 'a', 1000)).toBe(true);
    expect(await store.renewLease(index.id, 'a', 1000)).toBe(true);
    expect(await store.renewLease(index.id, 'b', 1000)).toBe(false);
    await store.releaseLease(index.id, 'b');
    expect(await store.leaseHolder(index.id)).toBe('a');
    await store.releaseLease(index.id, 'a');
    expect(await store.leaseHolder(index.id)).toBeUndefined();
    expect(await store.acquireLease(index.id, 'b', 1000)).toBe(true);
  });

  it('a renewal pushes the expiry; an expired lease goes to the next taker, and its old holder cannot renew it', async () => {
    await store.acquireLease(index.id, 'a', 1000);
    clock += 800;
    expect(await store.renewLease(index.id, 'a', 1000)).toBe(true);
    clock += 800;
    expect(await store.acquireLease(index.id, 'b', 1000)).toBe(false);
    expect(await store.leaseHolder(index.id)).toBe('a');
    clock += 1001;
    expect(await store.leaseHolder(index.id)).toBeUndefined();
    expect(await store.acquireLease(index.id, 'b', 1000)).toBe(true);
    expect(await store.renewLease(index.id, 'a', 1000)).toBe(false);
    expect(await store.leaseHolder(index.id)).toBe('b');
  });

  it('leases of two indexes are independent', async () => {
    const other = await store.createIndex({ name: 'ops', siteUrl: index.siteUrl, spaces: ['OPS'], destination: 'local' });
    expect(await store.acquireLease(index.id, 'a', 1000)).toBe(true);
    expect(await store.acquireLease(other.id, 'b', 1000)).toBe(true);
  });
});

describe('takeLease', () => {
  it('takes over at once a lease left by a dead process of this host', async () => {
    // No process has this pid (above Linux's pid_max).
    await store.acquireLease(index.id, `${hostname()}:99999999:dead`, 60_000);
    const lease = await takeLease(store, index.id, 60_000);
    expect(await store.leaseHolder(index.id)).toBe(lease.holder);
    expect(lease.holder).toContain(`:${process.pid}:`);
    await lease.release();
    expect(await store.leaseHolder(index.id)).toBeUndefined();
  });

  it('refuses a lease held by a live process or by another host, naming the holder', async () => {
    for (const holder of [`${hostname()}:${process.ppid}:alive`, 'another-host:1234:remote']) {
      await store.acquireLease(index.id, holder, 60_000);
      await expect(takeLease(store, index.id, 60_000)).rejects.toThrow(new SyncBusyError(`another sync of this index is running (${holder}); try again when it ends`));
      expect(await store.leaseHolder(index.id)).toBe(holder);
      await store.releaseLease(index.id, holder);
    }
  });

  it('signals `lost` when another holder took the lease over', async () => {
    const lease = await takeLease(store, index.id, 3000);
    clock += 3001;
    await store.acquireLease(index.id, 'usurper', 60_000);
    await new Promise((resolve) => lease.lost.addEventListener('abort', resolve));
    expect(lease.lost.reason).toBeInstanceOf(SyncBusyError);
    await lease.release();
    expect(await store.leaseHolder(index.id)).toBe('usurper');
  });
});

describe('run history', () => {
  const counts: RunCounts = { listed: 10, new: 4, changed: 2, unchanged: 4, deleted: 1, failed: 0, requests: 9, bytes: 12_345 };

  it('records a run from start to finish, with progress on the way and its duration', async () => {
    const run = await store.startRun(index.id, 'schedule');
    expect(run).toMatchObject({ indexId: index.id, trigger: 'schedule', status: 'running', startedAt: clock, finishedAt: null, listed: 0 });
    await store.updateRun(run.id, { listed: 10, new: 2 });
    expect(await store.getRun(run.id)).toMatchObject({ status: 'running', listed: 10, new: 2 });
    clock += 1500;
    const done = await store.finishRun(run.id, { status: 'failed', counts, error: 'LlamaCloud: could not upsert documents (HTTP 503)' });
    expect(done).toMatchObject({ ...counts, status: 'failed', finishedAt: clock, durationMs: 1500, error: 'LlamaCloud: could not upsert documents (HTTP 503)' });
    await expect(store.finishRun(9999, { status: 'succeeded', counts })).rejects.toThrow('run 9999: not found');
  });

  it('lists runs newest first, up to a limit, per index', async () => {
    const other = await store.createIndex({ name: 'ops', siteUrl: index.siteUrl, spaces: ['OPS'], destination: 'local' });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await store.startRun(index.id, 'cli')).id);
    await store.startRun(other.id, 'api');
    expect((await store.listRuns(index.id)).map((run) => run.id)).toEqual([...ids].reverse());
    expect((await store.listRuns(index.id, { limit: 2 })).map((run) => run.id)).toEqual([ids[4], ids[3]]);
    expect(await store.listRuns(other.id)).toHaveLength(1);
  });

  it('marks runs that no process finishes as failed, with the reason, and leaves finished ones alone', async () => {
    const finished = await store.startRun(index.id, 'cli');
    await store.finishRun(finished.id, { status: 'succeeded', counts });
    const abandoned = await store.startRun(index.id, 'cli');
    clock += 200;
    expect(await store.failAbandonedRuns(index.id, 'interrupted: the process running it stopped')).toBe(1);
    expect(await store.getRun(abandoned.id)).toMatchObject({ status: 'failed', error: 'interrupted: the process running it stopped', durationMs: 200 });
    expect(await store.getRun(finished.id)).toMatchObject({ status: 'succeeded', error: null });
    expect(await store.failAbandonedRuns(index.id, 'again')).toBe(0);
  });
});

describe('page records', () => {
  const record = (pageId: string, chunkIds: string[], extra: Partial<SyncedPage> = {}): SyncedPage => ({
    pageId,
    spaceKey: 'ENG',
    version: 3,
    parentId: null,
    position: null,
    title: `Page ${pageId}`,
    ancestry: '',
    contentHash: `hash-${pageId}`,
    chunkIds,
    pendingChunkIds: null,
    syncedAt: clock,
    ...extra,
  });

  it('announces pending chunk ids (a new page at version 0), keeps the union of two announcements, and clears them on commit', async () => {
    await store.markPending(index.id, [{ pageId: '1', spaceKey: 'ENG', title: 'Page 1', pendingChunkIds: ['c0', 'c1'] }]);
    expect(await store.listSyncedPages(index.id)).toEqual([expect.objectContaining({ pageId: '1', version: 0, chunkIds: [], pendingChunkIds: ['c0', 'c1'] })]);
    await store.markPending(index.id, [{ pageId: '1', spaceKey: 'ENG', title: 'Page 1', pendingChunkIds: ['c1', 'c2'] }]);
    expect((await store.listSyncedPages(index.id))[0].pendingChunkIds?.sort()).toEqual(['c0', 'c1', 'c2']);
    await store.commitPages(index.id, [record('1', ['c0'])]);
    expect(await store.listSyncedPages(index.id)).toEqual([record('1', ['c0'])]);
  });

  it('keeps the committed chunk ids of a recorded page while a rewrite is pending', async () => {
    await store.commitPages(index.id, [record('1', ['c0', 'c1'])]);
    await store.markPending(index.id, [{ pageId: '1', spaceKey: 'ENG', title: 'Page 1', pendingChunkIds: ['c0', 'c1', 'c2', 'c3'] }]);
    expect(await store.listSyncedPages(index.id)).toEqual([record('1', ['c0', 'c1'], { pendingChunkIds: ['c0', 'c1', 'c2', 'c3'] })]);
  });

  it('removes many pages at once (more than one statement can bind), only of its index', async () => {
    const other = await store.createIndex({ name: 'ops', siteUrl: index.siteUrl, spaces: ['OPS'], destination: 'local' });
    const ids = Array.from({ length: 600 }, (_, n) => String(n));
    await store.commitPages(index.id, ids.map((id) => record(id, [`c${id}`])));
    await store.commitPages(other.id, [record('5', ['c5'])]);
    await store.removePages(index.id, ids.slice(0, 599));
    expect((await store.listSyncedPages(index.id)).map((p) => p.pageId)).toEqual(['599']);
    expect(await store.listSyncedPages(other.id)).toHaveLength(1);
  });
});

describe('deleting an index', () => {
  it('takes its runs, records, lease and local chunks along, and leaves the full-text index consistent', async () => {
    const local = new LocalIndex(store.db, index.id);
    await store.startRun(index.id, 'cli');
    await store.commitPages(index.id, [{ pageId: '1', spaceKey: 'ENG', version: 1, parentId: null, position: null, title: 'T', ancestry: '', contentHash: 'h', chunkIds: ['x'], pendingChunkIds: null, syncedAt: clock }]);
    await store.acquireLease(index.id, 'a', 1000);
    await local.upsert([
      {
        id: chunkId('example.atlassian.net', '1', 0),
        pageId: '1',
        text: 'Unicorn grooming',
        headingPath: [],
        metadata: { source: 'confluence', site: 'example.atlassian.net', space_key: 'ENG', space_name: 'Engineering', page_id: '1', title: 'T', url: 'u', ancestors: [], labels: [], version: 1, created_at: '', updated_at: '', author: 'A', updated_by: 'A', heading_path: '', chunk_index: 0, chunk_count: 1 },
      },
    ]);
    expect(local.search('unicorn')).toHaveLength(1);

    await store.deleteIndex(index.id);
    expect(await store.getIndex(index.id)).toBeUndefined();
    expect(await store.listRuns(index.id)).toEqual([]);
    expect(await store.listSyncedPages(index.id)).toEqual([]);
    expect(await store.leaseHolder(index.id)).toBeUndefined();
    expect(local.chunks()).toEqual([]);
    const fts = store.db.$client;
    expect(() => fts.prepare(`INSERT INTO local_chunks_fts(local_chunks_fts) VALUES ('integrity-check')`).run()).not.toThrow();
    expect(fts.prepare(`SELECT count(*) AS n FROM local_chunks_fts WHERE local_chunks_fts MATCH 'unicorn'`).get()).toEqual({ n: 0 });
  });
});
