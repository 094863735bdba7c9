import { createLoginLimiter } from './rate-limit';

describe('login limiter', () => {
  it('refuses a key after maxFailures within the window, until the oldest failure leaves it', () => {
    let now = 1_000_000;
    const limiter = createLoginLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.retryAfterMs('bob|1.2.3.4')).toBe(0);
      limiter.recordFailure('bob|1.2.3.4');
      now += 1000;
    }
    expect(limiter.retryAfterMs('bob|1.2.3.4')).toBe(57_000);
    expect(limiter.retryAfterMs('bob|5.6.7.8')).toBe(0);
    now += 57_000;
    expect(limiter.retryAfterMs('bob|1.2.3.4')).toBe(0);
  });

  it('a success clears the key; memory stays bounded', () => {
    const limiter = createLoginLimiter({ maxFailures: 1, maxKeys: 10 });
    limiter.recordFailure('a');
    expect(limiter.retryAfterMs('a')).toBeGreaterThan(0);
    limiter.reset('a');
    expect(limiter.retryAfterMs('a')).toBe(0);
    for (let i = 0; i < 100; i += 1) limiter.recordFailure(`k${i}`);
    // The oldest keys were forgotten, the newest are still refused.
    expect(limiter.retryAfterMs('k0')).toBe(0);
    expect(limiter.retryAfterMs('k99')).toBeGreaterThan(0);
  });
});
