/**
 * Stateless Streamable HTTP with JSON answers, on `node:http` directly. It answers exactly as the SDK's
 * `StreamableHTTPServerTransport` does in stateless JSON mode (`sessionIdGenerator: undefined`,
 * `enableJsonResponse: true`: the same checks in the same order, the same statuses and JSON-RPC bodies; a spec
 * compares the two), without what that costs per request: converting the Node request into a web `Request` and
 * the web `Response` back into the Node response (through web streams), and a new transport and `connect()` for
 * every POST. One transport stays connected to one pooled server and carries one exchange at a time; the pool
 * guarantees that, so JSON-RPC ids of different clients never meet in one server.
 */
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import {
  JSONRPCMessageSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
  isInitializeRequest,
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
} from '@modelcontextprotocol/sdk/types.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendJsonRpcError } from '../http/answers';

/** Largest batch the SDK's transport accepts (its `MAX_BATCH_SIZE`). */
const MAX_BATCH_SIZE = 100;
const INVALID_REQUEST = -32600;
const PARSE_ERROR = -32700;
const SERVER_ERROR = -32000;

/** One POST being answered: the responses still awaited, in the order the requests came. */
interface Exchange {
  res: ServerResponse;
  ids: RequestId[];
  responses: Map<RequestId, JSONRPCMessage>;
  answered: () => void;
}

export class StatelessJsonTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  private exchange?: Exchange;
  private closed = false;

  async start(): Promise<void> {
    // Nothing to open: each POST brings its own connection.
  }

  /**
   * Answer one POST whose JSON body is `body`. Resolves once the answer is written, or at once when it was refused
   * or held only notifications (202).
   */
  handle(req: IncomingMessage, res: ServerResponse, body: unknown, authInfo: AuthInfo | undefined): Promise<void> {
    if (this.exchange) throw new Error('StatelessJsonTransport: one exchange at a time');
    const accept = req.headers.accept;
    // A comma-separated list: a substring check, as the SDK does.
    if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) {
      return this.refuse(res, 406, SERVER_ERROR, 'Not Acceptable: Client must accept both application/json and text/event-stream');
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return this.refuse(res, 415, SERVER_ERROR, 'Unsupported Media Type: Content-Type must be application/json');
    }
    if (Array.isArray(body) && body.length > MAX_BATCH_SIZE) {
      return this.refuse(res, 400, INVALID_REQUEST, `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`);
    }
    let messages: JSONRPCMessage[];
    try {
      messages = Array.isArray(body) ? body.map((m) => JSONRPCMessageSchema.parse(m)) : [JSONRPCMessageSchema.parse(body)];
    } catch {
      return this.refuse(res, 400, PARSE_ERROR, 'Parse error: Invalid JSON-RPC message');
    }
    if (this.closed) return this.refuse(res, 404, -32001, 'Session not found');
    const initializing = messages.some((m) => isInitializeRequest(m));
    if (initializing && messages.length > 1) {
      return this.refuse(res, 400, INVALID_REQUEST, 'Invalid Request: Only one initialization request is allowed');
    }
    if (!initializing) {
      const version = req.headers['mcp-protocol-version'];
      if (typeof version === 'string' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
        const supported = SUPPORTED_PROTOCOL_VERSIONS.join(', ');
        return this.refuse(res, 400, SERVER_ERROR, `Bad Request: Unsupported protocol version: ${version} (supported versions: ${supported})`);
      }
    }
    const extra = { authInfo, requestInfo: { headers: req.headers, url: new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`) } };
    const ids = messages.filter(isJSONRPCRequest).map((m) => m.id);
    if (ids.length === 0) {
      for (const message of messages) this.onmessage?.(message, extra);
      res.writeHead(202).end();
      return Promise.resolve();
    }
    return new Promise<void>((answered) => {
      this.exchange = { res, ids, responses: new Map(), answered };
      for (const message of messages) this.onmessage?.(message, extra);
    });
  }

  /** Whether no exchange is in progress (the transport may serve the next POST). */
  get idle(): boolean {
    return this.exchange === undefined;
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const isResponse = isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);
    const id = isResponse ? message.id : options?.relatedRequestId;
    // Requests and notifications to the client have no stream to travel on in JSON mode: dropped, as the SDK does.
    if (!isResponse || id === undefined) return;
    const exchange = this.exchange;
    if (!exchange || !exchange.ids.includes(id)) throw new Error(`No connection established for request ID: ${String(id)}`);
    exchange.responses.set(id, message);
    if (exchange.responses.size < exchange.ids.length) return;
    this.exchange = undefined;
    const answers = exchange.ids.map((i) => exchange.responses.get(i));
    if (!exchange.res.destroyed) sendJson(exchange.res, 200, answers.length === 1 ? answers[0] : answers);
    exchange.answered();
  }

  /** Ends the exchange in progress (its client is gone) and tells the server, which aborts the calls still running. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exchange = this.exchange;
    this.exchange = undefined;
    exchange?.answered();
    this.onclose?.();
  }

  private refuse(res: ServerResponse, status: number, code: number, message: string): Promise<void> {
    this.onerror?.(new Error(message));
    sendJsonRpcError(res, status, message, {}, code);
    return Promise.resolve();
  }
}
