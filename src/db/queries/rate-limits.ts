import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { rowsOf } from './records';

/**
 * Counts one request against `key` in a fixed window of `durationSeconds` (migration 0028): one
 * statement, so requests arriving at several server processes at once are all counted and never
 * two of them take the limit's last point. The window starts with the key's first request and
 * restarts once it has passed. Answers the points used (this request included) and how long
 * until the window ends. The database's clock decides, the same for every process.
 */
export async function consumeRateLimit(
  db: DbOrTx,
  key: string,
  durationSeconds: number,
): Promise<{ points: number; msBeforeNext: number }> {
  const rows = rowsOf<{ points: number; ms: number }>(
    await db.execute(sql`
      insert into kumiai_rate_limits as r (key, points, expires_at)
      values (${key}, 1, clock_timestamp() + make_interval(secs => ${durationSeconds}))
      on conflict (key) do update set
        points = case when r.expires_at <= clock_timestamp() then 1 else r.points + 1 end,
        expires_at = case when r.expires_at <= clock_timestamp() then excluded.expires_at else r.expires_at end
      returning r.points, greatest(0, ceil(extract(epoch from (r.expires_at - clock_timestamp())) * 1000))::int as ms`),
  );
  const row = rows[0]!;
  return { points: Number(row.points), msBeforeNext: Number(row.ms) };
}

/** Deletes windows that ended more than a minute ago (the table stays as small as the active keys). */
export async function deleteExpiredRateLimits(db: DbOrTx): Promise<void> {
  await db.execute(
    sql`delete from kumiai_rate_limits where expires_at < clock_timestamp() - interval '1 minute'`,
  );
}
