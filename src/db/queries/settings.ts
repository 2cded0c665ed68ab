import { eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { settings, users } from '../schema';

export async function findSettings(db: DbOrTx) {
  const rows = await db.select().from(settings).where(eq(settings.id, 1));
  const row = rows[0];
  if (!row) throw new Error('The settings row is missing: run the migrations');
  return row;
}

/** The settings as the API shows them, with the secretary general's name. */
export async function findSettingsView(db: DbOrTx) {
  const rows = await db
    .select({
      organizationName: settings.organizationName,
      timezone: settings.timezone,
      shuntoStartOn: settings.shuntoStartOn,
      milestoneYears: settings.milestoneYears,
      secretaryGeneralUserId: settings.secretaryGeneralUserId,
      secretaryGeneralName: users.displayName,
      version: settings.version,
      updatedAt: settings.updatedAt,
    })
    .from(settings)
    .leftJoin(users, eq(users.id, settings.secretaryGeneralUserId))
    .where(eq(settings.id, 1));
  const row = rows[0];
  if (!row) throw new Error('The settings row is missing: run the migrations');
  return row;
}

/** The one settings row, locked for an update. */
export async function lockSettings(tx: DbOrTx) {
  const rows = await tx.select().from(settings).where(eq(settings.id, 1)).for('update');
  const row = rows[0];
  if (!row) throw new Error('The settings row is missing: run the migrations');
  return row;
}

/**
 * The organization's today at `now`, worked out by the database (the time zone read
 * in the same statement): a list or a record needs no separate settings query.
 */
export function organizationTodaySql(now: Date): SQL {
  return sql`(${now.toISOString()}::timestamptz at time zone (select s.timezone from settings s where s.id = 1))::date`;
}
