import { eq } from 'drizzle-orm';
import type { UpdateDemandInput } from '../../core/demands/schemas';
import { findDemandById } from '../../db/queries/demands';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { demands } from '../../db/schema';
import type { ServiceContext } from '../context';

export async function updateDemand(ctx: ServiceContext, id: string, input: UpdateDemandInput) {
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, demands, id, version, 'Demand');
    await tx
      .update(demands)
      .set({ ...definedOnly(patch), ...bump(demands, ctx.now) })
      .where(eq(demands.id, id));
    return (await findDemandById(tx, id))!;
  });
}
