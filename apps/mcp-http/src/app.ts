/**
 * One request through the server, in this order: request id; health probes; refused while shutting down; Host
 * and Origin checks; the auth mode's own routes; CORS preflight; `/mcp` only; who is calling (401 with a
 * `WWW-Authenticate` challenge); their rate limit (429 with `Retry-After`); the body within its limit (413); then
 * the MCP transport. Requests answered without an identity also count against their client address (429 once an
 * address spent its budget, before anything else is looked at). Each request is logged once with its id,
 * identity, status and duration.
 */
import type { Logger } from '@confluence-mcp/logging';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator, Caller, Refusal } from './auth';
import { JSONRPC_PARSE_ERROR, sendJson, sendJsonRpcError } from './http/answers';
import { hasInitialize, readJsonBody } from './http/body';
import type { Exposure } from './http/exposure';
import type { RateLimiter } from './http/rate-limit';
import type { UnauthenticatedLimit } from './http/unauthenticated-limit';
import type { ReadinessCheck } from './http/readiness';
import type { McpExchange } from './mcp/stateless';

/** The MCP endpoint. */
export const MCP_PATH = '/mcp';
/** Longest the per-user mode may take to check credentials with Confluence on `initialize`. */
const VERIFY_TIMEOUT_MS = 10_000;
/** A caller's own request id is kept only when it is this plain: it is written into every log line. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppDeps {
  authenticator: Authenticator;
  limiter: RateLimiter;
  /** Requests answered without an identity, per client address (refused credentials, auth routes, unknown paths). */
  unauthenticated?: UnauthenticatedLimit;
  readiness: ReadinessCheck;
  /** Serves an authenticated `/mcp` request (stateless or stateful). */
  serve: (exchange: McpExchange) => Promise<void>;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  log: Logger;
}

/** Fields of the one log line each request gets. */
interface AccessFields {
  identity?: string;
  site?: string;
}

export class McpHttpApp {
  /** Set once listening: the defaults of the Host and Origin checks depend on the port. */
  exposure?: Exposure;
  private draining = false;
  private inFlight = 0;
  private idle?: () => void;

  constructor(private readonly deps: AppDeps) {}

  /** The `node:http` request listener. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const path = (req.url ?? '/').split('?')[0];
    const fields: AccessFields = {};
    // Calls count until answered: shutdown waits for them. Event streams (GET) would never end by themselves.
    const counted = req.method === 'POST' || req.method === 'DELETE';
    if (counted) this.inFlight += 1;
    res.once('close', () => {
      if (counted) this.settled();
      const line = { requestId, method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started), ...fields, ...(res.writableFinished ? {} : { aborted: true }) };
      if (path === '/healthz' || path === '/readyz') this.deps.log.debug('request', line);
      else this.deps.log.info('request', line);
    });
    this.route(req, res, path, requestId, fields).catch((error: unknown) => {
      this.deps.log.error('request failed', { requestId, err: error instanceof Error ? error : new Error(String(error)) });
      if (!res.headersSent) sendJsonRpcError(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  };

  /** Stop taking requests (health says not ready, `/mcp` answers 503); resolves when no call is in flight. */
  drain(): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }

  /** Calls in flight (for shutdown logs and tests). */
  get pending(): number {
    return this.inFlight;
  }

  private settled(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) this.idle?.();
  }

  private async route(req: IncomingMessage, res: ServerResponse, path: string, requestId: string, fields: AccessFields): Promise<void> {
    // Probes address the instance by its IP, so they skip the Host check; they answer a status word, nothing else.
    if (path === '/healthz' || path === '/readyz') return this.health(path, req, res);
    if (this.draining) return sendJsonRpcError(res, 503, 'Service Unavailable: the server is shutting down', { Connection: 'close', 'Retry-After': '1' });
    const exposure = this.exposure;
    if (!exposure) return sendJsonRpcError(res, 503, 'Service Unavailable: starting');
    // An address that spent its budget of unauthenticated requests waits before anything else is looked at.
    const unauthenticated = this.deps.unauthenticated;
    const budget = unauthenticated?.check(req);
    if (budget && !budget.ok) return this.tooManyUnauthenticated(res, budget.retryAfterSeconds);
    if (!exposure.admit(req, res)) {
      unauthenticated?.spend(req);
      return;
    }
    for (const [name, value] of Object.entries(exposure.corsHeaders(req))) res.setHeader(name, value);
    // Anywhere but the MCP endpoint is answered without an identity (OAuth routes, unknown paths): spent up front,
    // since those routes may do real work (registrations, token exchanges).
    if (path !== MCP_PATH && unauthenticated) {
      const spent = unauthenticated.spend(req);
      if (!spent.ok) return this.tooManyUnauthenticated(res, spent.retryAfterSeconds);
    }
    const { authenticator } = this.deps;
    // Before the preflight: a mode's own routes (OAuth discovery, token) may answer their preflights themselves.
    if (authenticator.handle && (await authenticator.handle(req, res, { log: this.deps.log.child({ requestId }), requestId }))) return;
    if (req.method === 'OPTIONS') return exposure.preflight(req, res);
    if (path !== MCP_PATH) return sendJson(res, 404, { error: `Not Found: the MCP endpoint is ${MCP_PATH}` });
    if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'DELETE') {
      return sendJsonRpcError(res, 405, 'Method Not Allowed', { Allow: 'GET, POST, DELETE, OPTIONS' });
    }
    const outcome = await authenticator.authenticate(req);
    if (!outcome.ok) {
      unauthenticated?.spend(req);
      return this.refuse(res, outcome);
    }
    const { caller } = outcome;
    fields.identity = caller.identity;
    if (caller.site) fields.site = caller.site;
    const limited = this.deps.limiter.take(caller.rateKey);
    if (!limited.ok) {
      const message = `Too Many Requests: at most ${this.deps.rateLimitPerMinute} requests per minute; retry in ${limited.retryAfterSeconds} s`;
      return sendJsonRpcError(res, 429, message, { 'Retry-After': String(limited.retryAfterSeconds) });
    }
    const log = this.deps.log.child({ requestId, ...fields });
    const body = req.method === 'POST' ? await this.body(req, res, caller) : undefined;
    if (body === NO_BODY) return;
    await this.deps.serve({ req, res, body, caller, log });
  }

  /** The parsed body, or `NO_BODY` once the request has been answered (too large, not JSON, refused). */
  private async body(req: IncomingMessage, res: ServerResponse, caller: Caller): Promise<unknown> {
    const read = await readJsonBody(req, this.deps.maxBodyBytes);
    if (!read.ok) {
      if (read.reason === 'too-large') sendJsonRpcError(res, 413, `Payload Too Large: the request body must not exceed ${this.deps.maxBodyBytes} bytes`);
      else sendJsonRpcError(res, 400, 'Parse error: the request body is not JSON', {}, JSONRPC_PARSE_ERROR);
      return NO_BODY;
    }
    const verify = this.deps.authenticator.verifyOnInitialize;
    if (verify && hasInitialize(read.value)) {
      const refusal = await verify.call(this.deps.authenticator, caller, AbortSignal.timeout(VERIFY_TIMEOUT_MS));
      if (refusal) {
        this.deps.unauthenticated?.spend(req);
        this.refuse(res, refusal);
        return NO_BODY;
      }
    }
    return read.value;
  }

  private tooManyUnauthenticated(res: ServerResponse, retryAfterSeconds: number): void {
    const perMinute = this.deps.unauthenticated?.perMinute ?? 0;
    const message = `Too Many Requests: at most ${perMinute} unauthenticated requests per minute from one address; retry in ${retryAfterSeconds} s`;
    sendJsonRpcError(res, 429, message, { 'Retry-After': String(retryAfterSeconds) });
  }

  private refuse(res: ServerResponse, refusal: Refusal): void {
    const headers: Record<string, string> = refusal.status === 401 ? { 'WWW-Authenticate': this.deps.authenticator.challenge(refusal) } : {};
    sendJsonRpcError(res, refusal.status, refusal.message, headers);
  }

  private async health(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Method Not Allowed' }, { Allow: 'GET, HEAD' });
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (this.draining) return sendJson(res, 503, { status: 'shutting down' });
    const readiness = await this.deps.readiness.check();
    sendJson(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not ready', confluence: readiness.confluence });
  }
}

/** Marks a request already answered while its body was read. */
const NO_BODY = Symbol('answered');
