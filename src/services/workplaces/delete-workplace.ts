import { and, eq, sql } from 'drizzle-orm';
import { releaseUnseenOwnership } from '../../db/queries/ownership';
import { lockVersioned } from '../../db/queries/records';
import { members, tasks, workplaces } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Removes a workplace with its meetings and atmosphere history (cascade) and
 * the tasks about it. Its members stay, without a workplace. Admins only.
 */
export async function deleteWorkplace(ctx: ServiceContext, id: string, version: number) {
  requirePermission(ctx, 'admin');
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, workplaces, id, version, 'Workplace');
    // The foreign key would null workplaceId by itself, but silently: bumping the
    // members' version makes an edit form opened before the deletion reload
    // instead of writing the vanished workplace back.
    const moved = await tx
      .update(members)
      .set({ workplaceId: null, version: sql`${members.version} + 1`, updatedAt: ctx.now })
      .where(eq(members.workplaceId, id))
      .returning({ id: members.id });
    // A rep no longer sees a member without a workplace: their ownership and open tasks go.
    if (moved.length) {
      await releaseUnseenOwnership(tx, { memberIds: moved.map((m) => m.id) }, ctx.now);
    }
    await tx.delete(tasks).where(and(eq(tasks.subjectType, 'workplace'), eq(tasks.subjectId, id)));
    await tx.delete(workplaces).where(eq(workplaces.id, id));
  });
}
