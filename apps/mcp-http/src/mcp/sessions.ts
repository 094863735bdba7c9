/**
 * Stateful Streamable HTTP (`MCP_SESSIONS=stateful`): `initialize` opens a session with its own transport, server
 * and event store (so a client that lost a stream can resume it with `Last-Event-ID`); later requests name it in
 * `Mcp-Session-Id`. A session belongs to the credentials that opened it: anyone else gets the same 404 as for a
 * session that does not exist. Idle sessions are closed; the number of sessions is bounded.
 */
import type { Logger } from '@confluence-mcp/logging';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth';
import { JSONRPC_SESSION_NOT_FOUND, sendJsonRpcError } from '../http/answers';
import { hasInitialize } from '../http/body';
import { MemoryEventStore } from './event-store';
import type { McpExchange } from './stateless';

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  owner: string;
  lastSeen: number;
  /** Requests (and open event streams) of this session in progress: a busy session is never idle. */
  active: number;
}

export interface SessionOptions {
  idleMs: number;
  maxSessions: number;
  /** A server for a new session. */
  build: (caller: Caller, log: Logger) => McpServer;
  /** The logger sessions log to (with their id and identity): a session outlives the request that opened it. */
  log: Logger;
  now?: () => number;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.closeIdle(), Math.min(options.idleMs, 60_000));
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  async handle(exchange: McpExchange): Promise<void> {
    const { req, res, caller } = exchange;
    const id = req.headers['mcp-session-id'];
    if (typeof id === 'string') {
      const session = this.sessions.get(id);
      // Someone else's session answers like a missing one: its id must not be confirmed to a stranger.
      if (!session || session.owner !== caller.rateKey) return sendJsonRpcError(res, 404, 'Session not found', {}, JSONRPC_SESSION_NOT_FOUND);
      return this.serve(session, exchange);
    }
    if (req.method !== 'POST' || !hasInitialize(exchange.body)) {
      return sendJsonRpcError(res, 400, 'Bad Request: Mcp-Session-Id header is required (start a session with initialize)');
    }
    if (this.sessions.size >= this.options.maxSessions) {
      return sendJsonRpcError(res, 503, 'Service Unavailable: too many open sessions, try again later', { 'Retry-After': '30' });
    }
    await this.open(exchange);
  }

  /** Close every session (shutdown): their event streams end. */
  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.sessions.values()].map((s) => s.transport.close()));
    this.sessions.clear();
  }

  /** Close sessions without a request for `idleMs` and none in progress. */
  closeIdle(): void {
    const cutoff = this.now() - this.options.idleMs;
    for (const session of this.sessions.values()) {
      // The transport's onclose forgets the session.
      if (session.active === 0 && session.lastSeen < cutoff) void session.transport.close();
    }
  }

  private async open(exchange: McpExchange): Promise<void> {
    const { caller } = exchange;
    const sessionId = randomUUID();
    const log = this.options.log.child({ sessionId, identity: caller.identity });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => sessionId,
      eventStore: new MemoryEventStore(),
      onsessioninitialized: () => {
        this.sessions.set(sessionId, session);
        log.info('session opened');
      },
    });
    // DELETE, idle expiry and shutdown all end in the transport's close.
    transport.onclose = () => {
      if (this.sessions.delete(sessionId)) log.info('session closed');
    };
    const session: Session = { transport, server: this.options.build(caller, log), owner: caller.rateKey, lastSeen: this.now(), active: 0 };
    await session.server.connect(transport);
    await this.serve(session, exchange);
  }

  private async serve(session: Session, { req, res, body, caller }: McpExchange): Promise<void> {
    session.active += 1;
    session.lastSeen = this.now();
    let done = false;
    res.once('close', () => {
      if (done) return;
      done = true;
      session.active -= 1;
      session.lastSeen = this.now();
    });
    await session.transport.handleRequest(Object.assign(req, { auth: caller.authInfo }), res, body);
  }
}
