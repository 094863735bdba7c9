/**
 * Runs syncs for a long-lived service: queued in history at once (an API answers 202 with the run id), run in the
 * background, at most `concurrency` at a time, one per index across every process sharing the store (the index's
 * lease is taken when the run is queued and held until it ends).
 */
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import type { Sink } from '../sinks/sink';
import type { IndexRecord, RunRecord, RunTrigger, SyncStore } from '../store/types';
import { HeldLease, takeLease } from '../sync/lease';
import type { RequestCounts } from '../sync/meter';
import { SyncBusyError, SyncFailedError, SyncProgress } from '../sync/progress';
import { EMPTY_COUNTS, INTERRUPTED_RUN, oneLine, runSync } from '../sync/runner';
import { ServiceLogger, silentLogger } from './logger';

/** What a run needs from the app: a client with the index's credentials, its destination, and a request meter. */
export interface RunResources {
  client: ConfluenceClient;
  sink: Sink;
  meter?: { counts(): RequestCounts };
}

/** Options of `RunExecutor`. */
export interface RunExecutorOptions {
  store: SyncStore;
  /** Builds the client and sink of an index when its run starts (credentials and destinations are the app's business). */
  resolve(index: IndexRecord): Promise<RunResources>;
  /** @default a logger that drops everything */
  logger?: ServiceLogger;
  /** Runs at once in this process; the others wait `queued`. @default 2 */
  concurrency?: number;
  /** @default 60_000 */
  leaseTtlMs?: number;
  /** Pages per batch. @default 250 */
  batchSize?: number;
  /** Progress of every run (for logs or a progress view). */
  onProgress?(indexId: string, runId: number, event: SyncProgress): void;
}

/** Thrown by `start` once `drain` was called: the service takes no new runs. */
export class ExecutorStoppedError extends Error {
  override readonly name = 'ExecutorStoppedError';
  constructor() {
    super('the sync service is stopping: no new runs are taken');
  }
}

/** Decides, under the index's lease, whether to queue a run; `reclaimed` counts the abandoned runs just failed. */
export type DuePredicate = (latest: RunRecord | undefined, reclaimed: number) => boolean;

interface Job {
  index: IndexRecord;
  runId: number;
  lease: HeldLease;
  stop: AbortController;
  abort: AbortController;
  state: 'queued' | 'running';
}

/**
 * Queues and runs syncs in the background.
 *
 * @example
 * const executor = new RunExecutor({ store, resolve: async (index) => ({ client, sink: new LocalIndex(db, index.id) }) });
 * const { runId } = await executor.start(index, 'api'); // SyncBusyError while the index has a run queued or running
 * process.on('SIGTERM', () => void executor.drain(30_000));
 */
export class RunExecutor {
  private readonly jobs = new Map<string, Job>();
  /** Indexes between `start` and their job existing (so two concurrent starts in this process cannot both pass). */
  private readonly reserved = new Set<string>();
  private readonly queue: Job[] = [];
  private readonly settled = new Set<() => void>();
  private running = 0;
  private draining = false;
  private readonly logger: ServiceLogger;
  private readonly concurrency: number;

  constructor(private readonly options: RunExecutorOptions) {
    this.logger = options.logger ?? silentLogger;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
  }

  /**
   * Queues a run of `index` and returns its id at once; it runs when a slot is free. Throws `SyncBusyError` when the
   * index has a run queued or running (here or in another process), `ExecutorStoppedError` after `drain`.
   */
  async start(index: IndexRecord, trigger: RunTrigger): Promise<{ runId: number }> {
    const started = await this.startIf(index, trigger, () => true);
    if (!started) throw new Error('unreachable: an unconditional start was declined');
    return started;
  }

  /**
   * Like `start`, but once the lease is held (so no other process can start the index meanwhile) it first fails the
   * index's abandoned runs, then asks `due` with the latest run; undefined when `due` declines (the lease is let go).
   */
  async startIf(index: IndexRecord, trigger: RunTrigger, due: DuePredicate): Promise<{ runId: number } | undefined> {
    if (this.draining) throw new ExecutorStoppedError();
    if (this.jobs.has(index.id) || this.reserved.has(index.id)) throw new SyncBusyError(`index "${index.name}" already has a run queued or running`);
    this.reserved.add(index.id);
    let lease: HeldLease | undefined;
    try {
      lease = await takeLease(this.options.store, index.id, this.options.leaseTtlMs ?? 60_000);
      const reclaimed = await this.options.store.failAbandonedRuns(index.id, INTERRUPTED_RUN);
      if (reclaimed) this.logger.warn({ indexId: index.id, reclaimed }, 'marked runs of a stopped process failed');
      const [latest] = await this.options.store.listRuns(index.id, { limit: 1 });
      if (!due(latest, reclaimed) || this.draining) {
        await lease.release();
        if (this.draining) throw new ExecutorStoppedError();
        return undefined;
      }
      const run = await this.options.store.queueRun(index.id, trigger);
      const job: Job = { index, runId: run.id, lease, stop: new AbortController(), abort: new AbortController(), state: 'queued' };
      this.jobs.set(index.id, job);
      this.queue.push(job);
      this.logger.info({ indexId: index.id, runId: run.id, trigger }, 'sync queued');
      this.pump();
      return { runId: run.id };
    } catch (error) {
      if (lease && !this.jobs.has(index.id)) await lease.release().catch(() => undefined);
      throw error;
    } finally {
      this.reserved.delete(index.id);
    }
  }

  /** Fails the abandoned runs of an index nobody is running (its process died); 0 when it is busy. */
  async reclaim(index: IndexRecord): Promise<number> {
    if (this.jobs.has(index.id) || this.reserved.has(index.id)) return 0;
    let count = 0;
    try {
      await this.startIf(index, 'schedule', (_latest, reclaimed) => {
        count = reclaimed;
        return false;
      });
      return count;
    } catch (error) {
      if (error instanceof SyncBusyError || error instanceof ExecutorStoppedError) return 0;
      throw error;
    }
  }

  /** Whether this process has a run of the index queued or running. */
  isBusy(indexId: string): boolean {
    return this.jobs.has(indexId) || this.reserved.has(indexId);
  }

  /** Runs in flight in this process (for `/healthz`). */
  inFlight(): { queued: number; running: number } {
    return { queued: this.queue.length, running: this.running };
  }

  /** Resolves when nothing is queued or running here. */
  idle(): Promise<void> {
    if (this.jobs.size === 0 && this.reserved.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.jobs.size > 0 || this.reserved.size > 0) return;
        this.settled.delete(check);
        resolve();
      };
      this.settled.add(check);
    });
  }

  /**
   * Stops taking work: queued runs end `cancelled` at once; running ones stop after the batch in flight (it is
   * committed) and end `cancelled`; any still running after `timeoutMs` are aborted (what they announced is cleaned
   * up by the next run). Resolves when none is left.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    // Synchronously first: a run between two batches must not begin another one while queued runs are cancelled.
    const queued = this.queue.splice(0);
    for (const job of this.jobs.values()) if (job.state === 'running') job.stop.abort('the service is stopping');
    for (const job of queued) {
      this.jobs.delete(job.index.id);
      await this.finishUnstarted(job, 'cancelled', 'cancelled: the service stopped before it ran');
    }
    const timer = setTimeout(() => {
      for (const job of this.jobs.values()) job.abort.abort(new Error('the service stopped'));
    }, timeoutMs);
    timer.unref();
    await this.idle();
    clearTimeout(timer);
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift() as Job;
      this.running += 1;
      job.state = 'running';
      void this.run(job).finally(() => {
        this.running -= 1;
        this.jobs.delete(job.index.id);
        for (const check of [...this.settled]) check();
        this.pump();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    const { store } = this.options;
    const log = { indexId: job.index.id, runId: job.runId };
    try {
      // The index may have changed (spaces, destination) or gone while the run waited.
      const index = await store.getIndex(job.index.id);
      if (!index) return;
      const resources = await this.options.resolve(index);
      const summary = await runSync({
        ...resources,
        store,
        index,
        runId: job.runId,
        lease: job.lease,
        signal: job.abort.signal,
        stop: job.stop.signal,
        batchSize: this.options.batchSize,
        onProgress: this.options.onProgress && ((event) => this.options.onProgress?.(index.id, job.runId, event)),
      });
      this.logger.info({ ...log, listed: summary.listed, new: summary.new, changed: summary.changed, deleted: summary.deleted, durationMs: summary.durationMs }, 'sync succeeded');
    } catch (error) {
      if (error instanceof SyncFailedError) {
        this.logger.warn({ ...log, status: error.summary.status, error: error.message }, 'sync did not complete');
        return;
      }
      // Failed before runSync recorded anything (no credentials, a destination that cannot be built).
      this.logger.warn({ ...log, error: oneLine(error) }, 'sync could not start');
      // A store that fails here too must not become an unhandled rejection (it would end the process): the run
      // stays queued/running and is reclaimed as abandoned once its lease, released below, is taken again.
      await this.finishUnstarted(job, 'failed', oneLine(error)).catch((storeError: unknown) =>
        this.logger.error({ ...log, error: oneLine(storeError) }, 'could not record the failed start'),
      );
    } finally {
      await job.lease.release().catch(() => undefined);
    }
  }

  /** Ends a run that never ran (still queued, or marked running by a runSync that failed before its first step). */
  private async finishUnstarted(job: Job, status: 'failed' | 'cancelled', error: string): Promise<void> {
    const { store } = this.options;
    try {
      const run = await store.getRun(job.runId);
      if (run && (run.status === 'queued' || run.status === 'running')) {
        await store.finishRun(job.runId, { status, error, counts: EMPTY_COUNTS });
      }
    } finally {
      if (job.state === 'queued') await job.lease.release().catch(() => undefined);
    }
  }
}
