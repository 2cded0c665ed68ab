import { eq, sql } from 'drizzle-orm';
import { storableText } from '../../core/common/schemas';
import { AppError } from '../../core/errors';
import type { Db } from '../../db/client';
import { type AuditEvent, insertAuditEvents } from '../../db/queries/audit';
import { findUserByEmail } from '../../db/queries/users';
import { sessions } from '../../db/schema';
import { dummyPasswordHash, verifyPassword } from './password';
import { assertNotThrottled, clearFailures, recordFailure } from './throttle';
import { hashSecret, newSecret } from './tokens';
import { hasTotp, verifySecondFactor } from './two-step';

export { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, THROTTLE_WINDOW_MINUTES } from './throttle';

/** How much of a browser's User-Agent a session keeps: enough to tell sessions apart. */
export const USER_AGENT_MAX = 300;

export type LoginOptions = {
  email: string;
  password: string;
  /** The second step: an authenticator code or a recovery code. */
  code?: string | undefined;
  ip: string;
  userAgent?: string | undefined;
  now: Date;
  sessionDays: number;
  /** The key authenticator secrets are sealed with (secret-box.ts `totpKey`). */
  totpKey: Buffer;
};

/**
 * Signs a staff user in. Failures are counted per email and per client address
 * over a sliding window (throttle.ts); past the limit even a right password is refused until the
 * window passes, so guessing is slow. The same message for an unknown
 * email, a wrong password and a disabled account tells an attacker nothing.
 * With two-step sign-in on, a right password alone answers `{ totpRequired: true }` and opens no
 * session; the client sends the password again with a code. A wrong code counts as a failure
 * like a wrong password, so the second step is throttled by the same window.
 * The audit log gets `sign_in`, or `sign_in_failed` with the email tried, the
 * address and the reason (`bad_credentials` | `bad_second_factor` | `throttled`) — never the password or code.
 */
export async function login(db: Db, options: LoginOptions) {
  const email = options.email.trim().toLowerCase();
  const who = { email, ip: options.ip, now: options.now };
  await assertNotThrottled(db, who, failedSignIn(email, options, 'throttled', null));

  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(options.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabled) {
    await recordFailure(db, who, failedSignIn(email, options, 'bad_credentials', user?.id ?? null));
    throw new AppError('unauthorized', 'The email or password is not correct.');
  }

  let secondFactor: 'totp' | 'recovery_code' | undefined;
  if (await hasTotp(db, user.id)) {
    if (!options.code?.trim()) return { totpRequired: true as const };
    const used = await verifySecondFactor(db, user.id, options.code, options.now, options.totpKey);
    if (!used) {
      await recordFailure(db, who, failedSignIn(email, options, 'bad_second_factor', user.id));
      throw new AppError('unauthorized', 'The code is not correct.', { code: 'is not correct' });
    }
    secondFactor = used;
  }

  await clearFailures(db, email);
  const session = await createSession(db, user.id, options.now, options.sessionDays, {
    ip: options.ip,
    userAgent: options.userAgent,
    secondFactor,
  });
  return { totpRequired: false as const, ...session };
}

/** The attempted email and address; the user it names (if any) is the subject, so a search by their id finds it. */
function failedSignIn(
  email: string,
  options: LoginOptions,
  reason: 'bad_credentials' | 'bad_second_factor' | 'throttled',
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
  signIn?: {
    ip: string;
    userAgent?: string | undefined;
    secondFactor?: 'totp' | 'recovery_code' | undefined;
  },
) {
  const token = newSecret();
  const userAgent = signIn?.userAgent ? storableText(signIn.userAgent.slice(0, USER_AGENT_MAX)) : null;
  const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000);
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(sql`${sessions.expiresAt} < ${now}`);
    await tx
      .insert(sessions)
      .values({ id: hashSecret(token), userId, createdAt: now, lastSeenAt: now, expiresAt, userAgent });
    if (signIn) {
      await insertAuditEvents(tx, [
        {
          at: now,
          actorId: userId,
          action: 'sign_in',
          subjectId: userId,
          details: {
            method: 'session',
            ip: signIn.ip,
            ...(signIn.secondFactor ? { secondFactor: signIn.secondFactor } : {}),
          },
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
