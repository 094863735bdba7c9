/**
 * Stateless Streamable HTTP: every POST is served by its own transport (the SDK's stateless mode, no session id)
 * and answered with one JSON body, so any instance behind a load balancer can answer any request. GET (a server-to-client stream) and DELETE (end
 * a session) have no meaning without sessions: 405, as the transport specification allows.
 */
import type { Logger } from '@confluence-mcp/logging';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
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
    const lease = this.pool.acquire(caller.client, caller.shared, log);
    // One JSON answer per POST: the tools send no notifications mid-call, and a plain JSON body costs less than
    // an event stream (no stream, no keep-alive timer) and passes any proxy.
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await lease.server.connect(transport);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      // Closing the transport also aborts a call still running: the client that asked for it is gone.
      transport.close().then(lease.release, lease.release);
    };
    res.once('close', release);
    try {
      await transport.handleRequest(Object.assign(req, { auth: caller.authInfo }), res, body);
    } finally {
      if (res.closed) release();
    }
  }
}
