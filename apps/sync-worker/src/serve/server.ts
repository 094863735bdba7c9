/**
 * `serve`: the API, the run executor and the scheduler in one process, over one store. `close()` is the SIGTERM
 * path: stop the scheduler, stop accepting connections (requests in flight finish), let the executor drain (runs
 * finish or checkpoint their batch and end `cancelled`), then close the store.
 */
import type { AddressInfo } from 'node:net';
import { createAtlassianOAuthClient, createConfluenceClient } from '@confluence-mcp/confluence-client';
import { LogDestination, createLogger } from '@confluence-mcp/logging';
import type { FastifyInstance } from 'fastify';
import type { Environment } from '../wiring';
import { buildApp } from './app';
import { createRunResolver, environmentClientOptions } from './clients';
import { serveConfigFromEnv } from './config';
import { createLoginLimiter } from './rate-limit';
import { openServiceStore } from './store';
import { createRuns } from './runs';
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
}

/** Reads the environment, opens the store and listens. Throws `ConfigurationError` naming each bad variable. */
export async function startServer(env: Environment, options: StartServerOptions = {}): Promise<RunningServer> {
  const config = serveConfigFromEnv(env);
  const environment = environmentClientOptions(env);
  const logger = createLogger({
    level: config.logLevel,
    name: 'sync-worker',
    redact: [config.secretKey, config.oauth?.clientSecret ?? '', ...(environment?.secrets ?? []), env['LLAMA_CLOUD_API_KEY'] ?? ''].filter(Boolean),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const opened = await openServiceStore(config.databaseUrl, config.secretKey);
  try {
    const oauthClient = config.oauth ? createAtlassianOAuthClient({ clientId: config.oauth.clientId, clientSecret: config.oauth.clientSecret, authUrl: config.oauth.authUrl, apiUrl: config.oauth.apiUrl }) : undefined;
    const resolve = createRunResolver({ store: opened.store, env, localSink: opened.localSink, environment, logger, ...(oauthClient && config.oauth ? { oauth: { client: oauthClient, apiUrl: config.oauth.apiUrl } } : {}) });
    const runs = createRuns({ store: opened.store, resolve, logger, concurrency: config.syncConcurrency, tickMs: config.schedulerTickSeconds * 1000 });
    let listening = '';
    const app = await buildApp({
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
    logger.info('listening', { url: listening, oauth: Boolean(config.oauth), server_wide_credentials: Boolean(environment), scheduler_tick_seconds: config.schedulerTickSeconds });
    let closing: Promise<void> | undefined;
    return {
      url: listening,
      app,
      close: (drainTimeoutMs = 30_000) =>
        (closing ??= (async () => {
          runs.stopScheduler();
          await app.close();
          await runs.drain(drainTimeoutMs);
          await opened.close();
          logger.info('stopped', {});
        })()),
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
