import { createUserSchema } from '../../core/users/schemas';
import type { Db } from '../../db/client';
import { countUsers } from '../../db/queries/users';
import { createUser } from './create-user';

/**
 * Creates the first admin from configuration, only while no user exists:
 * changing the variables later never overwrites a real account.
 */
export async function ensureFirstAdmin(db: Db, admin: { email: string; password: string; name: string }) {
  if ((await countUsers(db)) > 0) return undefined;
  const input = createUserSchema.parse({
    email: admin.email,
    password: admin.password,
    displayName: admin.name,
    role: 'admin',
  });
  return createUser(db, input);
}
