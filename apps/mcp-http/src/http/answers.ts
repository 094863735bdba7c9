/** The server's own answers: JSON bodies, and JSON-RPC errors shaped as the MCP transport writes its own. */
import type { ServerResponse } from 'node:http';

/** JSON-RPC error codes the server answers with itself (the transport's own: -32000 generic, -32001 session). */
export const JSONRPC_PARSE_ERROR = -32700;
export const JSONRPC_SERVER_ERROR = -32000;
export const JSONRPC_SESSION_NOT_FOUND = -32001;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/** `{"jsonrpc":"2.0","error":{code,message},"id":null}`: what MCP clients expect from `/mcp` whatever the status. */
export function sendJsonRpcError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}, code = JSONRPC_SERVER_ERROR): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null }, headers);
}
