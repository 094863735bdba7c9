import { fakeClock } from '../testing/clock';
import { Pacer } from './pacing';

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

  describe('abort', () => {
    const aborted = (reason = new Error('caller gave up')) => {
      const controller = new AbortController();
      controller.abort(reason);
      return controller.signal;
    };

    it('never runs a task whose signal aborted before it started', async () => {
      const pacer = new Pacer({ maxConcurrency: 1 });
      const task = jest.fn(async () => undefined);
      await expect(pacer.run(task, aborted())).rejects.toThrow('caller gave up');
      expect(task).not.toHaveBeenCalled();
    });

    it('lets an aborted waiter leave the queue: it never runs, and the next waiter gets its slot', async () => {
      const pacer = new Pacer({ maxConcurrency: 1 });
      let finishFirst!: () => void;
      const first = pacer.run(() => new Promise<void>((resolve) => (finishFirst = resolve)));
      const controller = new AbortController();
      const dropped = jest.fn(async () => 'dropped');
      const queued = pacer.run(dropped, controller.signal);
      const next = pacer.run(async () => 'next');
      controller.abort(new Error('cancelled'));
      await expect(queued).rejects.toThrow('cancelled');
      finishFirst();
      await first;
      await expect(next).resolves.toBe('next');
      expect(dropped).not.toHaveBeenCalled();
      // The slot came back: a later call runs at once.
      await expect(pacer.run(async () => 'later')).resolves.toBe('later');
    });

    it('ends a wait for a 429 pause as soon as the signal aborts', async () => {
      const pacer = new Pacer({ maxConcurrency: 4 });
      pacer.pause(10_000);
      const task = jest.fn(async () => undefined);
      const started = Date.now();
      await expect(pacer.run(task, AbortSignal.timeout(50))).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(task).not.toHaveBeenCalled();
    });

    it('checks the signal after an injected sleep, so a fake clock cannot run an aborted task', async () => {
      const clock = fakeClock();
      const controller = new AbortController();
      const pacer = new Pacer({ maxConcurrency: 1, requestsPerSecond: 1, now: clock.now, sleep: async (ms) => { await clock.sleep(ms); controller.abort(); } });
      await pacer.run(async () => undefined);
      const task = jest.fn(async () => undefined);
      await expect(pacer.run(task, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
      expect(clock.waits).toEqual([1000]);
      expect(task).not.toHaveBeenCalled();
    });
  });
});
