/**
 * `startHttpServer(config)`: the Confluence MCP server over Streamable HTTP on `node:http`, and its graceful
 * shutdown. `main.ts` adds only the environment, the `listening on` line and the signals; tests start it in
 * process.
 */
import { createMcpServer } from '@confluence-mcp/mcp-tools';
import { checkConnection } from '@confluence-mcp/mcp-tools';
import { openIndexSearcher } from './index-search';
import { createLogger } from '@confluence-mcp/logging';
import type { Logger } from '@confluence-mcp/logging';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpHttpApp } from './app';
import { Authenticator, createAuthenticator } from './auth';
import { HttpConfig, SERVER_NAME, SERVER_VERSION } from './config';
import { hostForUrl } from './http/addresses';
import { Exposure } from './http/exposure';
import { RateLimiter } from './http/rate-limit';
import { UnauthenticatedLimit } from './http/unauthenticated-limit';
import { ReadinessCheck } from './http/readiness';
import { ServerFactory, ServerPool } from './mcp/server-pool';
import { SessionRegistry } from './mcp/sessions';
import { StatelessMcp } from './mcp/stateless';

/** Longer than the idle timeout of common load balancers (60 s), so they never reuse a socket this side closed. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface StartOptions {
  /** @default a pino logger on stderr at `config.logLevel`, with `config.secrets` redacted */
  logger?: Logger;
  /** @default the authenticator of `config.auth` */
  authenticator?: Authenticator;
}

export interface ShutdownResult {
  /** Every call in flight finished before the timeout. */
  clean: boolean;
  /** Calls cut off by the timeout. */
  abandoned: number;
}

export interface RunningHttpServer {
  /** `http://HOST:PORT`, with the port chosen when `config.port` was 0. */
  readonly url: string;
  readonly port: number;
  readonly authenticator: Authenticator;
  /**
   * Stop accepting requests, let calls in flight finish (up to `config.shutdownTimeoutMs`), then close sessions
   * and connections. Idempotent.
   */
  shutdown(reason?: string): Promise<ShutdownResult>;
}

/**
 * Listen and serve.
 *
 * @example
 * const loaded = loadConfig(process.env);
 * if (loaded.ok) {
 *   const running = await startHttpServer(loaded.config);
 *   process.once('SIGTERM', () => void running.shutdown('SIGTERM'));
 * }
 */
export async function startHttpServer(config: HttpConfig, options: StartOptions = {}): Promise<RunningHttpServer> {
  const log = options.logger ?? createLogger({ level: config.logLevel, redact: config.secrets, name: 'confluence-mcp-http' });
  const userAgent = `${SERVER_NAME}/${SERVER_VERSION}`;
  const authenticator = options.authenticator ?? createAuthenticator(config.auth, { userAgent, logger: log });
  const index = config.index ? openIndexSearcher(config.index) : undefined;
  const build: ServerFactory = (client, logger) => {
    // Hits are always checked with the caller's client (one bulk read per search): an index may have been synced
    // with other credentials than the caller's, including, for API-key callers, another user's OAuth connection in
    // a multi-user sync service, whose pages the service account must not reveal.
    const search = index ? { indexSearcher: index, verifyIndexHits: true } : {};
    const server = createMcpServer({ client, logger, ...config.server, ...search });
    server.server.onerror = (error) => logger.warn('protocol error', { error: error.message });
    return server;
  };
  const sessions = config.sessions.mode === 'stateful' ? new SessionRegistry({ ...config.sessions, build: (caller, logger) => build(caller.client, logger), log }) : undefined;
  const stateless = new StatelessMcp(new ServerPool(build));
  const limiter = new RateLimiter(config.rateLimitPerMinute);
  const unauthenticated = new UnauthenticatedLimit(config.unauthenticatedRateLimitPerMinute, config.trustedProxies);
  const sweeper = setInterval(() => {
    limiter.sweep();
    unauthenticated.sweep();
  }, 60_000).unref();
  const app = new McpHttpApp({
    authenticator,
    limiter,
    unauthenticated,
    readiness: new ReadinessCheck(authenticator.serviceClient, log),
    serve: (exchange) => (sessions ? sessions.handle(exchange) : stateless.handle(exchange)),
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    log,
  });
  const http = createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, app.handle);
  const port = await listen(http, config.host, config.port);
  app.exposure = new Exposure(config.exposure, { host: config.host, port });
  const url = `http://${hostForUrl(config.host)}:${port}`;
  log.info('confluence-mcp-http listening', { url, auth: authenticator.mode, sessions: config.sessions.mode, readOnly: config.server.readOnly, tools: config.server.tools, spaces: config.server.spaces, index: Boolean(index) });
  if (config.exposure.allowedHosts === undefined && (config.host === '0.0.0.0' || config.host === '::')) {
    log.warn('listening on every interface, but only requests addressed to localhost pass the Host check: set MCP_ALLOWED_HOSTS to the names clients use');
  }
  if (authenticator.serviceClient) void reportConnection(authenticator, log);

  let stopping: Promise<ShutdownResult> | undefined;
  const shutdown = (reason = 'shutdown'): Promise<ShutdownResult> => {
    stopping ??= (async () => {
      log.info('shutting down: letting calls in flight finish', { reason, inFlight: app.pending, timeoutMs: config.shutdownTimeoutMs });
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), config.shutdownTimeoutMs)));
      const clean = !(await Promise.race([app.drain().then(() => false), timedOut]));
      clearTimeout(timer);
      const abandoned = app.pending;
      if (!clean) log.warn('shutdown timeout reached: cutting calls still in flight', { abandoned });
      clearInterval(sweeper);
      await sessions?.closeAll();
      await authenticator.close?.();
      // A pool that fails to end must not keep the HTTP connections below from closing.
      await index?.close().catch((error: unknown) => log.warn('closing the synced index failed', { error: error instanceof Error ? error.message : String(error) }));
      http.closeAllConnections();
      await closed;
      log.info('stopped', { clean });
      return { clean, abandoned };
    })();
    return stopping;
  };
  return { url, port, authenticator, shutdown };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Who the service credentials are on Confluence, or what is wrong: logged, never fatal (readiness tells). */
async function reportConnection(authenticator: Authenticator, log: Logger): Promise<void> {
  if (!authenticator.serviceClient) return;
  const check = await checkConnection(authenticator.serviceClient);
  if (check.ok) log.info(`connected to ${check.siteUrl} as ${check.user}`, { site: check.siteUrl, user: check.user });
  else log.error(`cannot use Confluence: ${check.problem}`, { site: check.siteUrl });
}
