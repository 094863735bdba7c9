/** What a run reports while it works, and what it returns. */
import type { RunCounts, RunStatus } from '../store/types';

/** A progress event: after the listing of each space page, after each written batch, and at the end. */
export interface SyncProgress {
  phase: 'listing' | 'writing' | 'deleting' | 'done';
  /** Space being listed. */
  space?: string;
  listed: number;
  /** Pages handled among those to write (new + changed). */
  pagesDone: number;
  pagesTotal: number;
  requests: number;
  bytes: number;
  elapsedMs: number;
  /** Estimated time left while writing. */
  etaMs?: number;
}

/** The result of a run: its counters plus identity and timing, as stored in sync history. */
export interface SyncSummary extends RunCounts {
  runId: number;
  indexId: string;
  indexName: string;
  status: RunStatus;
  durationMs: number;
  error?: string;
}

/** Thrown when another run holds the index. */
export class SyncBusyError extends Error {
  override readonly name = 'SyncBusyError';
}

/**
 * Thrown by a run that failed or was cancelled; carries the summary written to history, and as `cause` the error
 * that ended it (so a job queue can tell a transient failure, worth a retry, from one that will fail again).
 */
export class SyncFailedError extends Error {
  override readonly name = 'SyncFailedError';
  constructor(message: string, readonly summary: SyncSummary, options?: { cause?: unknown }) {
    super(message, options);
  }
}
