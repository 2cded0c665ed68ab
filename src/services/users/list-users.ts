import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { userSelection } from '../../db/queries/users';
import { users } from '../../db/schema';

export async function listUsers(db: Db, page: { limit: number; offset: number } = { limit: 500, offset: 0 }) {
  const [items, totals] = await Promise.all([
    db
      .select(userSelection)
      .from(users)
      .orderBy(asc(users.disabled), sql`${users.displayName} collate "C"`, asc(users.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(users),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}
