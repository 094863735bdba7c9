/** The API side of the queue: a manual sync is a `queued` run in history plus a job in the `manual` queue. */
import type PgBoss from 'pg-boss';
import type { IndexRecord, RunTrigger, SyncStore } from '../../store/types';
import { SyncBusyError } from '../../sync/progress';
import { EMPTY_COUNTS } from '../../sync/runner';
import { SYNC_QUEUES, SyncJobData, heldByLiveJob } from './queues';

/**
 * Queues manual syncs for the workers. A run is refused (`SyncBusyError`, the API's 409) when the index has one
 * queued or running, and when pg-boss already holds a job of the index in the queue (two API instances asked at
 * once: the queue's `short` policy lets one waiting job in; the loser's run is recorded `cancelled`).
 *
 * @example
 * const starter = new QueueSyncStarter(boss, store);
 * const { runId } = await starter.start(index, 'api'); // 202 with runId; a worker runs it
 */
export class QueueSyncStarter {
  constructor(
    private readonly boss: Pick<PgBoss, 'send'>,
    private readonly store: Pick<SyncStore, 'listRuns' | 'queueRun' | 'finishRun'>,
    /**
     * A run unfinished for longer than this belongs to no live job (its worker died on the last attempt, or an API
     * process died between recording it and sending its job): it no longer blocks a new sync, whose worker marks it
     * failed. @default no limit
     */
    private readonly options: { staleAfterMs?: number; now?: () => number } = {},
  ) {}

  /** Records a `queued` run and sends its job; resolves to the run's id once both are stored. */
  async start(index: IndexRecord, trigger: RunTrigger): Promise<{ runId: number }> {
    const [latest] = await this.store.listRuns(index.id, { limit: 1 });
    if (heldByLiveJob(latest, (this.options.now ?? Date.now)(), this.options.staleAfterMs ?? Infinity)) throw busy(index);
    const run = await this.store.queueRun(index.id, trigger);
    const data: SyncJobData = { indexId: index.id, runId: run.id };
    let jobId: string | null;
    try {
      jobId = await this.boss.send(SYNC_QUEUES.manual, data, { singletonKey: index.id });
    } catch (error) {
      await this.store.finishRun(run.id, { status: 'failed', error: 'could not queue the sync (the job queue is unavailable)', counts: EMPTY_COUNTS });
      throw error;
    }
    if (!jobId) {
      await this.store.finishRun(run.id, { status: 'cancelled', error: 'cancelled: a sync of this index was already queued', counts: EMPTY_COUNTS });
      throw busy(index);
    }
    return { runId: run.id };
  }
}

function busy(index: IndexRecord): SyncBusyError {
  return new SyncBusyError(`index "${index.name}" already has a run queued or running`);
}
