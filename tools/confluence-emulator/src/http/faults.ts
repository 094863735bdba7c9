/**
 * Realism and faults: latency, a token-bucket rate limit with Cloud's headers, injected errors, connection
 * resets, slow or stalled bodies and redirects. Everything is switchable at run time through `control`, and random choices come
 * from a seeded generator so a failing test can be replayed.
 */
import { RateLimitOptions } from '../options';

/** A fault that hits the next `times` matching requests. */
export type InjectedFault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; body?: string; times?: number; match?: FaultMatch }
  | { kind: 'reset'; times?: number; match?: FaultMatch }
  | { kind: 'slow'; bytesPerSecond: number; times?: number; match?: FaultMatch }
  | { kind: 'delay'; ms: number; times?: number; match?: FaultMatch }
  /**
   * The request is carried out and its headers sent with the first `afterBytes` bytes of the body (at least one,
   * so the headers leave), then nothing more until the client gives up: a proxy or server that hangs mid-body.
   */
  | { kind: 'stall'; afterBytes?: number; times?: number; match?: FaultMatch }
  /** Answer with a redirect to `location` instead of the route; without `location`, to the same URL (a loop). @default status 302 */
  | { kind: 'redirect'; status?: 301 | 302 | 303 | 307 | 308; location?: string; times?: number; match?: FaultMatch };

export interface FaultMatch {
  method?: string;
  /** Substring of, or pattern for, the request path. */
  path?: string | RegExp;
}

export type FaultDecision =
  | { action: 'pass'; delayMs: number; slowBytesPerSecond: number | null; stallAfterBytes: number | null; headers: Record<string, string> }
  | { action: 'redirect'; delayMs: number; status: number; location: string | null }
  | { action: 'status'; delayMs: number; status: number; body?: string; headers: Record<string, string> }
  | { action: 'reset'; delayMs: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** mulberry32: tiny, seeded, good enough for fault dice. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
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
  slowBodyBytesPerSecond: number | null;
  private rateLimit: RateLimitOptions | null;
  private readonly buckets = new Map<string, Bucket>();
  private injected: Array<InjectedFault & { remaining: number }> = [];
  private readonly random: () => number;

  constructor(
    options: {
      latencyMs: number;
      jitterMs: number;
      errorRate: number;
      resetRate: number;
      slowBodyBytesPerSecond: number | null;
      rateLimit: RateLimitOptions | null;
      seed: number;
    },
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.latencyMs = options.latencyMs;
    this.jitterMs = options.jitterMs;
    this.errorRate = options.errorRate;
    this.resetRate = options.resetRate;
    this.slowBodyBytesPerSecond = options.slowBodyBytesPerSecond;
    this.rateLimit = options.rateLimit;
    this.random = seededRandom(options.seed ^ 0x5eed);
  }

  setRateLimit(rateLimit: RateLimitOptions | null): void {
    this.rateLimit = rateLimit;
    this.buckets.clear();
  }

  inject(fault: InjectedFault): void {
    this.injected.push({ ...fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.injected = [];
    this.latencyMs = 0;
    this.jitterMs = 0;
    this.errorRate = 0;
    this.resetRate = 0;
    this.slowBodyBytesPerSecond = null;
    this.setRateLimit(null);
  }

  /** Decide what happens to one request. `callerKey` identifies the credential for per-caller buckets. */
  decide(method: string, path: string, callerKey: string): FaultDecision {
    let delayMs = this.latencyMs + (this.jitterMs ? Math.floor(this.random() * this.jitterMs) : 0);
    let slow = this.slowBodyBytesPerSecond;
    let stallAfterBytes: number | null = null;

    for (const fault of this.injected) {
      if (fault.remaining <= 0 || !matches(fault.match, method, path)) continue;
      fault.remaining -= 1;
      this.injected = this.injected.filter((f) => f.remaining > 0);
      if (fault.kind === 'reset') return { action: 'reset', delayMs };
      if (fault.kind === 'redirect') return { action: 'redirect', delayMs, status: fault.status ?? 302, location: fault.location ?? null };
      if (fault.kind === 'delay') delayMs += fault.ms;
      else if (fault.kind === 'stall') stallAfterBytes = Math.max(1, fault.afterBytes ?? 1);
      else if (fault.kind === 'slow') slow = fault.bytesPerSecond;
      else {
        const headers: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        return { action: 'status', delayMs, status: fault.status, body: fault.body, headers };
      }
      break;
    }

    const limited = this.takeToken(callerKey);
    if (limited.refused) {
      return { action: 'status', delayMs, status: this.rateLimit?.status ?? 429, headers: limited.headers };
    }
    if (this.resetRate && this.random() < this.resetRate) return { action: 'reset', delayMs };
    if (this.errorRate && this.random() < this.errorRate) {
      const status = this.random() < 0.5 ? 500 : 503;
      return { action: 'status', delayMs, status, headers: { ...limited.headers, 'retry-after': '1' } };
    }
    return { action: 'pass', delayMs, slowBytesPerSecond: slow, stallAfterBytes, headers: limited.headers };
  }

  private takeToken(callerKey: string): { refused: boolean; headers: Record<string, string> } {
    const limit = this.rateLimit;
    if (!limit) return { refused: false, headers: {} };
    const key = limit.scope === 'global' ? '*' : callerKey;
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: limit.capacity, updatedAt: now };
    bucket.tokens = Math.min(limit.capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.refillPerSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    const refused = bucket.tokens < 1;
    if (!refused) bucket.tokens -= 1;
    const secondsToToken = refused ? (1 - bucket.tokens) / limit.refillPerSecond : 0;
    const secondsToFull = (limit.capacity - bucket.tokens) / limit.refillPerSecond;
    const remaining = Math.floor(bucket.tokens);
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(limit.capacity),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': new Date(now + secondsToFull * 1000).toISOString(),
    };
    if (remaining < limit.capacity * 0.2) headers['x-ratelimit-nearlimit'] = 'true';
    if (refused) {
      headers['retry-after'] = String(Math.max(1, Math.ceil(secondsToToken)));
      headers['ratelimit-reason'] = 'confluence-burst-based';
    }
    return { refused, headers };
  }
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? path.includes(match.path) : match.path.test(path);
}
