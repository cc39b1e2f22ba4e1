import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Per-token rate limiting in Redis: a fixed window per token subject and tenant, shared by every
 * API process (the counter lives in Redis). Answers carry the standard headers
 * (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` in seconds) and a refused request
 * also `Retry-After`. When Redis is unreachable the limiter lets requests through and logs it:
 * an outage of the limiter must not become an outage of the API.
 */
export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfter?: number;
}

// INCR and set the window's expiry on the first hit, atomically; returns count and ms left.
const SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** The script as a command of the client: ioredis sends EVALSHA (its hash) and the text only when Redis lacks it. */
interface HitCommand {
  rateLimitHit?(key: string, windowMs: string): Promise<[number, number]>;
}

export class RateLimiter {
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly opts: { max: number; windowSeconds: number; prefix: string; log: Logger },
  ) {
    // Defined once per client (several limiters may share the app's connection).
    if (typeof (redis as unknown as HitCommand).rateLimitHit !== 'function') redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: SCRIPT });
  }

  get enabled(): boolean {
    return this.opts.max > 0;
  }

  async hit(tenant: string, subject: string): Promise<RateLimitVerdict> {
    const { max, windowSeconds } = this.opts;
    if (!this.enabled) return { allowed: true, headers: {} };
    const windowMs = windowSeconds * 1000;
    const window = Math.floor(Date.now() / windowMs);
    // The prefix is the deployment's Redis namespace (with its Cluster hash tag).
    const key = `${this.opts.prefix}:rl:${tenant}:${subject}:${window}`;
    let count: number;
    let ttlMs: number;
    try {
      if (this.redis.status !== 'ready') throw new Error(`Redis is ${this.redis.status}`);
      const reply = (this.redis as unknown as HitCommand).rateLimitHit!(key, String(windowMs));
      // A Redis that accepts but never answers must not hold the request either.
      const [n, ttl] = await Promise.race([reply, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer in 500 ms')), 500).unref())]);
      count = n;
      ttlMs = ttl;
    } catch (e) {
      // Fail open, but say so (at most once every 10 s, not once per request).
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.opts.log.warn({ err: (e as Error).message }, 'rate limiter unavailable (Redis); letting requests through');
      }
      return { allowed: true, headers: {} };
    }
    const reset = Math.max(1, Math.ceil(ttlMs / 1000));
    const headers = {
      'RateLimit-Limit': String(max),
      'RateLimit-Remaining': String(Math.max(0, max - count)),
      'RateLimit-Reset': String(reset),
    };
    if (count > max) return { allowed: false, headers: { ...headers, 'Retry-After': String(reset) }, retryAfter: reset };
    return { allowed: true, headers };
  }
}
