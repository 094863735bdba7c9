/**
 * Faults, switchable at run time through `control`: latency (fixed, jittered, or added to chosen requests),
 * injected statuses (429 or 5xx, with or without `Retry-After`), connection resets, and random error or reset
 * rates. Random choices come from a seeded generator so that a failing run can be replayed.
 */

/** Which requests a fault applies to. */
export interface FaultMatch {
  /** e.g. `PUT`; any method when absent. */
  method?: string;
  /** A substring of, or a pattern for, the request path (without the query). */
  path?: string | RegExp;
}

/** A fault that hits the next `times` matching requests (@default 1). */
export type InjectedFault =
  /**
   * Answer `status` instead of the route. The body is FastAPI's `{"detail": ...}`, except a bare 500, which is
   * Starlette's plain-text `Internal Server Error` (an unhandled exception); `body` replaces either.
   */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; body?: string; times?: number; match?: FaultMatch }
  /** Destroy the socket without an answer. */
  | { kind: 'reset'; times?: number; match?: FaultMatch }
  /** Wait `ms` before handling the request. */
  | { kind: 'delay'; ms: number; times?: number; match?: FaultMatch };

export type FaultDecision =
  | { action: 'pass'; delayMs: number }
  | { action: 'status'; delayMs: number; status: number; retryAfterSeconds?: number; body?: string }
  | { action: 'reset'; delayMs: number };

/** mulberry32: tiny, seeded, good enough for fault dice. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  latencyMs: number;
  jitterMs: number;
  errorRate: number;
  resetRate: number;
  private injected: Array<InjectedFault & { remaining: number }> = [];
  private readonly random: () => number;

  constructor(options: { latencyMs: number; jitterMs: number; errorRate: number; resetRate: number; seed: number }) {
    this.latencyMs = options.latencyMs;
    this.jitterMs = options.jitterMs;
    this.errorRate = options.errorRate;
    this.resetRate = options.resetRate;
    this.random = seededRandom(options.seed ^ 0x11a3a);
  }

  inject(fault: InjectedFault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('injectFault: times must be a whole number >= 1');
    if (fault.kind === 'status' && !(Number.isInteger(fault.status) && fault.status >= 400 && fault.status <= 599)) {
      throw new Error('injectFault: status must be an HTTP error status (400-599)');
    }
    if (fault.kind === 'status' && fault.retryAfterSeconds !== undefined && !(Number.isInteger(fault.retryAfterSeconds) && fault.retryAfterSeconds >= 0)) {
      throw new Error('injectFault: retryAfterSeconds must be a whole number >= 0');
    }
    if (fault.kind === 'delay' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) throw new Error('injectFault: ms must be a number >= 0');
    this.injected.push({ ...fault, remaining: times });
  }

  /** Injected faults that have not fired yet. */
  pending(): number {
    return this.injected.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  clear(): void {
    this.injected = [];
    this.latencyMs = 0;
    this.jitterMs = 0;
    this.errorRate = 0;
    this.resetRate = 0;
  }

  /** Decide what happens to one request; an injected fault that matches is used up by it. */
  decide(method: string, path: string): FaultDecision {
    let delayMs = this.latencyMs + (this.jitterMs ? Math.floor(this.random() * this.jitterMs) : 0);
    for (const fault of this.injected) {
      if (fault.remaining <= 0 || !matches(fault.match, method, path)) continue;
      fault.remaining -= 1;
      this.injected = this.injected.filter((f) => f.remaining > 0);
      if (fault.kind === 'reset') return { action: 'reset', delayMs };
      if (fault.kind === 'status') return { action: 'status', delayMs, status: fault.status, retryAfterSeconds: fault.retryAfterSeconds, body: fault.body };
      delayMs += fault.ms;
      break;
    }
    if (this.resetRate && this.random() < this.resetRate) return { action: 'reset', delayMs };
    if (this.errorRate && this.random() < this.errorRate) {
      return { action: 'status', delayMs, status: this.random() < 0.5 ? 500 : 503, retryAfterSeconds: 1 };
    }
    return { action: 'pass', delayMs };
  }
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? path.includes(match.path) : match.path.test(path);
}
