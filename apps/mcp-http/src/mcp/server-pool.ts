/**
 * MCP servers for stateless requests. Building one costs milliseconds (every tool's schemas), so servers on a
 * shared client (the service's credentials) are kept and reused, one request at a time each, with their caches
 * of space keys and user names; a caller with a client of its own (per-user credentials) gets a fresh server
 * that is dropped with the request, so nothing of one user reaches another.
 */
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import type { Logger } from '@confluence-mcp/logging';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ScopedLogger } from './scoped-logger';

/** Builds a server on a client, logging to `logger`. */
export type ServerFactory = (client: ConfluenceClient, logger: Logger) => McpServer;

/** A server for one request; `release()` once its transport is closed. */
export interface Lease {
  server: McpServer;
  release(): void;
}

interface Pooled {
  server: McpServer;
  logger: ScopedLogger;
}

/** Idle servers kept per shared client: enough for the concurrency a busy instance sees, bounded in memory. */
export const MAX_IDLE_SERVERS = 64;

export class ServerPool {
  private readonly idle = new WeakMap<ConfluenceClient, Pooled[]>();

  constructor(
    private readonly build: ServerFactory,
    private readonly maxIdle = MAX_IDLE_SERVERS,
  ) {}

  acquire(client: ConfluenceClient, shared: boolean, log: Logger): Lease {
    if (!shared) return { server: this.build(client, log), release: () => undefined };
    let list = this.idle.get(client);
    if (!list) this.idle.set(client, (list = []));
    const pooled = list.pop() ?? this.create(client, log);
    pooled.logger.target = log;
    const idle = list;
    return {
      server: pooled.server,
      release: () => {
        if (idle.length < this.maxIdle) idle.push(pooled);
      },
    };
  }

  private create(client: ConfluenceClient, log: Logger): Pooled {
    const logger = new ScopedLogger(log);
    return { server: this.build(client, logger), logger };
  }
}
