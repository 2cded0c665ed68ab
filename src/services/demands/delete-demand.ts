import { and, eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { demands, tasks } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Removes a demand with its member links and negotiation log (both cascade)
 * and the tasks about it: tasks.subject_id has no foreign key to cascade from. Admins only.
 */
export async function deleteDemand(ctx: ServiceContext, id: string, version: number) {
  requirePermission(ctx, 'admin');
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, demands, id, version, 'Demand');
    await tx.delete(tasks).where(and(eq(tasks.subjectType, 'demand'), eq(tasks.subjectId, id)));
    await tx.delete(demands).where(eq(demands.id, id));
  });
}
