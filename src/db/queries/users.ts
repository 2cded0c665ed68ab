import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { users } from '../schema';
import { blindToWorkplaceSql } from './scope';

/** A user without the password hash, with a rep's workplaces. */
export const userSelection = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  disabled: users.disabled,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  version: users.version,
  workplaceIds: sql<
    string[]
  >`coalesce((select array_agg(uw.workplace_id::text order by uw.workplace_id) from user_workplaces uw where uw.user_id = ${users.id}), '{}'::text[])`,
};

export async function findUserById(db: DbOrTx, id: string) {
  const rows = await db.select(userSelection).from(users).where(eq(users.id, id));
  return rows[0];
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const rows = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return rows[0];
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return rows[0]?.n ?? 0;
}

export async function countEnabledAdmins(db: DbOrTx): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and not ${users.disabled}`);
  return rows[0]?.n ?? 0;
}

/** Staff for pickers (`GET /staff`): names and roles only, in name order (code points, as everywhere). */
export async function findStaff(
  db: DbOrTx,
  filter: { includeDisabled: boolean; canOwnIn?: string | null | undefined },
  page: { limit: number; offset: number },
) {
  const where = and(
    filter.includeDisabled ? undefined : eq(users.disabled, false),
    filter.canOwnIn === undefined
      ? undefined
      : sql`NOT ${blindToWorkplaceSql(users.id, users.role, sql`${filter.canOwnIn}::uuid`)}`,
  );
  const [items, totals] = await Promise.all([
    db
      .select({ id: users.id, displayName: users.displayName, role: users.role })
      .from(users)
      .where(where)
      .orderBy(sql`${users.displayName} collate "C"`, users.id)
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}
