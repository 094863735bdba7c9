import { Pacer } from './pacing';

/** A fake clock: `sleep` advances time instead of waiting, and records each wait. */
function fakeClock() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
  };
}

describe('Pacer', () => {
  it('spaces calls to the configured rate', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ maxConcurrency: 10, requestsPerSecond: 4, ...clock });
    for (let i = 0; i < 5; i++) await pacer.run(async () => undefined);
    expect(clock.now()).toBe(1000);
  });

  it('halves the rate for a while after the server says it is near its limit', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ maxConcurrency: 10, requestsPerSecond: 10, ...clock });
    pacer.nearLimit();
    for (let i = 0; i < 5; i++) await pacer.run(async () => undefined);
    expect(clock.now()).toBe(800); // 5 calls at 5/s instead of 10/s
  });

  it('slows to a default rate on near-limit even when no rate was configured', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ maxConcurrency: 10, ...clock });
    await pacer.run(async () => undefined);
    await pacer.run(async () => undefined);
    expect(clock.now()).toBe(0);
    pacer.nearLimit();
    await pacer.run(async () => undefined);
    await pacer.run(async () => undefined);
    expect(clock.now()).toBeGreaterThan(0);
  });

  it('holds every call while paused', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ maxConcurrency: 10, ...clock });
    pacer.pause(1500);
    await pacer.run(async () => undefined);
    expect(clock.waits).toEqual([1500]);
  });

  it('never runs more than maxConcurrency tasks at once', async () => {
    const pacer = new Pacer({ maxConcurrency: 2 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        pacer.run(async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });
});
