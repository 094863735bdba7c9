/**
 * The MCP stdio transport, with one difference from the SDK's: a message over the size limit is skipped and
 * answered with a JSON-RPC error, and the server stays up. The SDK's transport throws away its buffer and closes
 * on such a message, which made the server exit silently with code 0 (a 12 MB `create_confluence_page`).
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';

/** @default 10 MiB, the SDK's own limit, which every MCP client keeps its requests under. */
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Bytes kept from each end of an oversized message to find its `id` (the SDK client writes it last). */
const ID_PROBE_BYTES = 4096;

export interface LineTransportOptions {
  maxMessageBytes?: number;
  /** Told about every message refused (too large, not JSON, not JSON-RPC), for the server's log. */
  onRefused?: (reason: string, details: Record<string, unknown>) => void;
}

/** Newline-delimited JSON-RPC over a readable and a writable stream (stdin and stdout for Claude Desktop). */
export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  /** Set while the rest of an oversized line is skipped: its first and last bytes, and its size so far. */
  private skipping?: { head: Buffer; tail: Buffer; bytes: number };
  private closed = false;
  private readonly maxMessageBytes: number;

  constructor(
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
    private readonly options: LineTransportOptions = {},
  ) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('error', this.onInputError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.output.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.output.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('error', this.onInputError);
    this.chunks = [];
    this.onclose?.();
  }

  private readonly onInputError = (error: Error): void => this.onerror?.(error);

  private readonly onData = (chunk: Buffer | string): void => {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    // Each byte is looked at once: lines are cut at newlines, and an oversized line is never buffered whole.
    for (let newline = data.indexOf(10); ; newline = data.indexOf(10)) {
      const piece = newline < 0 ? data : data.subarray(0, newline);
      if (this.skipping) this.skip(piece);
      else if (this.bufferedBytes + piece.length > this.maxMessageBytes) this.startSkipping(piece);
      else {
        this.chunks.push(piece);
        this.bufferedBytes += piece.length;
      }
      if (newline < 0) return;
      this.endLine();
      data = data.subarray(newline + 1);
    }
  };

  private startSkipping(piece: Buffer): void {
    const whole = Buffer.concat([...this.chunks, piece]);
    this.skipping = { head: Buffer.from(whole.subarray(0, ID_PROBE_BYTES)), tail: Buffer.from(whole.subarray(-ID_PROBE_BYTES)), bytes: whole.length };
    this.chunks = [];
    this.bufferedBytes = 0;
  }

  private skip(piece: Buffer): void {
    if (!this.skipping) return;
    this.skipping.bytes += piece.length;
    this.skipping.tail = Buffer.from(Buffer.concat([this.skipping.tail, piece.subarray(-ID_PROBE_BYTES)]).subarray(-ID_PROBE_BYTES));
  }

  private endLine(): void {
    if (this.skipping) {
      const { head, tail, bytes } = this.skipping;
      this.skipping = undefined;
      this.refuseOversized(idOf(head.toString('utf8'), tail.toString('utf8')), bytes);
      return;
    }
    const line = Buffer.concat(this.chunks).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.bufferedBytes = 0;
    if (line.trim()) this.dispatch(line);
  }

  private dispatch(line: string): void {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.options.onRefused?.('not JSON', { bytes: Buffer.byteLength(line) });
      void this.reply(null, ErrorCode.ParseError, 'Parse error: the message is not valid JSON.');
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.options.onRefused?.('not JSON-RPC', { bytes: Buffer.byteLength(line) });
      void this.reply(idOf(line.slice(0, ID_PROBE_BYTES), line.slice(-ID_PROBE_BYTES)), ErrorCode.InvalidRequest, 'Invalid request: the message is not a JSON-RPC 2.0 message.');
      return;
    }
    this.onmessage?.(parsed.data);
  }

  private refuseOversized(id: RequestId | null | undefined, bytes: number): void {
    const mib = (this.maxMessageBytes / 1024 / 1024).toFixed(0);
    this.options.onRefused?.('message too large', { bytes, maxBytes: this.maxMessageBytes, id });
    void this.reply(
      id,
      ErrorCode.InvalidRequest,
      `Request too large: ${bytes} bytes, over this server's ${mib} MiB limit per message. Nothing was done; send less (a shorter body, or the page in parts with replace_confluence_page_section).`,
    );
  }

  private reply(id: RequestId | null | undefined, code: number, message: string): Promise<void> {
    // JSON-RPC answers a request whose id cannot be read with id null; a notification gets no answer at all.
    if (id === undefined) return Promise.resolve();
    return this.send({ jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage);
  }
}

/**
 * The `id` of a request from the first and last bytes of its JSON: the top-level `id` is either the last member
 * (as the SDK client writes it) or comes before `params`. `undefined` for a notification, `null` when it cannot
 * be told (JSON-RPC's answer to an unreadable request).
 */
function idOf(head: string, tail: string): RequestId | null | undefined {
  const last = /"id"\s*:\s*(-?\d{1,15}|"(?:[^"\\]|\\.){0,200}")\s*\}\s*$/.exec(tail);
  const first = last ?? /"id"\s*:\s*(-?\d{1,15}|"(?:[^"\\]|\\.){0,200}")/.exec(head.split('"params"')[0]);
  if (first) {
    try {
      return JSON.parse(first[1]) as RequestId;
    } catch {
      return null;
    }
  }
  return /"method"\s*:\s*"notifications\//.test(head) ? undefined : null;
}
