/**
 * Starts the indexes due by their `intervalMinutes`, every tick. Safe with several processes on one store: whether
 * an index is due is decided again under its lease, from history, so a due time gives exactly one run.
 */
import type { IndexRecord, RunRecord, SyncStore } from '../store/types';
import { SyncBusyError } from '../sync/progress';
import { oneLine } from '../sync/runner';
import { ExecutorStoppedError, RunExecutor } from './executor';
import { ServiceLogger, silentLogger } from './logger';

/** Time as the scheduler sees it; tests pass one they move, and call `tick()` themselves. */
export interface SchedulerClock {
  now(): number;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The system clock. */
export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** Options of `Scheduler`. */
export interface SchedulerOptions {
  executor: RunExecutor;
  /** The same store the executor uses. */
  store: Pick<SyncStore, 'listIndexes' | 'latestRuns'>;
  /** Time between ticks (the app reads `SCHEDULER_TICK_SECONDS`, default 300). */
  tickMs: number;
  /** @default systemClock (use the store's clock too, so run times and due times agree) */
  clock?: SchedulerClock;
  /** @default a logger that drops everything */
  logger?: ServiceLogger;
}

/** What one tick did, by index id. */
export interface TickReport {
  started: Array<{ indexId: string; runId: number }>;
  /** Due, but a run of it is queued or running (here or in another process). */
  busy: string[];
  /** Abandoned runs (their process died) marked failed. */
  reclaimed: number;
}

/** Whether an index with this interval is due at `now`, given its latest run (of any trigger and status). */
export function isDue(intervalMinutes: number, latest: RunRecord | undefined, now: number): boolean {
  return !latest || latest.startedAt + intervalMinutes * 60_000 <= now;
}

/**
 * Every `tickMs`: lists the indexes, fails runs left unfinished by a dead process, and starts (trigger `schedule`)
 * each index with an interval whose latest run started at least that long ago, or that never ran, or whose run was
 * just found abandoned (it is retried at once rather than after a whole interval).
 *
 * @example
 * const scheduler = new Scheduler({ executor, store, tickMs: 300_000 });
 * scheduler.start();
 * process.on('SIGTERM', async () => { scheduler.stop(); await executor.drain(30_000); });
 */
export class Scheduler {
  private handle: unknown;
  private ticking?: Promise<TickReport>;
  private readonly clock: SchedulerClock;
  private readonly logger: ServiceLogger;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  /** Ticks now, then every `tickMs`. */
  start(): void {
    if (this.handle !== undefined) return;
    const tick = () => void this.tick().catch((error: unknown) => this.logger.error({ error: oneLine(error) }, 'scheduler tick failed'));
    this.handle = this.clock.setInterval(tick, this.options.tickMs);
    tick();
  }

  /** No more ticks (a tick in progress completes; runs it started go on: drain the executor to stop them). */
  stop(): void {
    if (this.handle !== undefined) this.clock.clearInterval(this.handle);
    this.handle = undefined;
  }

  /** One pass over the indexes; a tick asked while one runs gets that one's report. */
  tick(): Promise<TickReport> {
    this.ticking ??= this.pass().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async pass(): Promise<TickReport> {
    const { executor, store } = this.options;
    const report: TickReport = { started: [], busy: [], reclaimed: 0 };
    // Two queries per tick, whatever the number of indexes; the few that look due are decided again under their lease.
    const [indexes, latestRuns] = await Promise.all([store.listIndexes(), store.latestRuns()]);
    for (const index of indexes) {
      if (executor.isBusy(index.id)) {
        if (index.intervalMinutes) report.busy.push(index.id);
        continue;
      }
      const latest = latestRuns.get(index.id);
      const unfinished = latest?.status === 'queued' || latest?.status === 'running';
      const interval = index.intervalMinutes;
      // Cheap check first: most indexes are neither due nor stuck, and need no lease.
      if (!unfinished && (!interval || !isDue(interval, latest, this.clock.now()))) continue;
      if (!interval) {
        report.reclaimed += await executor.reclaim(index);
        continue;
      }
      await this.startIfDue(index, interval, report);
    }
    if (report.started.length || report.reclaimed) this.logger.info({ started: report.started.length, busy: report.busy.length, reclaimed: report.reclaimed }, 'scheduler tick');
    return report;
  }

  private async startIfDue(index: IndexRecord, interval: number, report: TickReport): Promise<void> {
    try {
      let reclaimedHere = 0;
      const started = await this.options.executor.startIf(index, 'schedule', (latest, reclaimed) => {
        reclaimedHere = reclaimed;
        return reclaimed > 0 || isDue(interval, latest, this.clock.now());
      });
      report.reclaimed += reclaimedHere;
      if (started) report.started.push({ indexId: index.id, runId: started.runId });
    } catch (error) {
      if (error instanceof SyncBusyError) report.busy.push(index.id);
      // One index that cannot start (its store rows, its lease) must not keep the others from starting.
      else if (!(error instanceof ExecutorStoppedError)) this.logger.error({ indexId: index.id, error: oneLine(error) }, 'scheduled sync could not start');
    }
  }
}
