/**
 * The pg-boss queues of the sync service. Two kinds of sync job, each in its own queue with the `short` policy keyed
 * by index id (pg-boss keeps at most one job of an index waiting per queue), and the tick that the cron schedule
 * fires to find the due indexes. Runs of one index never overlap: a job runs only under the index's lease.
 *
 * Not `stately` (one waiting and one active per key): in pg-boss 10 a fetch whose oldest job would become a second
 * active job of its key fails on the unique index, the error is swallowed and nothing is fetched, so one index with
 * a retry pending behind a running job (a run stopped by a deploy, a 503) would stall the queue for every index
 * until that run ended. `short` has no rule on active jobs; a second job of a busy index fails on the lease and is
 * retried later, by when it is usually no longer due.
 */
import type PgBoss from 'pg-boss';
import type { RunRecord } from '../../store/types';

/** Queue names (pg-boss creates one partition table per queue). */
export const SYNC_QUEUES = {
  /** Fired by the cron schedule: finds the indexes due by their interval and sends them to `scheduled`. */
  due: 'sync-due',
  /** A sync of one index because its interval passed. */
  scheduled: 'sync-scheduled',
  /** A sync of one index asked for through the API (its run is in history as `queued` from the moment it is asked). */
  manual: 'sync-manual',
} as const;

/** The payload of a sync job. */
export interface SyncJobData {
  indexId: string;
  /** Manual jobs: the run the API queued (and answered 202 with). */
  runId?: number;
}

/** How jobs expire and retry (the service's `SYNC_JOB_*` variables). */
export interface QueueSettings {
  /**
   * How long a job may stay active before pg-boss expires it and a retry is sent to another worker (the worker that
   * ran it died). A run still going near this limit stops after its batch and continues in the retry.
   */
  jobTimeoutSeconds: number;
  /** Retries of a job whose run failed transiently (Confluence or LlamaCloud unreachable, 429, 5xx) or was interrupted. */
  retries: number;
  /** First retry delay; doubled (with jitter) on every further retry. */
  retryDelaySeconds: number;
}

/** Defaults of `QueueSettings`. */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = { jobTimeoutSeconds: 3600, retries: 3, retryDelaySeconds: 30 };

/**
 * Creates the queues, or updates their retry and expiry settings to `settings` when they exist (several processes
 * may do this at once: pg-boss's create is idempotent).
 */
export async function ensureQueues(boss: PgBoss, settings: QueueSettings): Promise<void> {
  const sync: Omit<PgBoss.Queue, 'name'> = {
    policy: 'short',
    expireInSeconds: settings.jobTimeoutSeconds,
    retryLimit: settings.retries,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    // Finished jobs are only bookkeeping: run history is the record.
    retentionMinutes: 24 * 60,
  };
  for (const name of [SYNC_QUEUES.scheduled, SYNC_QUEUES.manual]) {
    await boss.createQueue(name, { name, ...sync });
    await boss.updateQueue(name, { name, ...sync });
  }
  // `short`: one tick waits at most; a tick is idempotent (deduplicated sends, due decided again under the lease), so
  // extra ones are dropped rather than queued, and one that fails is simply replaced by the next.
  await boss.createQueue(SYNC_QUEUES.due, { name: SYNC_QUEUES.due, policy: 'short', expireInSeconds: 300, retryLimit: 0 });
}

/**
 * Whether `run` is queued or running and young enough to belong to a live job. Older than `staleAfterMs`, it was
 * left by a worker that died on its job's last attempt (or an API process that died before sending the job): it
 * blocks nothing, and the next run of its index marks it failed.
 */
export function heldByLiveJob(run: RunRecord | undefined, now: number, staleAfterMs: number): boolean {
  return (run?.status === 'queued' || run?.status === 'running') && now - run.startedAt <= staleAfterMs;
}

/** Every queue, for tests and tools that inspect them. */
export const ALL_SYNC_QUEUES: readonly string[] = Object.values(SYNC_QUEUES);
