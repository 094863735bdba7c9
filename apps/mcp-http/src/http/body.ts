/**
 * The request body of a POST, read by the server itself rather than by the transport: so the limit is ours
 * (`MCP_MAX_BODY_BYTES`, a 413 that names it) and the server can see what the body holds (an `initialize`).
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: 'too-large' | 'invalid-json' };

/**
 * The JSON body, refused unread when `Content-Length` already exceeds `maxBytes`, or as soon as more than
 * `maxBytes` arrived. Node discards what is left of a refused body after the answer.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  if (Number(req.headers['content-length']) > maxBytes) return { ok: false, reason: 'too-large' };
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) return { ok: false, reason: 'too-large' };
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks, received).toString('utf8')) };
  } catch {
    return { ok: false, reason: 'invalid-json' };
  }
}

/** Whether a JSON-RPC body (one message or a batch) holds an `initialize` request. */
export function hasInitialize(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body];
  return messages.some((m) => typeof m === 'object' && m !== null && (m as { method?: unknown }).method === 'initialize' && 'id' in m);
}
