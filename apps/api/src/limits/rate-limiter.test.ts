import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the time until the next token', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 3, () => now); // one token per second
    expect([1, 2, 3].map(() => limiter.take('u').allowed)).toEqual([true, true, true]);
    const refused = limiter.take('u');
    expect(refused).toEqual({ allowed: false, retryInMs: 1000 });
    now = 1000;
    expect(limiter.take('u').allowed).toBe(true);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(60, 1, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });
});
