import { and, eq, gt, or, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import type { Db } from '../../db/client';
import { findUserByEmail } from '../../db/queries/users';
import { loginFailures, sessions } from '../../db/schema';
import { dummyPasswordHash, verifyPassword } from './password';
import { hashSecret, newSecret } from './tokens';

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export type LoginOptions = {
  email: string;
  password: string;
  ip: string;
  now: Date;
  sessionDays: number;
};

/**
 * Signs a staff user in. Failures are counted per email and per client address
 * over a sliding window; past the limit even a right password is refused until
 * the window passes, so guessing is slow. The same message for an unknown
 * email, a wrong password and a disabled account tells an attacker nothing.
 */
export async function login(db: Db, options: LoginOptions) {
  const email = options.email.trim().toLowerCase();
  const since = new Date(options.now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const [counts] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${loginFailures.email} = ${email})::int`,
      byIp: sql<number>`count(*) filter (where ${loginFailures.ip} = ${options.ip})::int`,
    })
    .from(loginFailures)
    .where(
      and(
        gt(loginFailures.failedAt, since),
        or(eq(loginFailures.email, email), eq(loginFailures.ip, options.ip)),
      ),
    );
  if ((counts?.byEmail ?? 0) >= MAX_FAILURES_PER_EMAIL || (counts?.byIp ?? 0) >= MAX_FAILURES_PER_IP) {
    throw new AppError('rate_limited', 'Too many failed sign-ins. Try again later.', undefined, {
      retryAfterSeconds: THROTTLE_WINDOW_MINUTES * 60,
    });
  }

  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(options.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabled) {
    await db.insert(loginFailures).values({ email, ip: options.ip, failedAt: options.now });
    throw new AppError('unauthorized', 'The email or password is not correct.');
  }

  await db.delete(loginFailures).where(eq(loginFailures.email, email));
  return createSession(db, user.id, options.now, options.sessionDays);
}

/** A new session for a user who has proven who they are; expired sessions are swept on the way. */
export async function createSession(db: Db, userId: string, now: Date, sessionDays: number) {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000);
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(sql`${sessions.expiresAt} < ${now}`);
    await tx
      .insert(sessions)
      .values({ id: hashSecret(token), userId, createdAt: now, lastSeenAt: now, expiresAt });
  });
  return { token, expiresAt, userId };
}
export async function logout(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}
