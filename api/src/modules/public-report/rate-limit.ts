import type { Clock } from '../../clock';
import { DomainError } from '../../errors';

/**
 * Fixed-window counter per key (an IP address), in memory. Per instance: behind a load balancer
 * each instance allows its own share, which is acceptable for abuse damping on a public form.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}

  take(key: string, clock: Clock): void {
    const now = clock.now().getTime();
    const entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      this.hits.set(key, { start: now, count: 1 });
      if (this.hits.size > 10_000) this.prune(now);
      return;
    }
    if (entry.count >= this.limit) {
      const retryAfterSeconds = Math.ceil((entry.start + this.windowMs - now) / 1000);
      throw new DomainError('TOO_MANY_REQUESTS', '提交过于频繁，请稍后再试 (too many requests)', { retryAfterSeconds });
    }
    entry.count++;
  }

  reset(): void {
    this.hits.clear();
  }

  private prune(now: number): void {
    for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
  }
}
