/**
 * Runs of the service: the executor (background runs, at most `concurrency` at once) and the scheduler.
 * INTERIM: a minimal executor until the sync engine's `RunExecutor` and `Scheduler` land; same interface.
 */
import type { Logger } from '@confluence-mcp/logging';
import { SyncBusyError, runSync } from '@confluence-mcp/sync-engine';
import type { IndexRecord, RunTrigger, SyncStore } from '@confluence-mcp/sync-engine';
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
  /** Stops taking work; resolves when current runs have ended (or after `timeoutMs`). */
  drain(timeoutMs: number): Promise<void>;
}

export function createRuns(options: RunsOptions): Runs {
  const { store, logger } = options;
  const controller = new AbortController();
  const active = new Set<string>();
  const waiting: Array<() => void> = [];
  const inFlight = new Set<Promise<void>>();
  let running = 0;
  let timer: NodeJS.Timeout | undefined;

  const slot = async () => {
    if (running < options.concurrency) {
      running += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  async function execute(index: IndexRecord, runId: number): Promise<void> {
    await slot();
    try {
      if (controller.signal.aborted) {
        await store.finishRun(runId, { status: 'cancelled', counts: { listed: 0, new: 0, changed: 0, unchanged: 0, deleted: 0, failed: 0, requests: 0, bytes: 0 }, error: 'cancelled: the service stopped' });
        return;
      }
      const { client, sink, meter } = await options.resolve(index).catch(async (error: Error) => {
        await store.finishRun(runId, { status: 'failed', counts: { listed: 0, new: 0, changed: 0, unchanged: 0, deleted: 0, failed: 0, requests: 0, bytes: 0 }, error: error.message.split('\n')[0] });
        throw error;
      });
      await runSync({ client, store, index, sink, meter, runId, signal: controller.signal });
    } catch (error) {
      logger.warn('sync ended without success', { index_id: index.id, run_id: runId, error: { name: (error as Error).name, message: (error as Error).message } });
    } finally {
      active.delete(index.id);
      release();
    }
  }

  const start = async (index: IndexRecord, trigger: RunTrigger) => {
    if (controller.signal.aborted) throw new SyncBusyError('the service is stopping');
    if (active.has(index.id) || (await store.leaseHolder(index.id))) throw new SyncBusyError('a sync of this index is already queued or running');
    active.add(index.id);
    try {
      const run = await store.queueRun(index.id, trigger);
      const done = execute(index, run.id).finally(() => inFlight.delete(done));
      inFlight.add(done);
      return { runId: run.id };
    } catch (error) {
      active.delete(index.id);
      throw error;
    }
  };

  async function tick(): Promise<void> {
    const now = Date.now();
    for (const index of await store.listIndexes()) {
      if (!index.intervalMinutes || active.has(index.id)) continue;
      const [latest] = await store.listRuns(index.id, { limit: 1 });
      if (latest && latest.startedAt + index.intervalMinutes * 60_000 > now) continue;
      await start(index, 'schedule').catch(() => undefined);
    }
  }

  return {
    start,
    load: () => ({ running: Math.min(running, inFlight.size), waiting: waiting.length }),
    startScheduler() {
      timer = setInterval(() => void tick().catch((error: Error) => logger.warn('scheduler tick failed', { error: { name: error.name, message: error.message } })), options.tickMs);
      timer.unref();
      void tick().catch(() => undefined);
    },
    stopScheduler() {
      if (timer) clearInterval(timer);
    },
    async drain(timeoutMs) {
      controller.abort();
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (timeout = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timeout);
    },
  };
}
