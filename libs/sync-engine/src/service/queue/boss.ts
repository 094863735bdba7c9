/** Starts pg-boss on the sync database for an API process (it only sends jobs) or a worker (it also maintains and schedules). */
import PgBoss from 'pg-boss';
import { oneLine } from '../../sync/runner';
import { ServiceLogger, silentLogger } from '../logger';
import { QueueSettings, SYNC_QUEUES, ensureQueues } from './queues';

/** Default of `OpenJobBossOptions.cron`: the due indexes are looked for every minute. */
export const DEFAULT_SCHEDULER_CRON = '* * * * *';

/** Options of `openJobBoss`. */
export interface OpenJobBossOptions {
  /** The sync database (`postgres://…`); pg-boss keeps its tables in the `pgboss` schema there. */
  url: string;
  /**
   * Workers run pg-boss's maintenance (expiring the jobs of dead workers, retries, retention) and its cron
   * monitor, and register the schedule; API processes only send.
   */
  worker: boolean;
  settings: QueueSettings;
  /** Cron of the due-index tick (`SCHEDULER_CRON`). @default '* * * * *' */
  cron?: string;
  /** Schema of pg-boss's tables. @default 'pgboss' */
  schema?: string;
  /** Connections of pg-boss's own pool. @default 4 */
  poolMax?: number;
  /** @default a logger that drops everything */
  logger?: ServiceLogger;
}

/**
 * Starts pg-boss (installing or migrating its schema under its own advisory lock), creates the queues and, on a
 * worker, registers the cron schedule and sends one tick at once (a new deployment syncs what is due without
 * waiting for the next minute).
 *
 * @example
 * const boss = await openJobBoss({ url: process.env.DATABASE_URL, worker: true, settings: DEFAULT_QUEUE_SETTINGS });
 */
export async function openJobBoss(options: OpenJobBossOptions): Promise<PgBoss> {
  const logger = options.logger ?? silentLogger;
  const boss = new PgBoss({
    connectionString: options.url,
    schema: options.schema ?? 'pgboss',
    application_name: options.worker ? 'sync-worker' : 'sync-api',
    max: options.poolMax ?? 4,
    supervise: options.worker,
    schedule: options.worker,
    migrate: true,
    // Expiry is found by maintenance: check often enough that a dead worker's job is retried soon after it expires.
    maintenanceIntervalSeconds: Math.min(60, Math.max(1, Math.floor(options.settings.jobTimeoutSeconds / 10))),
    cronMonitorIntervalSeconds: 10,
    cronWorkerIntervalSeconds: 5,
  });
  // An 'error' event without a listener would end the process; pg-boss reports failed maintenance this way.
  boss.on('error', (error) => logger.error({ error: oneLine(error) }, 'job queue error'));
  await boss.start();
  try {
    await ensureQueues(boss, options.settings);
    if (options.worker) {
      await boss.schedule(SYNC_QUEUES.due, options.cron ?? DEFAULT_SCHEDULER_CRON);
      await boss.send(SYNC_QUEUES.due, {});
    }
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }
  return boss;
}
