import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { invalid, notFound, staleVersion } from '../../core/errors';
import type { ChangePasswordInput, UpdateMeInput } from '../../core/users/account';
import { insertAuditEvents } from '../../db/queries/audit';
import { bump, definedOnly } from '../../db/queries/records';
import { sessions, users } from '../../db/schema';
import type { ServiceContext } from '../context';
import { hashPassword, verifyPassword } from './password';
import { assertNotThrottled, recordFailure } from './throttle';

/**
 * The signed-in user changes their own name or language. `version`, when sent, must be the one
 * read (409 otherwise); the users table's trigger audits the change.
 */
export async function updateMe(ctx: ServiceContext, input: UpdateMeInput) {
  const { version, ...patch } = input;
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, ctx.actor.id)).for('update');
    if (!current) throw notFound('User');
    if (version !== undefined && current.version !== version) throw staleVersion(current.version);
    const changes = definedOnly(patch);
    if (!Object.keys(changes).length) return;
    await tx
      .update(users)
      .set({ ...changes, ...bump(users, ctx.now) })
      .where(eq(users.id, ctx.actor.id));
  });
}

/**
 * Changes one's own password, proven with the current one. A wrong current password counts as a
 * failed sign-in (throttle.ts). Every other session of the user ends (a thief who knew the old
 * password is signed out); this one stays. API tokens stay: the account page lists them.
 */
export async function changeOwnPassword(
  ctx: ServiceContext,
  input: ChangePasswordInput,
  options: { ip: string; currentSessionId: string | undefined },
) {
  const [user] = await ctx.db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, ctx.actor.id));
  if (!user) throw notFound('User');
  const who = { email: user.email.toLowerCase(), ip: options.ip, now: ctx.now };
  const failed = (reason: string) => ({
    at: ctx.now,
    actorId: user.id,
    action: 'password_change_failed',
    subjectId: user.id,
    details: { ip: options.ip, reason },
  });
  await assertNotThrottled(ctx.db, who, failed('throttled'));
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordFailure(ctx.db, who, failed('bad_current_password'));
    throw invalid({ currentPassword: 'is not correct' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, ...bump(users, ctx.now) })
      .where(eq(users.id, user.id));
    const ended = await tx
      .delete(sessions)
      .where(
        options.currentSessionId
          ? and(eq(sessions.userId, user.id), ne(sessions.id, options.currentSessionId))
          : eq(sessions.userId, user.id),
      )
      .returning({ id: sessions.id });
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: user.id,
        action: 'password_changed',
        subjectId: user.id,
        details: { endedSessions: ended.length },
      },
    ]);
  });
}

/** The user's own live sessions, the most recently used first. */
export async function listOwnSessions(ctx: ServiceContext, currentSessionId: string | undefined) {
  const rows = await ctx.db
    .select({
      id: sessions.publicId,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
      current: sql<boolean>`${sessions.id} = ${currentSessionId ?? ''}`,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, ctx.actor.id), gt(sessions.expiresAt, ctx.now)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  return rows.map((r) => ({ ...r, current: Boolean(r.current) }));
}

/** Ends one of the user's own sessions; another user's (or an unknown) id is a 404. */
export async function endOwnSession(ctx: ServiceContext, publicId: string, ip: string) {
  await ctx.db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.publicId, publicId), eq(sessions.userId, ctx.actor.id)))
      .returning({ id: sessions.id });
    if (!ended.length) throw notFound('Session');
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'sign_out',
        subjectId: ctx.actor.id,
        details: { ip, endedFromSessionList: true },
      },
    ]);
  });
}
