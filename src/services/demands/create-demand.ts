import type { CreateDemandInput } from '../../core/demands/schemas';
import { findDemandById } from '../../db/queries/demands';
import { demands } from '../../db/schema';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/** Needs `demands.write` (admins, officers, executives; 403 for reps). */
export async function createDemand(ctx: ServiceContext, input: CreateDemandInput) {
  requirePermission(ctx, 'demands.write');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(demands)
      .values({ ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: demands.id });
    if (!row) throw new Error('insert returned no row');
    return (await findDemandById(tx, row.id, scopeOf(ctx)))!;
  });
}
