/** Every request the emulator answered (or reset), so that tests can count calls, batches and bytes. */

export interface LoggedRequest {
  method: string;
  /** Path without the query, e.g. `/api/v1/pipelines/<id>/documents`. */
  path: string;
  /** Path and query as sent. */
  url: string;
  /** Route template, e.g. `PUT /api/v1/pipelines/:pipeline_id/documents`; `unmatched` when no route matched. */
  route: string;
  /** Status answered; 0 when the connection was reset. */
  status: number;
  /** Bytes of request body received (for a 413, everything that was read). */
  bodyBytes: number;
  durationMs: number;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  /** Bounded so that a long benchmark does not grow memory without end. */
  constructor(private readonly maxEntries = 50_000) {}

  record(entry: LoggedRequest): void {
    // Dropping the oldest half at once keeps this amortised O(1) (shift() per request is O(n)).
    if (this.entries.length >= this.maxEntries * 2) this.entries = this.entries.slice(-this.maxEntries);
    this.entries.push(entry);
  }

  all(): readonly LoggedRequest[] {
    return this.entries.length > this.maxEntries ? this.entries.slice(-this.maxEntries) : [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
