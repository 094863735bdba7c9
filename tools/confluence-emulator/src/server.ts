/**
 * The emulator's HTTP server: hooks for faults, auth, the request log, and error rendering; routes come from
 * `routes/`. `startEmulator()` is the one entry point for tests, benchmarks and the CLI.
 */
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Readable } from 'node:stream';
import { generateWorld } from './content';
import { EmulatorControl, createControl } from './control';
import { AuthFailure, authenticate } from './http/auth';
import { HttpError, renderError } from './http/errors';
import { Faults } from './http/faults';
import { RequestLog } from './http/request-log';
import { EmulatorOptions, resolveOptions } from './options';
import { OAuthServer } from './routes/oauth/oauth-server';
import { registerRoutes } from './routes';
import { Store } from './store/store';

export interface RunningEmulator {
  /** Origin, e.g. `http://127.0.0.1:41234`. Cloud API base is `${url}/wiki`, Data Center's is `${url}`. */
  url: string;
  close(): Promise<void>;
  control: EmulatorControl;
}

const GATEWAY_PREFIX = /^\/ex\/confluence\/[^/]+/;

/** A reply whose body a fault shapes on its way out (see `onSend`). */
type ShapedReply = FastifyReply & { slowBps?: number; stallAfterBytes?: number };

/** Start an emulator on loopback. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const world = generateWorld({ spaces: resolved.spaces, pagesPerSpace: resolved.pagesPerSpace, seed: resolved.seed });
  const store = new Store(world, resolved.now);
  const faults = new Faults({ ...resolved, seed: resolved.seed });
  const log = new RequestLog();
  const oauth = new OAuthServer(store, resolved);

  const app: FastifyInstance = Fastify({ logger: false, routerOptions: { maxParamLength: 1000 }, bodyLimit: 50 * 1024 * 1024, forceCloseConnections: true });
  app.decorateRequest('caller', null);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 20 } });

  app.addHook('onRequest', async (request, reply) => {
    (request as FastifyRequest & { startedAt: number }).startedAt = performance.now();
    const config = request.routeOptions.config;
    const viaGateway = GATEWAY_PREFIX.test(request.url);
    let callerKey = request.ip;
    let authFailure: AuthFailure | null = null;
    if (config.auth) {
      if (viaGateway && !request.url.startsWith(`/ex/confluence/${world.cloudId}/`)) {
        return reply.code(404).type('application/json').send(JSON.stringify({ errorMessage: 'Site temporarily unavailable' }));
      }
      const result = authenticate(request.headers.authorization, {
        flavor: resolved.flavor,
        viaGateway,
        generation: config.generation ?? 'v2',
        store,
        accessToken: (token) => oauth.userForAccessToken(token),
      });
      if ('status' in result) authFailure = result;
      else {
        request.caller = result;
        callerKey = result.key;
      }
    }
    const decision = faults.decide(request.method, request.url.replace(GATEWAY_PREFIX, ''), callerKey);
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.action === 'reset') {
      log.record(request, 0, 0);
      request.raw.socket.destroy();
      return reply.hijack();
    }
    if (decision.action === 'redirect') return reply.code(decision.status).header('location', decision.location ?? request.url).send();
    for (const [name, value] of Object.entries(decision.headers)) reply.header(name, value);
    if (authFailure) return reply.code(authFailure.status).type(authFailure.contentType).send(authFailure.body);
    if (decision.action === 'status') {
      const body = decision.body ?? JSON.stringify(renderError(new HttpError(decision.status, statusTitle(decision.status)), config.generation ?? 'v2'));
      return reply.code(decision.status).type(decision.body ? 'text/plain' : 'application/json').send(body);
    }
    const shaped = reply as ShapedReply;
    if (decision.slowBytesPerSecond) shaped.slowBps = decision.slowBytesPerSecond;
    if (decision.stallAfterBytes) shaped.stallAfterBytes = decision.stallAfterBytes;
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    const { slowBps, stallAfterBytes } = reply as ShapedReply;
    if ((!slowBps && !stallAfterBytes) || payload === null || payload === undefined) return payload;
    const buffer = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (!buffer) return payload;
    reply.removeHeader('content-length');
    if (stallAfterBytes) return Readable.from(stall(buffer, stallAfterBytes, new Promise((resolve) => reply.raw.once('close', resolve))));
    return Readable.from(trickle(buffer, slowBps ?? 1));
  });

  app.addHook('onResponse', async (request, reply) => {
    const started = (request as FastifyRequest & { startedAt?: number }).startedAt ?? performance.now();
    log.record(request, reply.statusCode, performance.now() - started);
  });

  app.setErrorHandler((error, request, reply) => {
    const generation = request.routeOptions.config?.generation ?? 'v2';
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return reply.code(error.status).type('application/json').send(JSON.stringify(renderError(error, generation)));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      const message = status === 413 ? 'Request entity too large' : `Invalid request: ${(error as Error).message}`;
      return reply.code(status).type('application/json').send(JSON.stringify(renderError(new HttpError(status, message), generation)));
    }
    // Unexpected: a real server would not show its stack either.
    return reply.code(500).type('application/json').send(JSON.stringify(renderError(new HttpError(500, 'Internal Server Error'), generation)));
  });

  app.setNotFoundHandler((request, reply) => {
    const generation = request.url.includes('/api/v2/') ? 'v2' : resolved.flavor === 'dc' ? 'v1-dc' : 'v1-cloud';
    reply.code(404).type('application/json').send(JSON.stringify(renderError(new HttpError(404, 'No route matches the request'), generation)));
  });

  registerRoutes(app, { store, options: resolved }, oauth);

  await app.listen({ port: resolved.port, host: resolved.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : resolved.port;
  const url = `http://${resolved.host}:${port}`;
  return {
    url,
    close: () => app.close(),
    control: createControl({ store, faults, log, oauth, url, flavor: resolved.flavor }),
  };
}

function statusTitle(status: number): string {
  return status === 429 ? 'Rate limit exceeded' : status === 503 ? 'Service Unavailable' : 'Internal Server Error';
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

async function* trickle(buffer: Buffer, bytesPerSecond: number): AsyncGenerator<Buffer> {
  const chunk = Math.max(1, Math.floor(bytesPerSecond / 20));
  for (let offset = 0; offset < buffer.length; offset += chunk) {
    yield buffer.subarray(offset, offset + chunk);
    await sleep(50);
  }
}

/** The first bytes, then silence until the connection closes (the client gave up, or the emulator stopped). */
async function* stall(buffer: Buffer, afterBytes: number, closed: Promise<unknown>): AsyncGenerator<Buffer> {
  yield buffer.subarray(0, afterBytes);
  await closed;
}
