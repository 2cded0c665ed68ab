import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import type { UpdateUserInput } from '../../core/users/schemas';
import { releaseUnseenOwnership } from '../../db/queries/ownership';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { findUserById } from '../../db/queries/users';
import { apiTokens, sessions, users, userWorkplaces } from '../../db/schema';
import { hashPassword } from '../auth/password';
import type { ServiceContext } from '../context';

/**
 * Changes a staff user. Disabling one, or resetting their password, ends their
 * sessions and revokes their API tokens in the same transaction. When their
 * workplaces or role change, members and workplaces they can no longer see lose
 * them as owner, and their open tasks about those are unassigned (a rep sees only
 * their workplaces), in the same transaction.
 */
export async function updateUser(ctx: ServiceContext, id: string, input: UpdateUserInput) {
  const { version, password, workplaceIds, ...patch } = input;
  const passwordHash = password ? await hashPassword(password) : undefined;
  return ctx.db.transaction(async (tx) => {
    const current = await lockVersioned(tx, users, id, version, 'User');
    const demotingLastAdmin =
      current.role === 'admin' && ((patch.role && patch.role !== 'admin') || patch.disabled === true);
    if (demotingLastAdmin) {
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, id)));
      if (!others?.n) {
        throw new AppError('validation_failed', 'The last enabled admin cannot be demoted or disabled', {
          [patch.disabled ? 'disabled' : 'role']: 'would leave no enabled admin',
        });
      }
    }
    await tx
      .update(users)
      .set({ ...definedOnly(patch), ...(passwordHash ? { passwordHash } : {}), ...bump(users, ctx.now) })
      .where(eq(users.id, id));
    if (workplaceIds) {
      await tx.delete(userWorkplaces).where(eq(userWorkplaces.userId, id));
      if (workplaceIds.length) {
        await tx
          .insert(userWorkplaces)
          .values([...new Set(workplaceIds)].map((workplaceId) => ({ userId: id, workplaceId })));
      }
    }
    if (workplaceIds || (patch.role && patch.role !== current.role)) {
      await releaseUnseenOwnership(tx, { userIds: [id] }, ctx.now);
    }
    if (patch.disabled === true || passwordHash) {
      await tx.delete(sessions).where(eq(sessions.userId, id));
      await tx
        .update(apiTokens)
        .set({ revokedAt: ctx.now })
        .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)));
    }
    return (await findUserById(tx, id))!;
  });
}
