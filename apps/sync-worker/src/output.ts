/**
 * What the CLI prints. With `--json`, or when stdout is not a terminal, machine-readable output on stdout (JSON
 * lines for `sync`, one JSON document otherwise); on a terminal, a progress bar on stderr and text on stdout.
 */
import { SingleBar } from 'cli-progress';
import type { SyncProgress, SyncSummary } from '@confluence-mcp/sync-engine';

/** Where the output goes (injectable for tests). */
export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The run summary as printed: snake_case, the counters the issue names first. */
export function summaryJson(summary: SyncSummary) {
  return {
    event: 'summary',
    status: summary.status,
    index: summary.indexName,
    run_id: summary.runId,
    listed: summary.listed,
    new: summary.new,
    changed: summary.changed,
    unchanged: summary.unchanged,
    deleted: summary.deleted,
    failed: summary.failed,
    requests: summary.requests,
    bytes: summary.bytes,
    duration_ms: summary.durationMs,
    ...(summary.error ? { error: summary.error } : {}),
  };
}

/** Progress reporter of `sync`: JSON lines, or a bar on a terminal. */
export function progressReporter(streams: Streams, json: boolean): { onProgress(event: SyncProgress): void; stop(): void } {
  if (json || !streams.stderr.isTTY) {
    let last = 0;
    return {
      onProgress(event) {
        // One line per batch at most every 250 ms (plus phase changes): enough to follow, not a flood.
        const now = Date.now();
        if (event.phase === 'listing' && now - last < 250) return;
        last = now;
        streams.stdout.write(`${JSON.stringify({ event: 'progress', phase: event.phase, listed: event.listed, done: event.pagesDone, total: event.pagesTotal, requests: event.requests, bytes: event.bytes, elapsed_ms: event.elapsedMs, eta_ms: event.etaMs ?? null })}\n`);
      },
      stop() {
        // Nothing to tidy for JSON lines.
      },
    };
  }
  const bar = new SingleBar({ stream: streams.stderr, format: '{phase} [{bar}] {value}/{total} pages | {requests} requests | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true });
  let started = false;
  return {
    onProgress(event) {
      const payload = { phase: event.phase.padEnd(8), requests: event.requests };
      if (!started) {
        bar.start(Math.max(event.pagesTotal, 1), event.pagesDone, payload);
        started = true;
      }
      bar.setTotal(Math.max(event.pagesTotal, event.phase === 'listing' ? event.listed : 1));
      bar.update(event.phase === 'listing' ? event.listed : event.pagesDone, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** `1.2 MB`, `830 kB`, `12 B`. */
export function bytesText(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}
