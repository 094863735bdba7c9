/**
 * Runs of the service, behind one interface for both stores:
 * - SQLite (the embedded default): the sync engine's `RunExecutor` (background runs, at most `concurrency` at once,
 *   one per index across processes through the store's lease) and `Scheduler` (indexes due by `interval_minutes`).
 * - PostgreSQL: pg-boss queues. API processes record the run and send a job; workers fetch jobs, a cron schedule
 *   finds due indexes, and pg-boss expires and retries the jobs of dead workers.
 */
import type { Logger } from '@confluence-mcp/logging';
import { QueueSyncStarter, QueueWorker, RunExecutor, Scheduler, openJobBoss, staleAfterMs } from '@confluence-mcp/sync-engine';
import type { IndexRecord, QueueSettings, ServiceLogger, SyncStore } from '@confluence-mcp/sync-engine';
import type { ServeRole } from '../args';
import type { RunResources } from './clients';
import type { RunStarter } from './context';

/** Options of `createRuns` and `createQueueRuns`. */
export interface RunsOptions {
  store: SyncStore;
  resolve(index: IndexRecord): Promise<RunResources>;
  logger: Logger;
  concurrency: number;
  tickMs: number;
}

/** Options of `createQueueRuns` besides `RunsOptions`. */
export interface QueueRunsOptions extends RunsOptions {
  /** The PostgreSQL database (pg-boss's tables live in its `pgboss` schema). */
  url: string;
  role: ServeRole;
  settings: QueueSettings;
  cron: string;
}

/** The runs as the server uses them. */
export interface Runs extends RunStarter {
  /** Starts the scheduler and, with a queue, fetching jobs (workers only). */
  startScheduler(): void;
  /** No new scheduled runs (or fetched jobs); runs in flight go on until `drain`. */
  stopScheduler(): Promise<void>;
  /** Stops taking work; running runs stop after their batch (`cancelled`); resolves when none is left. */
  drain(timeoutMs: number): Promise<void>;
}

/** The engine logs pino-style `(fields, message)`; the app's logger takes `(message, fields)`. */
export function serviceLogger(logger: Logger): ServiceLogger {
  return {
    info: (fields, message) => logger.info(message, fields),
    warn: (fields, message) => logger.warn(message, fields),
    error: (fields, message) => logger.error(message, fields),
  };
}

/** The embedded runs (SQLite): executor and scheduler in this process (the scheduler starts on `startScheduler`). */
export function createRuns(options: RunsOptions): Runs {
  const logger = serviceLogger(options.logger);
  const executor = new RunExecutor({ store: options.store, resolve: options.resolve, logger, concurrency: options.concurrency });
  const scheduler = new Scheduler({ executor, store: options.store, tickMs: options.tickMs, logger });
  return {
    start: (index, trigger) => executor.start(index, trigger),
    load: () => {
      const { queued, running } = executor.inFlight();
      return { running, waiting: queued };
    },
    startScheduler: () => scheduler.start(),
    stopScheduler: async () => scheduler.stop(),
    drain: (timeoutMs) => executor.drain(timeoutMs),
  };
}

/**
 * The queued runs (PostgreSQL): starts pg-boss; an `api` process sends jobs, a `worker` fetches and runs them (and
 * keeps pg-boss's maintenance and cron going), `all` does both.
 */
export async function createQueueRuns(options: QueueRunsOptions): Promise<Runs> {
  const logger = serviceLogger(options.logger);
  const works = options.role !== 'api';
  const boss = await openJobBoss({ url: options.url, worker: works, settings: options.settings, cron: options.cron, logger });
  const starter = new QueueSyncStarter(boss, options.store, { staleAfterMs: staleAfterMs(options.settings) });
  const worker = works ? new QueueWorker({ boss, store: options.store, resolve: options.resolve, settings: options.settings, concurrency: options.concurrency, logger }) : undefined;
  return {
    start: (index, trigger) => starter.start(index, trigger),
    load: () => worker?.load() ?? { running: 0, waiting: 0 },
    startScheduler: () => worker?.start(),
    stopScheduler: async () => worker?.stopFetching(),
    drain: async (timeoutMs) => {
      await worker?.stop(timeoutMs);
      await boss.stop({ graceful: true, wait: true, timeout: 5000, close: true });
    },
  };
}
