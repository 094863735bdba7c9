/** Per-call options every public method takes last: a cancellation signal and a timeout per attempt. */
import { InvalidArgumentError } from './errors';

/**
 * Options of one call (or, through `client.withCallOptions()`, of every call of a client view).
 *
 * @example
 * const page = await confluence.pages.get('123', { bodyFormat: 'storage' }, { signal: request.signal, timeoutMs: 10_000 });
 */
export interface CallOptions {
  /**
   * Aborts the call: waits in the client's queue end, the request in flight is cancelled, no retry and no
   * further page of an `iterate*()` follows. The call then rejects with `AbortError`.
   */
  signal?: AbortSignal;
  /**
   * Longest one attempt may take, from the moment the request leaves the client's pacer (time queued or held by
   * a 429 does not count) until its whole body has been read; for a download, until the stream ends. Past it
   * the attempt fails with `TimeoutError` (reads are retried). @default the client's `timeoutMs` (30_000)
   */
  timeoutMs?: number;
}

/**
 * Combine call options: both signals abort (`AbortSignal.any`), and the smaller `timeoutMs` wins, so a call
 * can tighten a view's defaults but never loosen them.
 */
export function mergeCallOptions(base: CallOptions | undefined, call: CallOptions | undefined): CallOptions {
  const signals = [base?.signal, call?.signal].filter((s): s is AbortSignal => s !== undefined);
  const timeouts = [checkTimeout(base?.timeoutMs), checkTimeout(call?.timeoutMs)].filter((t): t is number => t !== undefined);
  return {
    signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    timeoutMs: timeouts.length ? Math.min(...timeouts) : undefined,
  };
}

function checkTimeout(timeoutMs: number | undefined): number | undefined {
  if (timeoutMs === undefined) return undefined;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new InvalidArgumentError('timeoutMs: must be a positive number');
  return timeoutMs;
}
