/** The tick behind the cron schedule: send a scheduled job for every index due by its interval. */
import type PgBoss from 'pg-boss';
import type { SyncStore } from '../../store/types';
import { isDue } from '../scheduler';
import { SYNC_QUEUES, SyncJobData, heldByLiveJob } from './queues';

/** What a tick needs. */
export interface DueTickContext {
  boss: Pick<PgBoss, 'send'>;
  store: Pick<SyncStore, 'listIndexes' | 'latestRuns'>;
  now(): number;
  /** A run unfinished for longer than this was left by a dead worker whose job will not come back: it is reclaimed. */
  staleAfterMs: number;
}

/**
 * Sends a `scheduled` job (keyed by index id: the queue's `short` policy drops it when one is already waiting) for
 * every index whose latest run started at least its interval ago, or never ran, or was left unfinished longer than
 * `staleAfterMs`. An index with a run queued or running is skipped: its job is already in a queue. Resolves to the
 * number of jobs sent.
 */
export async function sendDueJobs(context: DueTickContext): Promise<number> {
  let sent = 0;
  const now = context.now();
  const [indexes, latestRuns] = await Promise.all([context.store.listIndexes(), context.store.latestRuns()]);
  for (const index of indexes) {
    if (!index.intervalMinutes) continue;
    const latest = latestRuns.get(index.id);
    const unfinished = latest?.status === 'queued' || latest?.status === 'running';
    // A stale unfinished run is sent again: its job reclaims it.
    if (heldByLiveJob(latest, now, context.staleAfterMs) || (!unfinished && !isDue(index.intervalMinutes, latest, now))) continue;
    const data: SyncJobData = { indexId: index.id };
    if (await context.boss.send(SYNC_QUEUES.scheduled, data, { singletonKey: index.id })) sent += 1;
  }
  return sent;
}
