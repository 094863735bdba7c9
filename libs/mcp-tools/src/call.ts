/**
 * One tool call or resource read from start to answer: bound to the caller's cancellation and to the server's
 * deadline, so a slow Confluence never holds a call past `callDeadlineMs` and a cancelled call stops making
 * requests; and bounded in size, so no answer can exceed what an MCP client accepts.
 */
import { ConfluenceError } from '@confluence-mcp/confluence-client';
import type { ToolContext } from './context';
import { jsonBytesAtMost } from './json';
import { ToolFailure } from './results';

/**
 * Largest serialized answer, in bytes. The official SDK client drops the whole session on a message over
 * 10 MiB (its stdio read buffer); this leaves room for the JSON-RPC envelope and a partly read next message.
 */
export const MAX_RESULT_BYTES = 8 * 1024 * 1024;

/** How long a call that hit its deadline may take to report what its pending request did. */
const SETTLE_GRACE_MS = 250;

/** Raised inside a call's signal when the deadline passes (its reason), so the cause can be told from a cancel. */
class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

export interface CallOptions {
  /** The MCP request's signal (`extra.signal`): aborted when the client cancels. */
  signal?: AbortSignal;
  /** Whether the call may change Confluence: an interrupted write may have been carried out. */
  writes: boolean;
  /** What to check before retrying an interrupted write (`UNKNOWN_OUTCOME` advice). */
  unknownOutcome?: string;
}

/**
 * Run `work` with a call context whose client carries the combined signal. Ends at the deadline even when the
 * work is stuck in something that ignores the signal; the late result is dropped.
 */
export async function runCall<T>(ctx: ToolContext, options: CallOptions, work: (callCtx: ToolContext) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineExceeded()), ctx.callDeadlineMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  const running = work(ctx.forCall(signal));
  // The race below may drop `running`; its late rejection must not go unobserved.
  running.catch(() => undefined);
  const aborted = abortedPromise(signal);
  try {
    return await Promise.race([running, aborted.promise]);
  } catch (error) {
    if (!signal.aborted) throw error;
    // The abort reached the pending request: see whether it says its write may have happened.
    const settled = error === signal.reason ? await settleWithin(running, SETTLE_GRACE_MS) : { error };
    if (settled.error instanceof ConfluenceError && settled.error.outcomeUnknown) throw settled.error;
    if (deadline.signal.aborted) throw deadlineFailure(ctx, options, settled.error === undefined && options.writes);
    throw new ToolFailure('UNAVAILABLE', 'The call was cancelled before it finished.');
  } finally {
    clearTimeout(timer);
    aborted.dispose();
  }
}

/** The failure for a call that ran out of time; `maybeWritten` when a write was still pending, outcome unknown. */
function deadlineFailure(ctx: ToolContext, options: CallOptions, maybeWritten: boolean): ToolFailure {
  const seconds = Math.round(ctx.callDeadlineMs / 1000);
  if (maybeWritten) {
    return new ToolFailure('UNKNOWN_OUTCOME', `Confluence at ${ctx.client.siteUrl} did not finish within ${seconds} s, so this change may or may not have been made. ${options.unknownOutcome ?? 'Check in Confluence before retrying.'}`);
  }
  return new ToolFailure(
    'UNAVAILABLE',
    `Confluence at ${ctx.client.siteUrl} did not answer within ${seconds} s (it is slow or not responding). Retry later; if it keeps happening, the user should check that this URL is reachable.`,
  );
}

/**
 * A promise that rejects when `signal` aborts, and `dispose` to remove its listener once the race is over. The
 * removal matters: Node keeps a signal made by `AbortSignal.any` alive, with its listeners and everything they
 * reach (here the call's result), for as long as it has an abort listener and has not aborted; the deadline is
 * cleared, so without it every call's answer stayed in memory.
 */
function abortedPromise(signal: AbortSignal): { promise: Promise<never>; dispose(): void } {
  let listener: (() => void) | undefined;
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    listener = () => reject(signal.reason);
    signal.addEventListener('abort', listener, { once: true });
  });
  return { promise, dispose: () => listener && signal.removeEventListener('abort', listener) };
}

/** The rejection of `promise` if it settles within `ms`; `{}` when it succeeded or is still pending. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<{ error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ error?: unknown }>((resolve) => (timer = setTimeout(() => resolve({}), ms)));
  try {
    return await Promise.race([promise.then(() => ({}), (error: unknown) => ({ error })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Refuse an answer whose JSON is over `MAX_RESULT_BYTES`, with what to ask for instead. */
export function assertAnswerSize(answer: unknown): void {
  // Serializing a large answer only to measure it costs as much as sending it: most answers are far below the
  // limit even counted at their most expensive, and only the others are measured exactly.
  if (jsonBytesAtMost(answer) <= MAX_RESULT_BYTES) return;
  const bytes = Buffer.byteLength(JSON.stringify(answer));
  if (bytes <= MAX_RESULT_BYTES) return;
  throw new ToolFailure(
    'TOO_LARGE',
    `The answer would be ${megabytes(bytes)} MB, over the ${megabytes(MAX_RESULT_BYTES)} MB an MCP client accepts. ` +
      'Ask for less: a smaller max_chars or limit, one section of a page, or a smaller attachment.',
    { bytes, maxBytes: MAX_RESULT_BYTES },
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
