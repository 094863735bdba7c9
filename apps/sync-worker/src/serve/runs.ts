/**
 * Runs of the service: the sync engine's `RunExecutor` (background runs, at most `concurrency` at once, one per index
 * across processes through the store's lease) and `Scheduler` (indexes due by `interval_minutes`), wired to the app's
 * logger and credentials.
 */
import type { Logger } from '@confluence-mcp/logging';
import { RunExecutor, Scheduler } from '@confluence-mcp/sync-engine';
import type { IndexRecord, ServiceLogger, SyncStore } from '@confluence-mcp/sync-engine';
import type { RunResources } from './clients';
import type { RunStarter } from './context';

/** Options of `createRuns`. */
export interface RunsOptions {
  store: SyncStore;
  resolve(index: IndexRecord): Promise<RunResources>;
  logger: Logger;
  concurrency: number;
  tickMs: number;
}

/** The executor and scheduler as the server uses them. */
export interface Runs extends RunStarter {
  startScheduler(): void;
  stopScheduler(): void;
  /** Stops taking work; running runs stop after their batch (`cancelled`); resolves when none is left. */
  drain(timeoutMs: number): Promise<void>;
}

/** The engine logs pino-style `(fields, message)`; the app's logger takes `(message, fields)`. */
function serviceLogger(logger: Logger): ServiceLogger {
  return {
    info: (fields, message) => logger.info(message, fields),
    warn: (fields, message) => logger.warn(message, fields),
    error: (fields, message) => logger.error(message, fields),
  };
}

/** Builds the executor and scheduler (the scheduler starts ticking on `startScheduler`). */
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
    stopScheduler: () => scheduler.stop(),
    drain: (timeoutMs) => executor.drain(timeoutMs),
  };
}
