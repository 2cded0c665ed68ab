import { and, count, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { AppError, invalid, notFound } from '../../core/errors';
import type { DisableTotpInput } from '../../core/users/account';
import type { DbOrTx } from '../../db/client';
import { insertAuditEvents } from '../../db/queries/audit';
import { findUserById } from '../../db/queries/users';
import { settings, userRecoveryCodes, users, userTotp } from '../../db/schema';
import type { ServiceContext } from '../context';
import { verifyPassword } from './password';
import { open, seal } from './secret-box';
import { assertNotThrottled, recordFailure } from './throttle';
import {
  hashRecoveryCode,
  isTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normalizeCode,
  otpauthUrl,
  totpStepOf,
} from './totp-codes';

/** Whether the user signs in with a second step. */
export async function hasTotp(db: DbOrTx, userId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt)));
  return rows.length > 0;
}

async function totpRow(db: DbOrTx, userId: string) {
  const rows = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
  return rows[0];
}

/**
 * Checks a second-step code and uses it up: an authenticator code of the last, this or the next
 * 30-second step, newer than the last one accepted (`last_step`: the same code twice is refused),
 * or an unused recovery code (marked used). Each is one conditional UPDATE, so two requests racing
 * with the same code cannot both pass. Answers which kind was used, or undefined.
 */
export async function verifySecondFactor(
  db: DbOrTx,
  userId: string,
  code: string,
  now: Date,
  key: Buffer,
): Promise<'totp' | 'recovery_code' | undefined> {
  const normalized = normalizeCode(code);
  if (isTotpCode(normalized)) {
    const row = await totpRow(db, userId);
    if (!row?.enabledAt) return undefined;
    const secret = open(key, row.secretCiphertext, userId);
    if (!secret) return undefined;
    const step = totpStepOf(secret, normalized, now);
    if (step === null) return undefined;
    const used = await db
      .update(userTotp)
      .set({ lastStep: step })
      .where(
        and(
          eq(userTotp.userId, userId),
          isNotNull(userTotp.enabledAt),
          or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step)),
        ),
      )
      .returning({ userId: userTotp.userId });
    return used.length ? 'totp' : undefined;
  }
  const used = await db
    .update(userRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(userRecoveryCodes.userId, userId),
        eq(userRecoveryCodes.codeHash, hashRecoveryCode(normalized)),
        isNull(userRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: userRecoveryCodes.id });
  return used.length ? 'recovery_code' : undefined;
}

/**
 * Starts setting up an authenticator: a new secret, sealed under the server secret, not in force
 * until a code from it is confirmed (`enableTotp`). Starting again replaces an unconfirmed one;
 * with two-step sign-in already on, turn it off first (409).
 */
export async function setupTotp(ctx: ServiceContext, key: Buffer) {
  const user = await findUserById(ctx.db, ctx.actor.id);
  if (!user) throw notFound('User');
  const secret = newTotpSecret();
  const secretCiphertext = seal(key, secret, user.id);
  await ctx.db.transaction(async (tx) => {
    const current = await tx.select().from(userTotp).where(eq(userTotp.userId, user.id)).for('update');
    if (current[0]?.enabledAt) {
      throw new AppError('conflict', 'Two-step sign-in is already on. Turn it off first to use another app.');
    }
    await tx
      .insert(userTotp)
      .values({ userId: user.id, secretCiphertext, enabledAt: null, lastStep: null, createdAt: ctx.now })
      .onConflictDoUpdate({
        target: userTotp.userId,
        set: { secretCiphertext, enabledAt: null, lastStep: null, createdAt: ctx.now },
      });
    await insertAuditEvents(tx, [
      { at: ctx.now, actorId: user.id, action: 'totp_setup', subjectId: user.id, details: null },
    ]);
  });
  return { secret, otpauthUrl: otpauthUrl(secret, user.email) };
}

/**
 * Confirms the authenticator with a code from it: two-step sign-in is on from now, and ten new
 * recovery codes (only their hashes kept) are answered this once.
 */
export async function enableTotp(ctx: ServiceContext, code: string, key: Buffer) {
  const userId = ctx.actor.id;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, userId)).for('update');
    if (!row) throw new AppError('conflict', 'Start setting up two-step sign-in first.');
    if (row.enabledAt) throw new AppError('conflict', 'Two-step sign-in is already on.');
    const secret = open(key, row.secretCiphertext, userId);
    const normalized = normalizeCode(code);
    const step = secret && isTotpCode(normalized) ? totpStepOf(secret, normalized, ctx.now) : null;
    if (step === null) throw invalid({ code: 'is not correct' });
    await tx.update(userTotp).set({ enabledAt: ctx.now, lastStep: step }).where(eq(userTotp.userId, userId));
    const recoveryCodes = newRecoveryCodes();
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
    await tx
      .insert(userRecoveryCodes)
      .values(recoveryCodes.map((c) => ({ userId, codeHash: hashRecoveryCode(c), createdAt: ctx.now })));
    await insertAuditEvents(tx, [
      { at: ctx.now, actorId: userId, action: 'totp_enabled', subjectId: userId, details: null },
    ]);
    return { recoveryCodes };
  });
}

/** Removes a user's authenticator and recovery codes (no audit: the callers record why). */
async function removeTotp(tx: DbOrTx, userId: string) {
  const removed = await tx.delete(userTotp).where(eq(userTotp.userId, userId)).returning({
    enabledAt: userTotp.enabledAt,
  });
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  return removed[0];
}

/**
 * Turns one's own two-step sign-in off, proven with the password or a current code (a recovery
 * code is used up). A wrong answer counts as a failed sign-in (throttle.ts), so this is no way
 * around the throttle. A user whose role requires two-step sign-in must set it up again.
 */
export async function disableOwnTotp(
  ctx: ServiceContext,
  input: DisableTotpInput,
  options: { ip: string; key: Buffer },
) {
  const [user] = await ctx.db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, ctx.actor.id));
  if (!user) throw notFound('User');
  if (!(await hasTotp(ctx.db, user.id))) throw new AppError('conflict', 'Two-step sign-in is not on.');
  const who = { email: user.email.toLowerCase(), ip: options.ip, now: ctx.now };
  const failed = (reason: string) => ({
    at: ctx.now,
    actorId: user.id,
    action: 'totp_disable_failed',
    subjectId: user.id,
    details: { ip: options.ip, reason },
  });
  await assertNotThrottled(ctx.db, who, failed('throttled'));
  let how: 'password' | 'totp' | 'recovery_code' | undefined;
  if (input.password !== undefined) {
    how = (await verifyPassword(input.password, user.passwordHash)) ? 'password' : undefined;
  } else if (input.code !== undefined) {
    how = await verifySecondFactor(ctx.db, user.id, input.code, ctx.now, options.key);
  }
  if (!how) {
    await recordFailure(ctx.db, who, failed('bad_credentials'));
    throw invalid({ [input.password !== undefined ? 'password' : 'code']: 'is not correct' });
  }
  await ctx.db.transaction(async (tx) => {
    const removed = await removeTotp(tx, user.id);
    if (!removed) throw new AppError('conflict', 'Two-step sign-in is not on.');
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: user.id,
        action: 'totp_disabled',
        subjectId: user.id,
        details: { confirmedWith: how },
      },
    ]);
  });
}

/**
 * An admin removes a user's second factor (a lost phone): they sign in with the password alone
 * and, when their role requires it, must set up an app again before anything else.
 */
export async function resetUserTotp(ctx: ServiceContext, userId: string) {
  await ctx.db.transaction(async (tx) => {
    const exists = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!exists.length) throw notFound('User');
    const removed = await removeTotp(tx, userId);
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'totp_reset',
        subjectId: userId,
        details: { wasEnabled: Boolean(removed?.enabledAt) },
      },
    ]);
  });
  return userTotpStatus(ctx.db, userId);
}

/** A user's second factor as an admin sees it (never the secret). */
export async function userTotpStatus(db: DbOrTx, userId: string) {
  const [user] = await db
    .select({ role: users.role, required: settings.totpRequiredRoles })
    .from(users)
    .leftJoin(settings, eq(settings.id, 1))
    .where(eq(users.id, userId));
  if (!user) throw notFound('User');
  const row = await totpRow(db, userId);
  const [left] = await db
    .select({ n: count() })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return {
    enabled: Boolean(row?.enabledAt),
    enabledAt: row?.enabledAt ?? null,
    required: (user.required ?? []).includes(user.role),
    recoveryCodesLeft: row?.enabledAt ? Number(left?.n ?? 0) : 0,
  };
}
