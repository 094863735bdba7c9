/**
 * MCP servers for stateless requests, each connected once to its own `StatelessJsonTransport`. Building a server
 * and connecting it costs more than many calls, so servers on a shared client (the service's credentials) are
 * kept and reused, one request at a time each, with their caches of space keys and user names; a caller with a
 * client of its own (per-user credentials) gets a fresh server that is closed with the request, so nothing of one
 * user reaches another.
 */
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import type { Logger } from '@confluence-mcp/logging';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StatelessJsonTransport } from './json-transport';
import { ScopedLogger } from './scoped-logger';

/** Builds a server on a client, logging to `logger`. */
export type ServerFactory = (client: ConfluenceClient, logger: Logger) => McpServer;

/** A connected server for one request; `release()` once its answer is written or its client gone. */
export interface Lease {
  server: McpServer;
  transport: StatelessJsonTransport;
  release(): void;
}

interface Pooled {
  server: McpServer;
  transport: StatelessJsonTransport;
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

  async acquire(client: ConfluenceClient, shared: boolean, log: Logger): Promise<Lease> {
    if (!shared) {
      const { server, transport } = await this.create(client, log);
      return { server, transport, release: () => void server.close() };
    }
    let list = this.idle.get(client);
    if (!list) this.idle.set(client, (list = []));
    const pooled = list.pop() ?? (await this.create(client, log));
    pooled.logger.target = log;
    const idle = list;
    return {
      server: pooled.server,
      transport: pooled.transport,
      release: () => {
        // A server whose exchange did not finish (its client went away mid-call) is closed, which aborts the calls
        // still running, and not reused.
        if (pooled.transport.idle && idle.length < this.maxIdle) idle.push(pooled);
        else void pooled.server.close();
      },
    };
  }

  /** Idle servers kept for a shared client (for tests and metrics). */
  idleCount(client: ConfluenceClient): number {
    return this.idle.get(client)?.length ?? 0;
  }

  private async create(client: ConfluenceClient, log: Logger): Promise<Pooled> {
    const logger = new ScopedLogger(log);
    const server = this.build(client, logger);
    const transport = new StatelessJsonTransport();
    await server.connect(transport);
    return { server, transport, logger };
  }
}
