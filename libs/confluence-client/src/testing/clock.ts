/** A fake `Clock` for timing tests: waits advance time at once instead of passing. */
import { Clock } from '../core/options';

/** A `Clock` whose `sleep` returns at once and moves `now()` on; `waits` records every wait asked for. */
export interface FakeClock extends Clock {
  /** Every `sleep(ms)` asked for, in order. */
  readonly waits: number[];
  /** Move time on without a wait (a test's "meanwhile"). */
  advance(ms: number): void;
}

/**
 * A fake clock for `createConfluenceClient({ clock })` (or `clientFor(..., { clock })`): pacing, `Retry-After`
 * pauses and retry backoff take no real time, and a test asserts on `waits`. Per-attempt deadlines still use real
 * timers. A sleep whose signal has aborted rejects with the signal's reason, as the real one does.
 *
 * @example
 * const clock = fakeClock();
 * const confluence = clientFor(emulator, 'alice', { clock });
 * // ... a 429 with Retry-After: 2 ...
 * expect(clock.waits).toEqual([2000]);
 */
export function fakeClock(start = 0): FakeClock {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      waits.push(ms);
      now += ms;
    },
  };
}
