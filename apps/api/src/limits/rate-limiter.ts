/** Outcome of taking one token from a bucket. */
export type RateDecision = { allowed: true } | { allowed: false; retryInMs: number };

/**
 * Per-key token bucket (per user or per client address): `burst` requests at once, refilled at
 * `perMinute`. In-process: with several API processes each enforces its own share.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes `cost` tokens for `key` if available. */
  take(key: string, cost = 1): RateDecision {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (t - bucket.at) * this.refillPerMs);
    bucket.at = t;
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      this.buckets.set(key, bucket);
      this.evictIfLarge();
      return { allowed: true };
    }
    this.buckets.set(key, bucket);
    return { allowed: false, retryInMs: Math.ceil((cost - bucket.tokens) / this.refillPerMs) };
  }

  /** Keeps memory bounded: drops buckets that have refilled completely. */
  private evictIfLarge(): void {
    if (this.buckets.size < 10_000) return;
    const t = this.now();
    for (const [key, b] of this.buckets) {
      if (b.tokens + (t - b.at) * this.refillPerMs >= this.burst) this.buckets.delete(key);
    }
  }
}
