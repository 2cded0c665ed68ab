import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { rowsOf } from './records';

/**
 * The counter that moves when a transaction changing what the dashboards read
 * commits (migration 0014). Read it before the figures: they are then at least
 * as new as the value read.
 */
export async function readDashboardsVersion(db: DbOrTx): Promise<string> {
  const rows = rowsOf<{ version: string }>(
    await db.execute(
      sql`select version::text as version from kumiai_data_versions where name = 'dashboards'`,
    ),
  );
  return rows[0]?.version ?? '0';
}

/** Moves the counter by hand: for writes made with triggers off (a restore). */
export async function bumpDashboardsVersion(db: DbOrTx): Promise<void> {
  await db.execute(sql`update kumiai_data_versions set version = version + 1 where name = 'dashboards'`);
}
