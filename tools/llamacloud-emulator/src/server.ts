/**
 * The emulator's HTTP server. Per request, in order: faults (latency, injected status, reset), the body (read
 * with the size limit, then decoded as FastAPI does), bearer auth, the route, and the request log. Errors are
 * rendered as FastAPI renders them. `startLlamaCloudEmulator()` is the one entry point for tests and the CLI.
 */
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { LlamaCloudEmulatorControl, Limits, createControl } from './control';
import { checkBearer } from './http/auth';
import { decodeBody, readLimited } from './http/body';
import { ApiError, STATUS_TEXT } from './http/errors';
import { FaultDecision, Faults } from './http/faults';
import { RequestLog } from './http/request-log';
import { LlamaCloudEmulatorOptions, resolveOptions } from './options';
import { registerRoutes } from './routes';
import { Store } from './store/store';

export interface RunningLlamaCloudEmulator {
  /** Origin to use as the SDK's `baseURL`, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
  control: LlamaCloudEmulatorControl;
}

type TimedRequest = FastifyRequest & { startedAt?: number };

/**
 * Start an emulator on loopback.
 *
 * @example
 * const emulator = await startLlamaCloudEmulator({ maxBodyBytes: 1024 * 1024 });
 * const client = new LlamaCloud({ apiKey: 'llx-emulator', baseURL: emulator.url, maxRetries: 0 });
 * // ... run the code under test, then:
 * expect(emulator.control.documents('my-pipeline')).toHaveLength(3);
 * await emulator.close();
 */
export async function startLlamaCloudEmulator(options: LlamaCloudEmulatorOptions = {}): Promise<RunningLlamaCloudEmulator> {
  const resolved = resolveOptions(options);
  const store = new Store(resolved.projects, resolved.ingestionDelayMs, resolved.now);
  const faults = new Faults(resolved);
  const log = new RequestLog();
  const limits: Limits = { maxBodyBytes: resolved.maxBodyBytes, apiKeys: new Set(resolved.apiKeys) };
  const routes: string[] = [];

  // HEAD is not exposed: FastAPI answers 405 to HEAD on a GET route.
  const app: FastifyInstance = Fastify({ logger: false, exposeHeadRoutes: false, forceCloseConnections: true, routerOptions: { maxParamLength: 2000 } });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });
  app.decorateRequest('bodyBytes', 0);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', async (request: FastifyRequest, payload: IncomingMessage) =>
    decodeBody(request.headers['content-type'], await readLimited(request, payload, limits.maxBodyBytes)),
  );

  app.addHook('onRequest', async (request, reply) => {
    (request as TimedRequest).startedAt = performance.now();
    const decision = faults.decide(request.method, request.url.split('?')[0]);
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.action === 'reset') {
      record(log, request, 0);
      request.raw.socket.destroy();
      return reply.hijack();
    }
    if (decision.action === 'status') return sendFault(reply, decision);
  });

  // After the body: a FastAPI service reads (and size-checks) the body before its auth dependency runs.
  app.addHook('preValidation', async (request) => {
    if (!request.is404) checkBearer(request.headers.authorization, limits.apiKeys);
  });

  app.addHook('onResponse', async (request, reply) => record(log, request, reply.statusCode));

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return reply.code(error.status).type('application/json').send(JSON.stringify(error.body()));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).type('application/json').send(JSON.stringify({ detail: STATUS_TEXT[status] ?? 'Bad Request' }));
    }
    // Starlette's answer to an unhandled exception: plain text, no stack.
    return reply.code(500).type('text/plain; charset=utf-8').send('Internal Server Error');
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const allowed = allowedMethods(routes, path);
    if (allowed.length) {
      return reply.code(405).header('allow', allowed.join(', ')).type('application/json').send(JSON.stringify({ detail: 'Method Not Allowed' }));
    }
    return reply.code(404).type('application/json').send(JSON.stringify({ detail: 'Not Found' }));
  });

  registerRoutes(app, { store });

  await app.listen({ port: resolved.port, host: resolved.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : resolved.port;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  const url = `http://${host}:${port}`;
  const control = createControl({
    store,
    faults,
    log,
    limits,
    initial: { maxBodyBytes: resolved.maxBodyBytes, apiKeys: resolved.apiKeys, ingestionDelayMs: resolved.ingestionDelayMs },
    routes,
    url,
  });
  return { url, close: () => app.close(), control };
}

function sendFault(reply: FastifyReply, decision: Extract<FaultDecision, { action: 'status' }>): FastifyReply {
  if (decision.retryAfterSeconds !== undefined) reply.header('retry-after', String(decision.retryAfterSeconds));
  reply.code(decision.status);
  if (decision.body !== undefined) return reply.type(looksLikeJson(decision.body) ? 'application/json' : 'text/plain; charset=utf-8').send(decision.body);
  if (decision.status === 500) return reply.type('text/plain; charset=utf-8').send('Internal Server Error');
  return reply.type('application/json').send(JSON.stringify({ detail: STATUS_TEXT[decision.status] ?? 'Error' }));
}

function record(log: RequestLog, request: FastifyRequest, status: number): void {
  const started = (request as TimedRequest).startedAt ?? performance.now();
  const template = request.routeOptions.url;
  log.record({
    method: request.method,
    path: request.url.split('?')[0],
    url: request.url,
    route: template && !request.is404 ? `${request.method} ${template}` : 'unmatched',
    status,
    bodyBytes: request.bodyBytes,
    durationMs: performance.now() - started,
  });
}

/** Methods of the routes whose template matches `path` (for 405 and its `Allow` header). */
function allowedMethods(routes: readonly string[], path: string): string[] {
  const methods = routes.filter((entry) => templatePattern(entry.slice(entry.indexOf(' ') + 1)).test(path)).map((entry) => entry.slice(0, entry.indexOf(' ')));
  return [...new Set(methods)];
}

function templatePattern(template: string): RegExp {
  const escaped = template.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${escaped.join('/')}$`);
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
