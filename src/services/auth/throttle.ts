import { and, eq, gt, or, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { type AuditEvent, insertAuditEvents } from '../../db/queries/audit';
import { loginFailures } from '../../db/schema';

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

/**
 * Failures of anything that proves who someone is — a password at sign-in, its second step, the
 * current password when changing it, a code when turning two-step sign-in off — are counted
 * together in `login_failures`, per email and per client address over a sliding window. Past
 * the limit even a right answer is refused (429) until the window passes: guessing stays slow
 * whichever door is tried. `refused` is the audit event recorded with the 429.
 */
export async function assertNotThrottled(
  db: DbOrTx,
  who: { email: string; ip: string; now: Date },
  refused: AuditEvent,
) {
  const since = new Date(who.now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const [counts] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${loginFailures.email} = ${who.email})::int`,
      byIp: sql<number>`count(*) filter (where ${loginFailures.ip} = ${who.ip})::int`,
    })
    .from(loginFailures)
    .where(
      and(
        gt(loginFailures.failedAt, since),
        or(eq(loginFailures.email, who.email), eq(loginFailures.ip, who.ip)),
      ),
    );
  if ((counts?.byEmail ?? 0) >= MAX_FAILURES_PER_EMAIL || (counts?.byIp ?? 0) >= MAX_FAILURES_PER_IP) {
    await insertAuditEvents(db, [refused]);
    throw new AppError('rate_limited', 'Too many failed attempts. Try again later.', undefined, {
      retryAfterSeconds: THROTTLE_WINDOW_MINUTES * 60,
    });
  }
}

/** Counts one failure (with its audit event) in one transaction. */
export async function recordFailure(
  db: DbOrTx,
  who: { email: string; ip: string; now: Date },
  event: AuditEvent,
) {
  await db.transaction(async (tx) => {
    await tx.insert(loginFailures).values({ email: who.email, ip: who.ip, failedAt: who.now });
    await insertAuditEvents(tx, [event]);
  });
}

/** A success clears the email's count. */
export async function clearFailures(db: DbOrTx, email: string) {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}
