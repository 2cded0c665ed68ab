import { and, eq, gt, or, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import type { Db } from '../../db/client';
import { type AuditEvent, insertAuditEvents } from '../../db/queries/audit';
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
 * The audit log gets `sign_in`, or `sign_in_failed` with the email tried, the
 * address and the reason (`bad_credentials` | `throttled`) — never the password.
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
    await insertAuditEvents(db, [failedSignIn(email, options, 'throttled', null)]);
    throw new AppError('rate_limited', 'Too many failed sign-ins. Try again later.', undefined, {
      retryAfterSeconds: THROTTLE_WINDOW_MINUTES * 60,
    });
  }

  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(options.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabled) {
    await db.transaction(async (tx) => {
      await tx.insert(loginFailures).values({ email, ip: options.ip, failedAt: options.now });
      await insertAuditEvents(tx, [failedSignIn(email, options, 'bad_credentials', user?.id ?? null)]);
    });
    throw new AppError('unauthorized', 'The email or password is not correct.');
  }

  await db.delete(loginFailures).where(eq(loginFailures.email, email));
  return createSession(db, user.id, options.now, options.sessionDays, { ip: options.ip });
}

/** The attempted email and address; the user it names (if any) is the subject, so a search by their id finds it. */
function failedSignIn(
  email: string,
  options: LoginOptions,
  reason: 'bad_credentials' | 'throttled',
  userId: string | null,
): AuditEvent {
  return {
    at: options.now,
    actorId: null,
    action: 'sign_in_failed',
    subjectId: userId,
    details: { email, ip: options.ip, reason },
  };
}

/**
 * A new session for a user who has proven who they are; expired sessions are swept on the way.
 * With `signIn`, a `sign_in` event is recorded in the same transaction.
 */
export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  sessionDays: number,
  signIn?: { ip: string },
) {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000);
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(sql`${sessions.expiresAt} < ${now}`);
    await tx
      .insert(sessions)
      .values({ id: hashSecret(token), userId, createdAt: now, lastSeenAt: now, expiresAt });
    if (signIn) {
      await insertAuditEvents(tx, [
        {
          at: now,
          actorId: userId,
          action: 'sign_in',
          subjectId: userId,
          details: { method: 'session', ip: signIn.ip },
        },
      ]);
    }
  });
  return { token, expiresAt, userId };
}

/** Ends a session; a `sign_out` event names its user (with the address when known). */
export async function logout(db: Db, sessionId: string, options: { now?: Date; ip?: string } = {}) {
  await db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.id, sessionId))
      .returning({ userId: sessions.userId });
    await insertAuditEvents(
      tx,
      ended.map(({ userId }) => ({
        at: options.now ?? new Date(),
        actorId: userId,
        action: 'sign_out',
        subjectId: userId,
        details: options.ip ? { ip: options.ip } : null,
      })),
    );
  });
}
