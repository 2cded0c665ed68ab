import type { CreateUserInput } from '../../core/users/schemas';
import type { Db } from '../../db/client';
import { findUserById } from '../../db/queries/users';
import { users, userWorkplaces } from '../../db/schema';
import { hashPassword } from '../auth/password';

/** Creates a staff user (admin API, CLI, first-admin bootstrap). */
export async function createUser(db: Db, input: CreateUserInput, now = new Date()) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    if (input.workplaceIds.length) {
      await tx
        .insert(userWorkplaces)
        .values(input.workplaceIds.map((workplaceId) => ({ userId: row!.id, workplaceId })));
    }
    return (await findUserById(tx, row!.id))!;
  });
}
