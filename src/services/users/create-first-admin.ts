import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import type { CreateUserInput } from '../../core/users/schemas';
import type { Db } from '../../db/client';
import { countUsers, findUserById } from '../../db/queries/users';
import { users } from '../../db/schema';
import { hashPassword } from '../auth/password';

export const ALREADY_SET_UP = 'Kumiai is already set up: sign in instead';

// Any fixed number: two first-run forms submitted at once must not both win.
const FIRST_ADMIN_LOCK = 7_415_002;

/**
 * The first-run screen's admin: allowed only while no user exists. The check
 * and the insert share a transaction under an advisory lock, so a race
 * between two browsers creates one admin, not two.
 */
export async function createFirstAdmin(
  db: Db,
  input: Omit<CreateUserInput, 'role' | 'workplaceIds'>,
  now: Date,
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    if ((await countUsers(tx)) > 0) {
      throw new AppError('forbidden', ALREADY_SET_UP);
    }
    const [row] = await tx
      .insert(users)
      .values({
        email: input.email,
        displayName: input.displayName,
        role: 'admin',
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    return (await findUserById(tx, row!.id))!;
  });
}
