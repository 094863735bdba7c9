/**
 * Failed sign-ins per key (username + client address): after `maxFailures` within `windowMs` the key is refused
 * until the oldest failure leaves the window. In memory, per process: enough to make guessing slow; a deployment
 * with several processes multiplies the budget by their number.
 */

/** Options of `createLoginLimiter`. */
export interface LoginLimiterOptions {
  /** @default 5 */
  maxFailures?: number;
  /** @default 15 minutes */
  windowMs?: number;
  /** Keys remembered at most (the oldest are forgotten first). @default 10_000 */
  maxKeys?: number;
  /** @default Date.now */
  now?: () => number;
}

/** Counts failed sign-ins. */
export interface LoginLimiter {
  /** Milliseconds until `key` may try again, or 0 when it may now. */
  retryAfterMs(key: string): number;
  recordFailure(key: string): void;
  /** A successful sign-in clears the key. */
  reset(key: string): void;
}

/** A sliding-window limiter of failed sign-ins. */
export function createLoginLimiter(options: LoginLimiterOptions = {}): LoginLimiter {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const since = now() - windowMs;
    const times = (failures.get(key) ?? []).filter((t) => t > since);
    if (times.length) failures.set(key, times);
    else failures.delete(key);
    return times;
  };

  return {
    retryAfterMs(key) {
      const times = recent(key);
      if (times.length < maxFailures) return 0;
      return Math.max(1, times[times.length - maxFailures] + windowMs - now());
    },
    recordFailure(key) {
      const times = recent(key);
      times.push(now());
      failures.delete(key);
      failures.set(key, times.slice(-maxFailures));
      // Maps iterate in insertion order: the first keys are the least recently failed.
      while (failures.size > maxKeys) failures.delete(failures.keys().next().value as string);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
