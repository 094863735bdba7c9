/** Contract: queued runs (queue, start, finish, cancel) and what `failAbandonedRuns` reclaims. */
import type { IndexRecord, RunCounts } from '../types';
import { StoreFactory, storePerTest } from './factory';

const ZERO: RunCounts = { listed: 0, new: 0, changed: 0, unchanged: 0, deleted: 0, failed: 0, requests: 0, bytes: 0 };

/** Declares the run-queue specs for the store `factory` makes. */
export function runsQueueContract(factory: StoreFactory): void {
  const t = storePerTest(factory);
  let index: IndexRecord;
  beforeEach(async () => {
    index = await t.store.createIndex({ name: 'eng', siteUrl: 'https://acme.atlassian.net/wiki', spaces: ['ENG'], destination: 'local' });
  });

  it('a queued run waits with its trigger and queue time, then runs from the time it starts', async () => {
    const queued = await t.store.queueRun(index.id, 'api');
    expect(queued).toMatchObject({ indexId: index.id, trigger: 'api', status: 'queued', startedAt: t.clock.now, finishedAt: null, durationMs: null, error: null, ...ZERO });
    expect(await t.store.listRuns(index.id)).toEqual([queued]);
    t.clock.now += 2000;
    const running = await t.store.startQueuedRun(queued.id);
    expect(running).toMatchObject({ id: queued.id, status: 'running', startedAt: t.clock.now, trigger: 'api' });
    t.clock.now += 300;
    const done = await t.store.finishRun(queued.id, { status: 'succeeded', counts: { ...ZERO, listed: 3, new: 3 } });
    expect(done).toMatchObject({ status: 'succeeded', finishedAt: t.clock.now, durationMs: 300, listed: 3, new: 3, error: null });
  });

  it('a run that is not queued cannot be started from the queue', async () => {
    const queued = await t.store.queueRun(index.id, 'schedule');
    await t.store.startQueuedRun(queued.id);
    await expect(t.store.startQueuedRun(queued.id)).rejects.toThrow(`run ${queued.id}: not queued`);
    const cancelled = await t.store.queueRun(index.id, 'schedule');
    expect(await t.store.finishRun(cancelled.id, { status: 'cancelled', counts: ZERO, error: 'cancelled: the service stopped before it ran' })).toMatchObject({ status: 'cancelled' });
    await expect(t.store.startQueuedRun(cancelled.id)).rejects.toThrow('not queued');
    await expect(t.store.startQueuedRun(99_999)).rejects.toThrow('run 99999: not queued');
  });

  it('failAbandonedRuns fails running and queued runs of the index, except the one named, and leaves others alone', async () => {
    const other = await t.store.createIndex({ name: 'ops', siteUrl: index.siteUrl, spaces: ['OPS'], destination: 'local' });
    const done = await t.store.startRun(index.id, 'cli');
    await t.store.finishRun(done.id, { status: 'succeeded', counts: ZERO });
    const running = await t.store.startRun(index.id, 'cli');
    const queued = await t.store.queueRun(index.id, 'schedule');
    const mine = await t.store.queueRun(index.id, 'api');
    const elsewhere = await t.store.queueRun(other.id, 'api');
    t.clock.now += 100;
    expect(await t.store.failAbandonedRuns(index.id, 'interrupted: the process running it stopped', { except: mine.id })).toBe(2);
    for (const id of [running.id, queued.id]) {
      expect(await t.store.getRun(id)).toMatchObject({ status: 'failed', error: 'interrupted: the process running it stopped', finishedAt: t.clock.now, durationMs: 100 });
    }
    expect(await t.store.getRun(mine.id)).toMatchObject({ status: 'queued', error: null });
    expect(await t.store.getRun(elsewhere.id)).toMatchObject({ status: 'queued' });
    expect(await t.store.getRun(done.id)).toMatchObject({ status: 'succeeded' });
    expect(await t.store.failAbandonedRuns(index.id, 'again')).toBe(1);
    expect(await t.store.getRun(mine.id)).toMatchObject({ status: 'failed', error: 'again' });
  });

  it('lists runs newest first whatever their status; the latest is what a scheduler reads', async () => {
    const first = await t.store.startRun(index.id, 'cli');
    await t.store.finishRun(first.id, { status: 'failed', counts: ZERO, error: 'HTTP 503' });
    t.clock.now += 10;
    const second = await t.store.queueRun(index.id, 'schedule');
    expect((await t.store.listRuns(index.id)).map((r) => [r.id, r.status])).toEqual([
      [second.id, 'queued'],
      [first.id, 'failed'],
    ]);
    expect(await t.store.listRuns(index.id, { limit: 1 })).toEqual([second]);
  });
}
