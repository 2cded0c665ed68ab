import type { CreateDemandInput } from '../../core/demands/schemas';
import type { DbOrTx } from '../../db/client';
import { findDemandById } from '../../db/queries/demands';
import { currentSeasonIdSql } from '../../db/queries/seasons';
import { organizationTodaySql } from '../../db/queries/settings';
import { demands } from '../../db/schema';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * Needs `demands.write` (admins, officers, executives; 403 for reps). Without a
 * `seasonId` the demand joins the current season (none while no season has started);
 * `null` keeps it out of every season; an unknown season is a 400 on seasonId.
 */
export async function createDemand(ctx: ServiceContext, input: CreateDemandInput) {
  requirePermission(ctx, 'demands.write');
  return ctx.db.transaction(async (tx) => {
    const id = await insertDemand(tx, ctx, input);
    return (await findDemandById(tx, id, scopeOf(ctx)))!;
  });
}

/** Writes the demand inside the caller's transaction (permission checked by the caller); its id. */
export async function insertDemand(
  tx: DbOrTx,
  ctx: ServiceContext,
  input: CreateDemandInput,
): Promise<string> {
  const { seasonId, ...fields } = input;
  const [row] = await tx
    .insert(demands)
    .values({
      ...fields,
      seasonId: seasonId === undefined ? currentSeasonIdSql(organizationTodaySql(ctx.now)) : seasonId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning({ id: demands.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}
