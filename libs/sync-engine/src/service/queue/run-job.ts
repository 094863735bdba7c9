/**
 * One sync job, as a worker runs it: take the index's lease, decide (again, under the lease) whether a scheduled
 * run is still due, fail the runs a dead worker left, run, and say what pg-boss should do with the job.
 */
import type { IndexRecord, RunRecord, SyncStore } from '../../store/types';
import { takeLease } from '../../sync/lease';
import { SyncBusyError, SyncFailedError } from '../../sync/progress';
import { EMPTY_COUNTS, INTERRUPTED_RUN, oneLine, runSync } from '../../sync/runner';
import type { RunResources } from '../executor';
import { isDue } from '../scheduler';
import type { SyncJobData } from './queues';
import { isTransient } from './transient';

/** What became of a job: `complete` it, or `fail` it so that pg-boss retries it (while it has retries left). */
export type JobOutcome =
  | { action: 'complete'; result: 'succeeded' | 'failed' | 'not-due' | 'gone' | 'done-already'; runId?: number; error?: string }
  | { action: 'fail'; reason: 'transient' | 'busy' | 'stopped'; runId?: number; error: string };

/** A job as the worker fetched it (pg-boss's metadata, reduced to what the decision needs). */
export interface FetchedSyncJob {
  kind: 'scheduled' | 'manual';
  data: SyncJobData;
  /** When the job was sent: a scheduled job retried after an interrupted attempt is still due. */
  createdOn: Date;
}

/** What `runJob` needs besides the job. */
export interface RunJobContext {
  store: SyncStore;
  resolve(index: IndexRecord): Promise<RunResources>;
  leaseTtlMs: number;
  /**
   * Age after which a `queued` run is taken for lost (the API process queued it and died before sending its job).
   * Younger, it belongs to a manual job still waiting in its queue, which a scheduled job then leaves to it.
   */
  staleAfterMs: number;
  batchSize?: number;
  /** Graceful stop (the worker stops, or the job nears its expiry): the batch in flight is committed first. */
  stop: AbortSignal;
  /** Hard stop: requests in flight are abandoned. */
  abort: AbortSignal;
  now(): number;
}

/** Runs one sync job and returns what to tell pg-boss; never throws for a failed run (history has it). */
export async function runJob(job: FetchedSyncJob, context: RunJobContext): Promise<JobOutcome> {
  const { store } = context;
  const index = await store.getIndex(job.data.indexId);
  if (!index) return { action: 'complete', result: 'gone' };
  let lease;
  try {
    lease = await takeLease(store, index.id, context.leaseTtlMs);
  } catch (error) {
    if (error instanceof SyncBusyError) return { action: 'fail', reason: 'busy', error: error.message };
    throw error;
  }
  try {
    const queued = job.kind === 'manual' && job.data.runId !== undefined ? await store.getRun(job.data.runId) : undefined;
    if (queued?.status === 'succeeded') return { action: 'complete', result: 'done-already', runId: queued.id };
    const adopt = queued?.status === 'queued' ? queued.id : undefined;
    const [latest] = job.kind === 'scheduled' ? await store.listRuns(index.id, { limit: 1 }) : [];
    if (latest?.status === 'queued' && context.now() - latest.startedAt < context.staleAfterMs) return { action: 'complete', result: 'not-due' };
    // Under the lease, every other unfinished run of the index was left by a worker that died.
    const reclaimed = await store.failAbandonedRuns(index.id, INTERRUPTED_RUN, adopt === undefined ? {} : { except: adopt });
    // Nothing reclaimed: `latest` is still the latest run, as read above.
    if (job.kind === 'scheduled' && !reclaimed && !scheduledRunDue(index, latest, job.createdOn, context.now())) return { action: 'complete', result: 'not-due' };
    return await run(index, job, adopt, lease, context);
  } finally {
    await lease.release().catch(() => undefined);
  }
}

/**
 * A scheduled job runs when its index is due by interval, or when an attempt made since the job was sent did not
 * succeed (it was interrupted by a stopping worker, or failed transiently: the retry continues it).
 */
function scheduledRunDue(index: IndexRecord, latest: RunRecord | undefined, sentAt: Date, now: number): boolean {
  if (index.intervalMinutes && isDue(index.intervalMinutes, latest, now)) return true;
  return latest !== undefined && latest.status !== 'succeeded' && latest.startedAt >= sentAt.getTime();
}

async function run(index: IndexRecord, job: FetchedSyncJob, adopt: number | undefined, lease: Awaited<ReturnType<typeof takeLease>>, context: RunJobContext): Promise<JobOutcome> {
  const { store } = context;
  let resources;
  try {
    resources = await context.resolve(index);
  } catch (error) {
    // No credentials, a destination that cannot be built: recorded in history as a failed run.
    const runId = adopt ?? (await store.startRun(index.id, job.kind === 'manual' ? 'api' : 'schedule')).id;
    await store.finishRun(runId, { status: 'failed', error: oneLine(error), counts: EMPTY_COUNTS });
    return isTransient(error) ? { action: 'fail', reason: 'transient', runId, error: oneLine(error) } : { action: 'complete', result: 'failed', runId, error: oneLine(error) };
  }
  try {
    const summary = await runSync({
      ...resources,
      store,
      index,
      lease,
      ...(adopt === undefined ? { trigger: job.kind === 'manual' ? 'api' : 'schedule' } : { runId: adopt }),
      signal: context.abort,
      stop: context.stop,
      batchSize: context.batchSize,
    });
    return { action: 'complete', result: 'succeeded', runId: summary.runId };
  } catch (error) {
    if (!(error instanceof SyncFailedError)) throw error;
    const runId = error.summary.runId;
    if (context.stop.aborted || context.abort.aborted) return { action: 'fail', reason: 'stopped', runId, error: error.message };
    if (isTransient(error.cause)) return { action: 'fail', reason: 'transient', runId, error: error.message };
    return { action: 'complete', result: 'failed', runId, error: error.message };
  }
}
