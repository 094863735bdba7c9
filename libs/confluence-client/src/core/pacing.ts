/**
 * Pacing shared by every call of one client: a concurrency limit, an optional requests-per-second limit, and
 * back-pressure from the server. A 429/503 with `Retry-After` pauses every call (not only the one that was
 * refused), and `X-RateLimit-NearLimit` halves the rate for a while, so a busy client slows down before it is
 * refused.
 */

export interface PacerOptions {
  maxConcurrency: number;
  /** `undefined` means no rate limit of our own (the server's signals still apply). */
  requestsPerSecond?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** How long a near-limit signal keeps the rate halved. */
const NEAR_LIMIT_WINDOW_MS = 10_000;
/** The rate used when the server signals near-limit and no rate was configured. */
const NEAR_LIMIT_DEFAULT_RPS = 10;

export class Pacer {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextSlotAt = 0;
  private pausedUntil = 0;
  private slowUntil = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? (() => Date.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Run `task` when a slot is free and the pace allows it. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      await this.waitForPace();
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

  private async waitForPace(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      const rate = this.currentRate();
      if (!rate) return;
      const slot = Math.max(now, this.nextSlotAt);
      this.nextSlotAt = slot + 1000 / rate;
      if (slot > now) await this.sleep(slot - now);
      return;
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.maxConcurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
