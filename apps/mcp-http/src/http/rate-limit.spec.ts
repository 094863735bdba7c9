import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('allows a burst of a minute’s worth, then one request per 60/N seconds', () => {
    const limiter = new RateLimiter(6, clock);
    for (let i = 0; i < 6; i++) expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a').ok).toBe(false);
  });

  it('peeks without taking: a key never seen holds no bucket, a spent one says when to retry', () => {
    const limiter = new RateLimiter(2, clock);
    expect(limiter.peek('a')).toEqual({ ok: true });
    expect(limiter.size).toBe(0);
    limiter.take('a');
    expect(limiter.peek('a')).toEqual({ ok: true });
    expect(limiter.peek('a')).toEqual({ ok: true });
    limiter.take('a');
    expect(limiter.peek('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    now += 30_000;
    expect(limiter.peek('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a').ok).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(1, clock);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
  });

  it('never says to retry in less than a second', () => {
    const limiter = new RateLimiter(6_000, clock);
    for (let i = 0; i < 6_000; i++) limiter.take('a');
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('is off at 0', () => {
    const limiter = new RateLimiter(0, clock);
    for (let i = 0; i < 1_000; i++) expect(limiter.take('a').ok).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it('forgets buckets that filled up again', () => {
    const limiter = new RateLimiter(60, clock);
    limiter.take('a');
    limiter.take('b');
    now += 500;
    limiter.take('b');
    now += 1_000;
    limiter.sweep();
    // a refilled its one token after 1 s; b still misses part of its second.
    expect(limiter.size).toBe(1);
    now += 1_000;
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });
});
