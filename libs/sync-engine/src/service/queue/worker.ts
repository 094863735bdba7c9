/**
 * A worker of the sync queues: fetches jobs while it has free slots (manual syncs before scheduled ones), runs each
 * under the index's lease, and completes or fails it so pg-boss retries what deserves a retry. The cron schedule's
 * ticks are handled here too, without taking a slot.
 */
import type PgBoss from 'pg-boss';
import type { IndexRecord, SyncStore } from '../../store/types';
import { EMPTY_COUNTS, oneLine } from '../../sync/runner';
import type { RunResources } from '../executor';
import { ServiceLogger, silentLogger } from '../logger';
import { sendDueJobs } from './due';
import { QueueSettings, SYNC_QUEUES, SyncJobData } from './queues';
import { FetchedSyncJob, JobOutcome, runJob } from './run-job';

/** Options of `QueueWorker`. */
export interface QueueWorkerOptions {
  boss: Pick<PgBoss, 'fetch' | 'complete' | 'fail' | 'send'>;
  store: SyncStore;
  /** Builds the client and sink of an index when its run starts. */
  resolve(index: IndexRecord): Promise<RunResources>;
  settings: QueueSettings;
  /** Runs at once in this worker. @default 2 */
  concurrency?: number;
  /** @default a logger that drops everything */
  logger?: ServiceLogger;
  /** @default 60_000 */
  leaseTtlMs?: number;
  /** Pages per batch. @default 250 */
  batchSize?: number;
  /** Pause between fetches when the queues are empty. @default 2000 */
  pollMs?: number;
  /** @default Date.now */
  now?: () => number;
}

interface ActiveJob {
  stop: AbortController;
  abort: AbortController;
  done: Promise<void>;
}

type Fetched = FetchedSyncJob & { id: string; queue: string; expireInSeconds: number; retryCount: number; retryLimit: number };

/**
 * @example
 * const worker = new QueueWorker({ boss, store, resolve, settings, concurrency: 2 });
 * worker.start();
 * process.on('SIGTERM', () => void worker.stop(30_000)); // no new jobs; runs stop after their batch
 */
export class QueueWorker {
  private readonly active = new Map<string, ActiveJob>();
  private loop?: Promise<void>;
  private stopping = false;
  private wake?: () => void;
  private readonly logger: ServiceLogger;
  private readonly concurrency: number;
  private readonly now: () => number;

  constructor(private readonly options: QueueWorkerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.now = options.now ?? Date.now;
  }

  /** Starts fetching. */
  start(): void {
    this.loop ??= this.poll();
  }

  /** Runs in flight here (for `/healthz`). */
  load(): { running: number; waiting: number } {
    return { running: this.active.size, waiting: 0 };
  }

  /** Stops fetching: the loop ends after its current fetch (jobs already running go on). */
  async stopFetching(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  /**
   * Stops fetching, then stops the runs in flight after their batch (committed); their jobs fail as `stopped` and
   * pg-boss hands them to another worker. Runs still going after `timeoutMs` are aborted. Resolves when none is left.
   */
  async stop(timeoutMs: number): Promise<void> {
    await this.stopFetching();
    for (const job of this.active.values()) job.stop.abort('the worker is stopping; another worker continues it');
    const timer = setTimeout(() => {
      for (const job of this.active.values()) job.abort.abort(new Error('the worker stopped'));
    }, timeoutMs);
    timer.unref();
    await Promise.allSettled([...this.active.values()].map((job) => job.done));
    clearTimeout(timer);
  }

  private async poll(): Promise<void> {
    const pollMs = this.options.pollMs ?? 2000;
    while (!this.stopping) {
      let fetched = false;
      try {
        const [tick] = await this.options.boss.fetch(SYNC_QUEUES.due, { batchSize: 1 });
        if (tick) await this.tick(tick.id);
        while (!this.stopping && this.active.size < this.concurrency) {
          const job = (await this.fetch('manual')) ?? (await this.fetch('scheduled'));
          if (!job) break;
          fetched = true;
          this.launch(job);
        }
      } catch (error) {
        this.logger.error({ error: oneLine(error) }, 'could not fetch sync jobs');
      }
      if (this.stopping) break;
      if (!fetched || this.active.size >= this.concurrency) await this.sleep(pollMs);
    }
  }

  /** Waits `ms`, or less when a slot frees or the worker stops. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }

  private async fetch(kind: 'manual' | 'scheduled'): Promise<Fetched | undefined> {
    const queue = SYNC_QUEUES[kind];
    const [job] = await this.options.boss.fetch<SyncJobData>(queue, { batchSize: 1, includeMetadata: true });
    if (!job) return undefined;
    return { id: job.id, queue, kind, data: job.data, createdOn: job.createdOn, expireInSeconds: job.expireInSeconds, retryCount: job.retryCount, retryLimit: job.retryLimit };
  }

  private async tick(jobId: string): Promise<void> {
    const { boss, store, settings } = this.options;
    try {
      const sent = await sendDueJobs({ boss, store, now: this.now, staleAfterMs: staleAfterMs(settings) });
      await boss.complete(SYNC_QUEUES.due, jobId, { sent });
      if (sent) this.logger.info({ sent }, 'scheduled syncs sent');
    } catch (error) {
      this.logger.error({ error: oneLine(error) }, 'scheduler tick failed');
      await boss.fail(SYNC_QUEUES.due, jobId, { error: oneLine(error) }).catch(() => undefined);
    }
  }

  private launch(job: Fetched): void {
    const stop = new AbortController();
    const abort = new AbortController();
    // Before pg-boss expires the job (and a retry starts elsewhere), the run stops after its batch: the retry
    // continues it rather than racing it.
    const marginSeconds = Math.min(60, Math.max(1, Math.floor(job.expireInSeconds / 10)));
    const expiry = setTimeout(() => stop.abort('the job reached its time limit (SYNC_JOB_TIMEOUT_SECONDS); a retry continues it'), Math.max(1, job.expireInSeconds - marginSeconds) * 1000);
    expiry.unref();
    const log = { queue: job.queue, jobId: job.id, indexId: job.data.indexId, attempt: job.retryCount + 1 };
    this.logger.info(log, 'sync job started');
    const done = runJob(job, {
      store: this.options.store,
      resolve: this.options.resolve,
      leaseTtlMs: this.options.leaseTtlMs ?? 60_000,
      staleAfterMs: staleAfterMs(this.options.settings),
      batchSize: this.options.batchSize,
      stop: stop.signal,
      abort: abort.signal,
      now: this.now,
    })
      .catch((error: unknown): JobOutcome => ({ action: 'fail', reason: 'transient', error: oneLine(error) }))
      .then((outcome) => this.settle(job, outcome, log))
      .catch((error: unknown) => this.logger.error({ ...log, error: oneLine(error) }, 'could not record the job outcome (pg-boss retries it once it expires)'))
      .finally(() => {
        clearTimeout(expiry);
        this.active.delete(job.id);
        this.wake?.();
      });
    this.active.set(job.id, { stop, abort, done });
  }

  private async settle(job: Fetched, outcome: JobOutcome, log: Record<string, unknown>): Promise<void> {
    const { boss } = this.options;
    if (outcome.action === 'complete') {
      await boss.complete(job.queue, job.id, { result: outcome.result, runId: outcome.runId ?? null });
      this.logger.info({ ...log, runId: outcome.runId, result: outcome.result, ...(outcome.error ? { error: outcome.error } : {}) }, 'sync job done');
      return;
    }
    const lastAttempt = job.retryCount >= job.retryLimit;
    if (lastAttempt) await this.giveUp(job, outcome);
    await boss.fail(job.queue, job.id, { reason: outcome.reason, runId: outcome.runId ?? null, error: outcome.error });
    this.logger.warn({ ...log, runId: outcome.runId, reason: outcome.reason, error: outcome.error, retry: !lastAttempt }, lastAttempt ? 'sync job failed; no retries left' : 'sync job failed; pg-boss retries it');
  }

  /** The manual run the API queued must not stay `queued` once its job has no retries left. */
  private async giveUp(job: Fetched, outcome: Extract<JobOutcome, { action: 'fail' }>): Promise<void> {
    const runId = job.data.runId;
    if (job.kind !== 'manual' || runId === undefined) return;
    const run = await this.options.store.getRun(runId);
    if (run?.status !== 'queued') return;
    await this.options.store.finishRun(runId, { status: 'failed', error: `could not run: ${outcome.error}`, counts: EMPTY_COUNTS });
  }
}

/** A run unfinished for longer than a job may live (plus the expiry check's slack) belongs to no live job. */
export function staleAfterMs(settings: QueueSettings): number {
  return (settings.jobTimeoutSeconds + 300) * 1000;
}
