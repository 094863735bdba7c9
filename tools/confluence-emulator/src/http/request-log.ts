/** Every request the emulator answered, and counters per route, so tests and benchmarks can count calls. */
import type { FastifyRequest } from 'fastify';

export interface LoggedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** Route template without the gateway prefix, e.g. `GET /wiki/api/v2/pages/:id`; `unmatched` for 404 routes. */
  route: string;
  status: number;
  durationMs: number;
  accountId: string | null;
  /** Headers worth asserting on (never the Authorization value). */
  headers: { userAgent?: string; atlassianToken?: string; contentType?: string };
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private readonly counters = new Map<string, number>();
  /** Bounded so a long benchmark run does not grow memory without end. */
  constructor(private readonly maxEntries = 50_000) {}

  record(request: FastifyRequest, status: number, durationMs: number): void {
    const template = request.routeOptions.url ? request.routeOptions.url.replace(/^\/ex\/confluence\/:cloudId/, '') : 'unmatched';
    const route = `${request.method} ${template}`;
    this.counters.set(route, (this.counters.get(route) ?? 0) + 1);
    // Dropping the oldest half at once keeps this amortised O(1) (shift() per request is O(n)).
    if (this.entries.length >= this.maxEntries * 2) this.entries = this.entries.slice(-this.maxEntries);
    this.entries.push({
      method: request.method,
      url: request.url,
      route,
      status,
      durationMs,
      accountId: request.caller?.user.accountId ?? null,
      headers: {
        userAgent: request.headers['user-agent'],
        atlassianToken: request.headers['x-atlassian-token'] as string | undefined,
        contentType: request.headers['content-type'],
      },
    });
  }

  all(): readonly LoggedRequest[] {
    return this.entries.length > this.maxEntries ? this.entries.slice(-this.maxEntries) : this.entries;
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  total(): number {
    let sum = 0;
    for (const n of this.counters.values()) sum += n;
    return sum;
  }

  clear(): void {
    this.entries = [];
    this.counters.clear();
  }
}
