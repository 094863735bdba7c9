/**
 * Contract: the core of every `SyncStore` (leases, runs, page records, connections with credentials at rest, and
 * what deleting an index takes along), written against a factory so that SQLite and PostgreSQL run the same
 * assertions. Concurrency cases (lease races, concurrent rotations) are real races on PostgreSQL's pool and
 * serialised on SQLite; both must give one winner.
 */
import { hostname } from 'node:os';
import { Chunk, chunkId } from '../../documents/chunker';
import { takeLease } from '../../sync/lease';
import { SyncBusyError } from '../../sync/progress';
import type { LocalSearchIndex } from '../open-sync-store';
import { createSecretBox, SecretBox } from '../secrets';
import type { IndexRecord, RunCounts, SyncStore, SyncedPage } from '../types';

/** A fresh, empty, migrated store on clock `now` with the secret box `secrets`, its local indexes, and a peek at stored secrets. */
export type CoreStoreFactory = (
  now: () => number,
  secrets?: SecretBox,
) => Promise<{ store: SyncStore; localIndex(indexId: string): LocalSearchIndex; rawSecret(connectionId: string): Promise<string>; close(): Promise<void> }>;

const KEY = 'k'.repeat(16) + 'correct-horse-battery-staple-0123456789';
const TOKEN = 'ATATT3xFfGF0-very-secret-api-token';
const COUNTS: RunCounts = { listed: 10, new: 4, changed: 2, unchanged: 4, deleted: 1, failed: 0, requests: 9, bytes: 12_345 };

/** Declares the core store specs for the store `factory` makes. */
export function storeCoreContract(factory: CoreStoreFactory): void {
  const clock = { now: 1_700_000_000_000 };
  let made: Awaited<ReturnType<CoreStoreFactory>>;
  let store: SyncStore;
  let index: IndexRecord;
  beforeEach(async () => {
    clock.now = 1_700_000_000_000;
    made = await factory(() => clock.now, createSecretBox(KEY));
    store = made.store;
    index = await store.createIndex({ name: 'eng', siteUrl: 'https://example.atlassian.net/wiki', spaces: ['ENG'], destination: 'local' });
  });
  afterEach(() => made.close());

  describe('indexes', () => {
    it('keeps spaces, destination settings and schedule as given, and updates them', async () => {
      const made = await store.createIndex({ name: 'cloud', siteUrl: 'https://x.atlassian.net/wiki', spaces: ['A', 'B'], destination: 'llamacloud', destinationConfig: { project: 'p', pipeline: 'q' }, intervalMinutes: 30 });
      expect(made).toEqual({ id: expect.any(String), name: 'cloud', ownerId: null, connectionId: null, siteUrl: 'https://x.atlassian.net/wiki', spaces: ['A', 'B'], destination: 'llamacloud', destinationConfig: { project: 'p', pipeline: 'q' }, intervalMinutes: 30, createdAt: clock.now, updatedAt: clock.now });
      expect(await store.getIndex(made.id)).toEqual(made);
      expect(await store.findIndexByName('cloud')).toEqual(made);
      clock.now += 5;
      const updated = await store.updateIndex(made.id, { spaces: ['C'], intervalMinutes: null, destinationConfig: {} });
      expect(updated).toEqual({ ...made, spaces: ['C'], intervalMinutes: null, destinationConfig: {}, updatedAt: clock.now });
      expect((await store.listIndexes()).map((i) => i.name)).toEqual(['cloud', 'eng']);
      await expect(store.updateIndex('missing', { spaces: [] })).rejects.toThrow('index missing: not found');
    });
  });

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
      clock.now += 800;
      expect(await store.renewLease(index.id, 'a', 1000)).toBe(true);
      clock.now += 800;
      expect(await store.acquireLease(index.id, 'b', 1000)).toBe(false);
      expect(await store.leaseHolder(index.id)).toBe('a');
      clock.now += 1001;
      expect(await store.leaseHolder(index.id)).toBeUndefined();
      expect(await store.acquireLease(index.id, 'b', 1000)).toBe(true);
      expect(await store.renewLease(index.id, 'a', 1000)).toBe(false);
      expect(await store.leaseHolder(index.id)).toBe('b');
    });

    it('of many takers racing for a free lease, or for an expired one, exactly one wins', async () => {
      const race = () => Promise.all(Array.from({ length: 20 }, (_, n) => store.acquireLease(index.id, `taker-${n}`, 1000)));
      const first = await race();
      expect(first.filter(Boolean)).toHaveLength(1);
      expect(await store.leaseHolder(index.id)).toBe(`taker-${first.indexOf(true)}`);
      clock.now += 1001;
      const second = await race();
      expect(second.filter(Boolean)).toHaveLength(1);
      expect(await store.leaseHolder(index.id)).toBe(`taker-${second.indexOf(true)}`);
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
      clock.now += 3001;
      await store.acquireLease(index.id, 'usurper', 60_000);
      await new Promise((resolve) => lease.lost.addEventListener('abort', resolve));
      expect(lease.lost.reason).toBeInstanceOf(SyncBusyError);
      await lease.release();
      expect(await store.leaseHolder(index.id)).toBe('usurper');
    });
  });

  describe('exclusive', () => {
    it('runs work under one name one at a time, other names alongside, and passes results and errors through', async () => {
      let active = 0;
      let most = 0;
      const spans: string[] = [];
      const work = (label: string) => async () => {
        active += 1;
        most = Math.max(most, active);
        spans.push(`${label}+`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        spans.push(`${label}-`);
        active -= 1;
        return label;
      };
      const same = await Promise.all(['a', 'b', 'c'].map((label) => store.exclusive('connection:1', work(label))));
      expect(same).toEqual(['a', 'b', 'c']);
      expect(most).toBe(1);
      // Each holder ended before the next began.
      for (let i = 0; i < spans.length; i += 2) expect(spans[i].slice(0, -1)).toBe(spans[i + 1].slice(0, -1));
      most = 0;
      await Promise.all([store.exclusive('connection:1', work('x')), store.exclusive('connection:2', work('y'))]);
      expect(most).toBe(2);
      await expect(store.exclusive('connection:1', async () => Promise.reject(new Error('refresh refused')))).rejects.toThrow('refresh refused');
      // A failed holder leaves the name free.
      expect(await store.exclusive('connection:1', async () => 'after')).toBe('after');
    });
  });

  describe('run history', () => {
    it('records a run from start to finish, with progress on the way and its duration', async () => {
      const run = await store.startRun(index.id, 'schedule');
      expect(run).toMatchObject({ indexId: index.id, trigger: 'schedule', status: 'running', startedAt: clock.now, finishedAt: null, listed: 0 });
      await store.updateRun(run.id, { listed: 10, new: 2 });
      await store.updateRun(run.id, {});
      expect(await store.getRun(run.id)).toMatchObject({ status: 'running', listed: 10, new: 2 });
      clock.now += 1500;
      const done = await store.finishRun(run.id, { status: 'failed', counts: { ...COUNTS, bytes: 5_000_000_000 }, error: 'LlamaCloud: could not upsert documents (HTTP 503)' });
      expect(done).toMatchObject({ ...COUNTS, bytes: 5_000_000_000, status: 'failed', finishedAt: clock.now, durationMs: 1500, error: 'LlamaCloud: could not upsert documents (HTTP 503)' });
      expect(await store.getRun(run.id)).toEqual(done);
      await expect(store.finishRun(9999, { status: 'succeeded', counts: COUNTS })).rejects.toThrow('run 9999: not found');
      expect(await store.getRun(9999)).toBeUndefined();
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

    it('gives the newest run of every index in one call, and none for an index that never ran', async () => {
      const other = await store.createIndex({ name: 'ops', siteUrl: index.siteUrl, spaces: ['OPS'], destination: 'local' });
      const idle = await store.createIndex({ name: 'idle', siteUrl: index.siteUrl, spaces: ['IDLE'], destination: 'local' });
      const first = await store.startRun(index.id, 'cli');
      const otherRun = await store.queueRun(other.id, 'api');
      await store.finishRun(first.id, { status: 'succeeded', counts: COUNTS });
      const second = await store.startRun(index.id, 'schedule');
      const latest = await store.latestRuns();
      expect([...latest.keys()].sort()).toEqual([index.id, other.id].sort());
      expect(latest.get(index.id)).toEqual(await store.getRun(second.id));
      expect(latest.get(other.id)).toEqual(otherRun);
      expect(latest.has(idle.id)).toBe(false);
    });

    it('marks runs that no process finishes as failed, with the reason, and leaves finished ones alone', async () => {
      const finished = await store.startRun(index.id, 'cli');
      await store.finishRun(finished.id, { status: 'succeeded', counts: COUNTS });
      const abandoned = await store.startRun(index.id, 'cli');
      clock.now += 200;
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
      syncedAt: clock.now,
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
      await store.commitPages(index.id, [record('1', ['c0', 'c1'], { parentId: 'p', position: 7, ancestry: 'Home / Docs' })]);
      await store.markPending(index.id, [{ pageId: '1', spaceKey: 'ENG', title: 'Page 1', pendingChunkIds: ['c0', 'c1', 'c2', 'c3'] }]);
      const [held] = await store.listSyncedPages(index.id);
      expect({ ...held, pendingChunkIds: held.pendingChunkIds?.sort() }).toEqual(record('1', ['c0', 'c1'], { parentId: 'p', position: 7, ancestry: 'Home / Docs', pendingChunkIds: ['c0', 'c1', 'c2', 'c3'] }));
    });

    it('takes a page twice in one batch: pending ids joined, the last commit kept', async () => {
      await store.markPending(index.id, [
        { pageId: '1', spaceKey: 'ENG', title: 'Page 1', pendingChunkIds: ['a'] },
        { pageId: '1', spaceKey: 'ENG', title: 'Page 1', pendingChunkIds: ['b'] },
      ]);
      expect((await store.listSyncedPages(index.id))[0].pendingChunkIds?.sort()).toEqual(['a', 'b']);
      await store.commitPages(index.id, [record('1', ['a']), record('1', ['b'], { version: 4 })]);
      expect(await store.listSyncedPages(index.id)).toEqual([record('1', ['b'], { version: 4 })]);
    });

    it('writes and removes many pages at once (more than one statement binds), only of its index', async () => {
      const other = await store.createIndex({ name: 'ops', siteUrl: index.siteUrl, spaces: ['OPS'], destination: 'local' });
      const ids = Array.from({ length: 1200 }, (_, n) => String(n));
      await store.markPending(index.id, ids.map((id) => ({ pageId: id, spaceKey: 'ENG', title: `Page ${id}`, pendingChunkIds: [`c${id}`] })));
      await store.commitPages(index.id, ids.map((id) => record(id, [`c${id}`])));
      await store.commitPages(other.id, [record('5', ['c5'])]);
      expect((await store.listSyncedPages(index.id)).filter((p) => p.pendingChunkIds !== null)).toEqual([]);
      await store.removePages(index.id, ids.slice(0, 1199));
      await store.removePages(index.id, []);
      expect((await store.listSyncedPages(index.id)).map((p) => p.pageId)).toEqual(['1199']);
      expect(await store.listSyncedPages(other.id)).toHaveLength(1);
    });
  });

  describe('connections', () => {
    let userId: string;
    beforeEach(async () => {
      userId = (await store.createUser({ username: 'alice', email: 'alice@example.com', passwordHash: null })).id;
    });
    const create = (name = 'acme') =>
      store.createConnection({ userId, name, siteUrl: 'https://acme.atlassian.net/wiki', flavor: 'cloud', authKind: 'oauth', credentials: { accessToken: TOKEN, refreshToken: 'refresh-0' }, tokenExpiresAt: clock.now + 3600_000 });

    it('stores credentials sealed (neither the token nor its encodings in the column) and never returns them with the connection', async () => {
      const connection = await create();
      expect(connection).toEqual({ id: expect.any(String), userId, name: 'acme', siteUrl: 'https://acme.atlassian.net/wiki', flavor: 'cloud', authKind: 'oauth', tokenExpiresAt: clock.now + 3600_000, createdAt: clock.now, updatedAt: clock.now });
      const raw = await made.rawSecret(connection.id);
      expect(raw).toMatch(/^v1\./);
      for (const form of [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('base64url'), Buffer.from(TOKEN).toString('hex')]) expect(raw).not.toContain(form);
      for (const seen of [connection, await store.getConnection(connection.id), ...(await store.listConnections(userId))]) {
        expect(seen).not.toHaveProperty('secret');
        expect(JSON.stringify(seen)).not.toContain(TOKEN);
      }
      expect(await store.connectionCredentials(connection.id)).toEqual({ accessToken: TOKEN, refreshToken: 'refresh-0' });
    });

    it('rotates credentials in one write: concurrent rotations leave one whole set, never a mix', async () => {
      const connection = await create();
      const before = await made.rawSecret(connection.id);
      clock.now += 10;
      await Promise.all(
        Array.from({ length: 10 }, (_, n) => store.updateConnectionCredentials(connection.id, { accessToken: `access-${n}`, refreshToken: `refresh-${n}` }, 2_000_000_000_000 + n)),
      );
      expect(await made.rawSecret(connection.id)).not.toBe(before);
      const after = await store.connectionCredentials(connection.id);
      const n = Number(after['accessToken']?.split('-')[1]);
      expect(after).toEqual({ accessToken: `access-${n}`, refreshToken: `refresh-${n}` });
      expect(await store.getConnection(connection.id)).toMatchObject({ tokenExpiresAt: 2_000_000_000_000 + n, updatedAt: clock.now });
      await expect(store.updateConnectionCredentials('missing', {}, null)).rejects.toThrow('connection missing: not found');
      await expect(store.connectionCredentials('missing')).rejects.toThrow('connection missing: not found');
    });

    it('deleting a connection detaches the indexes that used it', async () => {
      const connection = await create();
      const attached = await store.createIndex({ name: 'attached', siteUrl: index.siteUrl, spaces: ['ENG'], destination: 'local', ownerId: userId, connectionId: connection.id });
      await store.deleteConnection(connection.id);
      expect(await store.getConnection(connection.id)).toBeUndefined();
      expect(await store.listConnections(userId)).toEqual([]);
      expect(await store.getIndex(attached.id)).toMatchObject({ connectionId: null });
    });
  });

  describe('deleting an index', () => {
    it('takes its runs, records, lease and local chunks along, and leaves other indexes alone', async () => {
      const other = await store.createIndex({ name: 'ops', siteUrl: index.siteUrl, spaces: ['OPS'], destination: 'local' });
      const local = made.localIndex(index.id);
      const otherLocal = made.localIndex(other.id);
      for (const id of [index.id, other.id]) {
        await store.startRun(id, 'cli');
        await store.commitPages(id, [{ pageId: '1', spaceKey: 'ENG', version: 1, parentId: null, position: null, title: 'T', ancestry: '', contentHash: 'h', chunkIds: ['x'], pendingChunkIds: null, syncedAt: clock.now }]);
        await store.acquireLease(id, 'a', 1000);
      }
      const unicorn: Chunk = {
        id: chunkId('example.atlassian.net', '1', 0),
        pageId: '1',
        text: 'Unicorn grooming',
        headingPath: [],
        metadata: { source: 'confluence', site: 'example.atlassian.net', space_key: 'ENG', space_name: 'Engineering', page_id: '1', title: 'T', url: 'u', ancestors: [], labels: [], version: 1, created_at: '', updated_at: '', author: 'A', updated_by: 'A', heading_path: '', chunk_index: 0, chunk_count: 1 },
      };
      await local.upsert([unicorn]);
      await otherLocal.upsert([unicorn]);
      expect(await local.search('unicorn')).toHaveLength(1);

      await store.deleteIndex(index.id);
      expect(await store.getIndex(index.id)).toBeUndefined();
      expect(await store.listRuns(index.id)).toEqual([]);
      expect(await store.listSyncedPages(index.id)).toEqual([]);
      expect(await store.leaseHolder(index.id)).toBeUndefined();
      expect(await local.chunks()).toEqual([]);
      expect(await local.search('unicorn')).toEqual([]);

      expect(await store.listRuns(other.id)).toHaveLength(1);
      expect(await store.listSyncedPages(other.id)).toHaveLength(1);
      expect(await store.leaseHolder(other.id)).toBe('a');
      expect(await otherLocal.search('unicorn')).toHaveLength(1);
    });
  });
}
