import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../db/client';
import { consumeRateLimit, deleteExpiredRateLimits } from '../db/queries/rate-limits';

/** Counts requests per key: `consume` resolves while under the limit, else rejects with the wait. */
export type RateLimiter = { consume: (key: string) => Promise<void> };

/** Rejected by consume() when the key is over its limit. */
export class RateLimited extends Error {
  constructor(readonly msBeforeNext: number) {
    super('rate limited');
    this.name = 'RateLimited';
  }
}

/** One in this many requests also deletes ended windows (no timer to stop with the server). */
const CLEANUP_EVERY = 500;

/**
 * `points` requests per `durationSeconds` per key. On PostgreSQL the counters are rows shared by
 * every server process (kumiai_rate_limits, migration 0028), so a limit holds behind a load
 * balancer; on PGlite, which one process owns, they stay in this process's memory.
 */
export function createRateLimiter(
  database: Pick<Database, 'db' | 'kind'>,
  options: { prefix: string; points: number; durationSeconds: number },
): RateLimiter {
  if (database.kind === 'pglite') {
    const memory = new RateLimiterMemory({ points: options.points, duration: options.durationSeconds });
    return {
      consume: async (key) => {
        await memory.consume(key).catch((res: unknown) => {
          if (res instanceof RateLimiterRes) throw new RateLimited(res.msBeforeNext);
          throw res;
        });
      },
    };
  }
  let calls = 0;
  return {
    consume: async (key) => {
      const { points, msBeforeNext } = await consumeRateLimit(
        database.db,
        // Hashed: a key may be a credential (a survey link's token) or a client address.
        `${options.prefix}:${createHash('sha256').update(key).digest('base64url')}`,
        options.durationSeconds,
      );
      if (++calls % CLEANUP_EVERY === 0) void deleteExpiredRateLimits(database.db).catch(() => {});
      if (points > options.points) throw new RateLimited(msBeforeNext);
    },
  };
}
