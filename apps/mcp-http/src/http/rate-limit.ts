/**
 * Per-identity rate limit: one token bucket per caller, holding up to a minute's worth of requests and refilled
 * continuously, so a caller may burst and then keeps to the rate. Buckets that refilled completely are dropped.
 */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  /** `perMinute` 0 turns the limit off. */
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Take one request from `key`'s bucket, or say how many whole seconds until one is there. */
  take(key: string): RateDecision {
    return this.decide(key, true);
  }

  /** What `take` would answer, without taking anything (a key never seen has a full bucket). */
  peek(key: string): RateDecision {
    return this.decide(key, false);
  }

  private decide(key: string, take: boolean): RateDecision {
    if (this.perMinute === 0) return { ok: true };
    const now = this.now();
    const known = this.buckets.get(key);
    if (!known && !take) return { ok: true };
    const bucket = known ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      if (take) bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Forget buckets that are full again: they would start full anyway. */
  sweep(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
  }

  /** Buckets held (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }
}
