import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { tooManyRequests, type DomainError } from '../errors';
import { logger } from '../logger';

/** A named counter: `points` per `durationSeconds` for each key (an address, a username…). */
export interface LimitSpec {
  points: number;
  durationSeconds: number;
}

/**
 * Where every rate limit's counters live (`rate-limiter-flexible`): this process's memory, or
 * Redis when `REDIS_URL` is set, so that every api instance shares the counts — two instances
 * behind nginx do not each allow their own share. Counting is atomic in both stores (an
 * increment that returns the new value), so requests sent at once cannot all pass one check.
 *
 * While Redis is unreachable each instance counts in its own memory (the insurance limiter)
 * rather than failing requests or letting everything through.
 *
 * One per api process (created with the HTTP server, closed with it); limiters are created on
 * first use and kept by name.
 */
export class RateLimits {
  private readonly redis: Redis | null;
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(redisUrl?: string, private readonly prefix = 'sst:rl:') {
    this.redis = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
    // Errors are answered by the insurance limiter; without a listener ioredis would log each one.
    this.redis?.on('error', (err) => logger.debug({ err: err.message }, 'rate-limit redis unavailable'));
  }

  /** Resolves once Redis is connected (at once in memory); until then each instance counts alone. */
  async ready(): Promise<void> {
    const redis = this.redis;
    if (redis && redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  }

  /** The shared store's kind, for logs. */
  get store(): 'redis' | 'memory' {
    return this.redis ? 'redis' : 'memory';
  }

  limiter(name: string, spec: LimitSpec): RateLimiterAbstract {
    const key = `${name}:${spec.points}:${spec.durationSeconds}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      const opts = { keyPrefix: `${this.prefix}${name}`, points: spec.points, duration: spec.durationSeconds };
      const memory = new RateLimiterMemory(opts);
      limiter = this.redis ? new RateLimiterRedis({ ...opts, storeClient: this.redis, insuranceLimiter: memory }) : memory;
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  /** Counts one request for `key`; TOO_MANY_REQUESTS (with `retryAfterSeconds`) once the limit is reached. */
  async take(name: string, spec: LimitSpec, key: string, message: string): Promise<void> {
    try {
      await this.limiter(name, spec).consume(key);
    } catch (e) {
      throw limitRefusal(e, message);
    }
  }

  async close(): Promise<void> {
    this.limiters.clear();
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** The client's answer when a limiter refuses: TOO_MANY_REQUESTS and when to try again. */
export function limitRefusal(rejection: unknown, message: string): DomainError {
  if (rejection instanceof RateLimiterRes) {
    return tooManyRequests(message, { retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) });
  }
  // The store failed and there is no insurance: a bug, not the client's fault.
  throw rejection;
}

/**
 * The key an address is counted under. An IPv6 client usually holds a whole /64 and could
 * rotate through it, so IPv6 addresses are counted by their /64 prefix.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const v4 = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (v4) return v4[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
