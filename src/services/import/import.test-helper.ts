import { sql } from 'drizzle-orm';
import type { StaffRole } from '../../core/enums';
import { actingAs } from '../../db/acting';
import type { Db } from '../../db/client';
import { rowsOf } from '../../db/queries/records';
import type { ServiceContext } from '../context';
import { createUser } from '../users/create-user';

/** Tables an import may write (and the audit log): a dry run or a refused import must leave them as they were. */
export const IMPORT_TABLES = [
  'members',
  'engagement_history',
  'workplaces',
  'atmosphere_history',
  'tasks',
  'audit_log',
] as const;

/** Per table: row count and a checksum of every row. */
export async function tableSnapshot(db: Db): Promise<Record<string, string>> {
  const parts = IMPORT_TABLES.map(
    (name) =>
      sql`select ${name} as name, count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${sql.identifier(name)} x`,
  );
  const rows = rowsOf<{ name: string; n: number; h: string }>(
    await db.execute(sql.join(parts, sql` union all `)),
  );
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.h}`]));
}

/** A staff user and a service context acting as them. */
export async function contextAs(db: Db, role: StaffRole, now: Date, displayName = `${role} user`) {
  const user = await createUser(db, {
    email: `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    displayName,
    role,
    password: 'correct horse battery',
    workplaceIds: [],
  });
  const ctx: ServiceContext = {
    db: actingAs(db, user.id, now),
    actor: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      workplaceIds: [],
    },
    now,
  };
  return { user, ctx };
}
