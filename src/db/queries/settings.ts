import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { settings } from '../schema';

export async function findSettings(db: DbOrTx) {
  const rows = await db.select().from(settings).where(eq(settings.id, 1));
  const row = rows[0];
  if (!row) throw new Error('The settings row is missing: run the migrations');
  return row;
}
