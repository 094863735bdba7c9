/**
 * Pacing shared by every call of one client: a concurrency limit, an optional requests-per-second limit, and
 * back-pressure from the server. A 429/503 with `Retry-After` pauses every call (not only the one that was
 * refused), and `X-RateLimit-NearLimit` halves the rate for a while, so a busy client slows down before it is
 * refused. Every wait can be abandoned through an `AbortSignal`: an aborted caller leaves the queue at once and
 * its task never runs.
 */
import { systemClock } from './options';

export interface PacerOptions {
  maxConcurrency: number;
  /** `undefined` means no rate limit of our own (the server's signals still apply). */
  requestsPerSecond?: number;
  now?: () => number;
  /** Wait `ms`; should reject early when `signal` aborts (the pacer also checks the signal after each wait). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** How long a near-limit signal keeps the rate halved. */
const NEAR_LIMIT_WINDOW_MS = 10_000;
/** The rate used when the server signals near-limit and no rate was configured. */
const NEAR_LIMIT_DEFAULT_RPS = 10;

export class Pacer {
  private active = 0;
  /** Callers waiting for a slot, first come first served; each entry hands the slot over. */
  private readonly waiting: Array<() => void> = [];
  private nextSlotAt = 0;
  private pausedUntil = 0;
  private slowUntil = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? systemClock.now;
    this.sleep = options.sleep ?? systemClock.sleep;
  }

  /**
   * Run `task` when a slot is free and the pace allows it. When `signal` aborts before then, rejects with the
   * signal's reason and `task` never runs; once `task` runs, cancelling it is the task's business.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    await this.acquire(signal);
    try {
      await this.waitForPace(signal);
      // An abort that landed as the slot was granted must not start the task: it would count as sent.
      signal?.throwIfAborted();
      return await task();
    } finally {
      this.release();
    }
  }

  /** The server said to come back after `ms`: hold every call until then. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** The server said we are close to its limit. */
  nearLimit(): void {
    this.slowUntil = this.now() + NEAR_LIMIT_WINDOW_MS;
  }

  private currentRate(): number | undefined {
    const configured = this.options.requestsPerSecond;
    if (this.now() < this.slowUntil) return configured ? configured / 2 : NEAR_LIMIT_DEFAULT_RPS;
    return configured;
  }

  private async waitForPace(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now, signal);
        signal?.throwIfAborted();
        continue;
      }
      const rate = this.currentRate();
      if (!rate) return;
      const slot = Math.max(now, this.nextSlotAt);
      this.nextSlotAt = slot + 1000 / rate;
      if (slot > now) {
        await this.sleep(slot - now, signal);
        signal?.throwIfAborted();
      }
      return;
    }
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (this.active < this.options.maxConcurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      // An aborted waiter leaves the queue, so `release()` never hands it a slot nobody would use.
      const leave = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
