import { AppError } from '../../core/errors';
import { createUserSchema } from '../../core/users/schemas';
import type { Db } from '../../db/client';
import { countUsers } from '../../db/queries/users';
import { ALREADY_SET_UP, createFirstAdmin } from './create-first-admin';

/**
 * Creates the first admin from configuration, only while no user exists:
 * changing the variables later never overwrites a real account. Several server
 * processes started at once with the same variables create one admin (the check
 * and the insert share createFirstAdmin's locked transaction); the others start normally.
 */
export async function ensureFirstAdmin(db: Db, admin: { email: string; password: string; name: string }) {
  if ((await countUsers(db)) > 0) return undefined;
  const input = createUserSchema.parse({
    email: admin.email,
    password: admin.password,
    displayName: admin.name,
    role: 'admin',
  });
  try {
    return await createFirstAdmin(
      db,
      { email: input.email, password: input.password, displayName: input.displayName },
      new Date(),
    );
  } catch (err) {
    if (err instanceof AppError && err.message === ALREADY_SET_UP) return undefined;
    throw err;
  }
}
