/**
 * Request bodies: read whole with a size limit that can change at run time, then decoded the way FastAPI does.
 *
 * The limit is the emulator's, not fastify's `bodyLimit`: fastify would answer its own 413 shape, and would stop
 * reading at once, so the client, still sending, could see a broken pipe instead of the answer. Here a body over
 * the limit is read to its end (up to a generous cap) and then refused with 413, so the client reliably gets it.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/** Bytes read past the limit before the emulator stops draining and lets the socket close. */
const DRAIN_CAP_BYTES = 256 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** Bytes of body received, for the request log. */
    bodyBytes: number;
  }
}

/** Read `payload`, keeping it only while it stays within `limit` bytes. Throws 413 when it does not. */
export async function readLimited(request: FastifyRequest, payload: AsyncIterable<unknown>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of payload) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    request.bodyBytes = bytes;
    if (bytes <= limit) chunks.push(buffer);
    else chunks.length = 0;
    if (bytes > limit + DRAIN_CAP_BYTES) break;
  }
  if (bytes > limit) throw new ApiError(413, 'Request Entity Too Large');
  return Buffer.concat(chunks, bytes);
}

/**
 * FastAPI's decoding: JSON when the content type is `application/json`, `application/*+json`, or absent; a JSON
 * syntax error is a 422 `json_invalid` located at the character where parsing failed. Any other content type
 * leaves the raw text, which then fails the route's body validation. An empty body is `undefined` (missing).
 */
export function decodeBody(contentType: string | undefined, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const json = media === '' || media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json'));
  if (!json) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    throw new ApiError(422, [{ loc: ['body', position ? Number(position[1]) : 0], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
}
