import { eq } from 'drizzle-orm';
import type { UpdateDemandInput } from '../../core/demands/schemas';
import { findDemandById } from '../../db/queries/demands';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { demands } from '../../db/schema';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/** Needs `demands.write` (admins, officers, executives; 403 for reps). */
export async function updateDemand(ctx: ServiceContext, id: string, input: UpdateDemandInput) {
  requirePermission(ctx, 'demands.write');
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, demands, id, version, 'Demand');
    await tx
      .update(demands)
      .set({ ...definedOnly(patch), ...bump(demands, ctx.now) })
      .where(eq(demands.id, id));
    return (await findDemandById(tx, id, scopeOf(ctx)))!;
  });
}
