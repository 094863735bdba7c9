/**
 * One request as the caller sees it, across its attempts: the caller's signal, a deadline per attempt that
 * starts when the pacer lets the attempt go and ends when its body has been read, and the mapping of whatever
 * went wrong to `AbortError`, `TimeoutError` or `ConnectionError`, with `outcomeUnknown` for writes.
 */
import { AbortError, ConfluenceError, ConnectionError, ErrorContext, TimeoutError, causeCode } from './errors';
import { isRedirectLoop } from './redirects';

/** Why an attempt's own controller aborted: its `timeoutMs` ran out before the headers or before the body's end. */
export class AttemptTimeout extends Error {
  override name = 'TimeoutError';
  readonly code: 'HEADERS_TIMEOUT' | 'BODY_TIMEOUT';
  constructor(readonly ms: number, readonly phase: 'headers' | 'body') {
    super(phase === 'headers' ? `no response within ${ms} ms` : `body stalled or too slow: not complete within ${ms} ms`);
    this.code = phase === 'headers' ? 'HEADERS_TIMEOUT' : 'BODY_TIMEOUT';
  }
}

/** Failures that happen before a single byte of the request leaves: a write cannot have been carried out. */
const NOTHING_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Words for the codes a broken connection most often has (the code itself stays in the message). */
const DESCRIBED: Record<string, string> = {
  UND_ERR_SOCKET: 'Connection closed by the server',
  ECONNRESET: 'Connection reset',
};

/** Statuses whose response cannot carry a body (a `Response` refuses to be built with one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export class RequestScope {
  /** An attempt left and no HTTP answer has come back for it yet: a write may have reached the server. */
  private mayHaveReached = false;

  /**
   * @param idempotent whether repeating the request is harmless (its failures never leave an unknown outcome)
   * @param signal the caller's signal (per call and the view's defaults, combined)
   * @param timeoutMs the deadline of each attempt
   */
  constructor(
    readonly context: ErrorContext,
    private readonly idempotent: boolean,
    readonly signal: AbortSignal | undefined,
    readonly timeoutMs: number,
  ) {}

  /** Start an attempt, once the pacer has let it go: its deadline starts now, not while it was queued. */
  begin(): Attempt {
    this.mayHaveReached = true;
    return new Attempt(this, () => (this.mayHaveReached = false));
  }

  /**
   * The client's error for anything an attempt, ky, a wait or a body read threw (HTTP answers are mapped by
   * `errorFromResponse`, not here). The caller's abort wins over whatever it caused downstream.
   */
  fail(error: unknown, phase: 'request' | 'body' = 'request'): ConfluenceError {
    if (error instanceof ConfluenceError) return error;
    const unknown = !this.idempotent && this.mayHaveReached;
    if (this.signal?.aborted) {
      const reason: unknown = this.signal.reason;
      return new AbortError('Aborted by the caller', this.context, { cause: isErrorLike(reason) ? reason : undefined, outcomeUnknown: unknown });
    }
    if (error instanceof AttemptTimeout) {
      const message = error.phase === 'headers' ? `No response within ${error.ms} ms` : `Response body stalled or too slow (not complete within ${error.ms} ms)`;
      return new TimeoutError(message, this.context, { cause: error, outcomeUnknown: unknown });
    }
    if (isRedirectLoop(error)) return new ConnectionError('too many redirects', this.context, { cause: error, outcomeUnknown: unknown });
    const code = causeCode(error) ?? 'unknown error';
    const message = phase === 'body' ? `Connection lost while reading the response (${code})` : `${DESCRIBED[code] ?? 'Connection failed'} (${code})`;
    return new ConnectionError(message, this.context, { cause: error, outcomeUnknown: unknown && !NOTHING_SENT.has(code) });
  }
}

/** One attempt: a controller aborted by the caller's signal or by the deadline, whichever comes first. */
export class Attempt {
  /** Give this to fetch: it aborts on the caller's signal and on the deadline. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private headersReceived = false;

  constructor(private readonly scope: RequestScope, private readonly answered: () => void) {
    this.signal = scope.signal ? AbortSignal.any([scope.signal, this.controller.signal]) : this.controller.signal;
    const { timeoutMs } = scope;
    this.timer = setTimeout(() => this.controller.abort(new AttemptTimeout(timeoutMs, this.headersReceived ? 'body' : 'headers')), timeoutMs);
    // The socket keeps the process alive while it matters; the timer alone must not.
    this.timer.unref?.();
  }

  /** The attempt is over (body read or cancelled, or the request failed): its deadline no longer applies. */
  finish(): void {
    clearTimeout(this.timer);
  }

  /**
   * The headers arrived. The deadline keeps running until the body ends, whoever reads it (`json()`, a
   * download's consumer, a prefetched page): the returned response's body ends it, and turns a stall, a broken
   * connection or the caller's abort into the client's errors.
   */
  guard(response: Response): Response {
    this.headersReceived = true;
    // The server answered: an error status means it refused, and a write it refused is not an unknown outcome.
    if (!response.ok) this.answered();
    if (!response.body || NULL_BODY.has(response.status) || response.status < 200 || response.status > 599) {
      this.finish();
      return response;
    }
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          try {
            // Bytes already buffered must not be handed out after an abort: an aborted `iterate*()` stops here.
            this.scope.signal?.throwIfAborted();
            const chunk = await reader.read();
            if (chunk.done) {
              this.finish();
              controller.close();
            } else controller.enqueue(chunk.value);
          } catch (error) {
            this.finish();
            reader.cancel().catch(() => undefined);
            controller.error(this.scope.fail(error, 'body'));
          }
        },
        cancel: (reason) => {
          this.finish();
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    const guarded = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(guarded, 'url', { value: response.url });
    return guarded;
  }
}

/** An `Error` from any realm (`DOMException` and errors made by a test runner's globals included). */
function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as Error).name === 'string' && typeof (value as Error).message === 'string');
}
