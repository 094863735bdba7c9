/**
 * `serve`: the API and the runs over one store. With SQLite, one process does it all (executor and scheduler in
 * process); with PostgreSQL, `--role api` processes serve the API and send jobs, `--role worker` processes run them
 * (pg-boss), and `all` does both. `close()` is the SIGTERM path: stop scheduling and fetching, stop accepting
 * connections (requests in flight finish), let the runs drain (they finish or checkpoint their batch and end
 * `cancelled`; a worker's job goes back to the queue), then close the store.
 */
import type { AddressInfo } from 'node:net';
import { ConfigurationError, createAtlassianOAuthClient, createConfluenceClient } from '@confluence-mcp/confluence-client';
import { LogDestination, createLogger } from '@confluence-mcp/logging';
import { isPostgresUrl } from '@confluence-mcp/sync-engine';
import type { FastifyInstance } from 'fastify';
import type { ServeRole } from '../args';
import type { Environment } from '../wiring';
import { buildApp } from './app';
import { buildHealthApp } from './health-app';
import { createRunResolver, environmentClientOptions } from './clients';
import { serveConfigFromEnv } from './config';
import { createLoginLimiter } from './rate-limit';
import { openServiceStore } from './store';
import { Runs, createQueueRuns, createRuns } from './runs';
import { createTokenService } from './tokens';

/** A started service. */
export interface RunningServer {
  /** `http://HOST:PORT` as listening. */
  readonly url: string;
  readonly app: FastifyInstance;
  /** Graceful stop; runs still going after `drainTimeoutMs` are left to the next process (their lease expires). */
  close(drainTimeoutMs?: number): Promise<void>;
}

/** Options of `startServer` besides the environment. */
export interface StartServerOptions {
  /** Where log lines go. @default stderr */
  logDestination?: LogDestination;
  /** What this process does (`serve --role`); `api` and `worker` need PostgreSQL. @default 'all' */
  role?: ServeRole;
}

/** Reads the environment, opens the store and listens. Throws `ConfigurationError` naming each bad variable. */
export async function startServer(env: Environment, options: StartServerOptions = {}): Promise<RunningServer> {
  const config = serveConfigFromEnv(env);
  const role = options.role ?? 'all';
  const environment = environmentClientOptions(env);
  const logger = createLogger({
    level: config.logLevel,
    name: 'sync-worker',
    redact: [config.secretKey, config.oauth?.clientSecret ?? '', ...(environment?.secrets ?? []), env['LLAMA_CLOUD_API_KEY'] ?? ''].filter(Boolean),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  if (role !== 'all' && !isPostgresUrl(config.databaseUrl ?? '')) throw new ConfigurationError([`--role ${role}: needs DATABASE_URL=postgres://… (with SQLite one process serves the API and runs the syncs: --role all)`]);
  const opened = await openServiceStore(config.databaseUrl, config.secretKey);
  let runs: Runs | undefined;
  try {
    const oauthClient = config.oauth ? createAtlassianOAuthClient({ clientId: config.oauth.clientId, clientSecret: config.oauth.clientSecret, authUrl: config.oauth.authUrl, apiUrl: config.oauth.apiUrl }) : undefined;
    const resolve = createRunResolver({ store: opened.store, env, localSink: opened.localSink, environment, logger, ...(oauthClient && config.oauth ? { oauth: { client: oauthClient, apiUrl: config.oauth.apiUrl } } : {}) });
    const runOptions = { store: opened.store, resolve, logger, concurrency: config.syncConcurrency, tickMs: config.schedulerTickSeconds * 1000 };
    runs = opened.dialect === 'postgres' ? await createQueueRuns({ ...runOptions, url: opened.url ?? '', role, settings: config.queue, cron: config.schedulerCron }) : createRuns(runOptions);
    const started = runs;
    let listening = '';
    const app = role === 'worker' ? buildHealthApp(runs) : await buildApp({
      store: opened.store,
      localIndex: opened.localReader,
      tokens: createTokenService(config.secretKey, config.tokenTtlSeconds),
      loginLimiter: createLoginLimiter(),
      runs,
      ...(oauthClient && config.oauth ? { oauth: { client: oauthClient, scopes: config.oauth.scopes } } : {}),
      publicUrl: () => config.publicUrl ?? listening,
      environmentSiteUrl: environment ? createConfluenceClient(environment.options).siteUrl : undefined,
      llamaCloudConfigured: Boolean(env['LLAMA_CLOUD_API_KEY']),
      logger,
    });
    await app.listen({ host: config.host, port: config.port });
    const { port } = app.server.address() as AddressInfo;
    listening = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    runs.startScheduler();
    logger.info('listening', {
      url: listening,
      role,
      store: opened.dialect,
      oauth: Boolean(config.oauth),
      server_wide_credentials: Boolean(environment),
      ...(opened.dialect === 'postgres' ? { scheduler_cron: config.schedulerCron, sync_concurrency: role === 'api' ? 0 : config.syncConcurrency } : { scheduler_tick_seconds: config.schedulerTickSeconds }),
    });
    let closing: Promise<void> | undefined;
    return {
      url: listening,
      app,
      close: (drainTimeoutMs = 30_000) =>
        (closing ??= (async () => {
          await started.stopScheduler();
          await app.close();
          await started.drain(drainTimeoutMs);
          await opened.close();
          logger.info('stopped', {});
        })()),
    };
  } catch (error) {
    await runs?.drain(0).catch(() => undefined);
    await opened.close();
    throw error;
  }
}
