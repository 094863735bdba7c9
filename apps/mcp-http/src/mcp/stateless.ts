/**
 * Stateless Streamable HTTP: every POST is answered by a pooled server's transport with one JSON body (the SDK's
 * stateless JSON mode, see json-transport.ts), so any instance behind a load balancer can answer any request.
 * GET (a server-to-client stream) and DELETE (end a session) have no meaning without sessions: 405, as the
 * transport specification allows.
 */
import type { Logger } from '@confluence-mcp/logging';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../auth';
import { sendJsonRpcError } from '../http/answers';
import type { ServerPool } from './server-pool';

/** One authenticated `/mcp` request with its parsed body (POST) and its logger. */
export interface McpExchange {
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
  caller: Caller;
  log: Logger;
}

export class StatelessMcp {
  constructor(private readonly pool: ServerPool) {}

  async handle({ req, res, body, caller, log }: McpExchange): Promise<void> {
    if (req.method !== 'POST') {
      sendJsonRpcError(res, 405, 'Method Not Allowed: this server is stateless (POST only: no event stream, no session to delete)', { Allow: 'POST, OPTIONS' });
      return;
    }
    const lease = await this.pool.acquire(caller.client, caller.shared, log);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      lease.release();
    };
    // A client gone before its answer: the lease closes the server, which aborts the calls still running.
    res.once('close', release);
    try {
      // One JSON answer per POST: the tools send no notifications mid-call, and a plain JSON body costs less than
      // an event stream (no stream, no keep-alive timer) and passes any proxy.
      await lease.transport.handle(req, res, body, caller.authInfo);
    } finally {
      if (res.closed) release();
    }
  }
}
