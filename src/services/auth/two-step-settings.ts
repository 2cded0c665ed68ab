import { eq, sql } from 'drizzle-orm';
import { staleVersion } from '../../core/errors';
import type { UpdateTwoStepSettingsInput } from '../../core/users/account';
import type { DbOrTx } from '../../db/client';
import { settings } from '../../db/schema';
import type { ServiceContext } from '../context';

export async function getTwoStepSettings(db: DbOrTx) {
  const [row] = await db
    .select({ totpRequiredRoles: settings.totpRequiredRoles, version: settings.version })
    .from(settings)
    .where(eq(settings.id, 1));
  return row ?? { totpRequiredRoles: [], version: 1 };
}

/**
 * The roles that must sign in with a second step (admin). Shares the settings row's version with
 * the other organization settings; the settings table's trigger audits the change.
 */
export async function updateTwoStepSettings(ctx: ServiceContext, input: UpdateTwoStepSettingsInput) {
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ version: settings.version })
      .from(settings)
      .where(eq(settings.id, 1))
      .for('update');
    if (!current || current.version !== input.version) throw staleVersion(current?.version);
    await tx
      .update(settings)
      .set({
        totpRequiredRoles: input.totpRequiredRoles,
        version: sql`${settings.version} + 1`,
        updatedAt: ctx.now,
      })
      .where(eq(settings.id, 1));
    return getTwoStepSettings(tx);
  });
}
