import { and, eq } from 'drizzle-orm';
import { insertAuditEvents } from '../../db/queries/audit';
import { countDemandDependents } from '../../db/queries/demands';
import { lockVersioned } from '../../db/queries/records';
import { demands, tasks } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Removes a demand with its member links and negotiation log (both cascade)
 * and the tasks about it: tasks.subject_id has no foreign key to cascade from. Admins only.
 * One transaction; besides the rows the triggers record, one `delete_demand` event keeps
 * the title and how many links, log entries and tasks went with it.
 */
export async function deleteDemand(ctx: ServiceContext, id: string, version: number) {
  requirePermission(ctx, 'admin');
  return ctx.db.transaction(async (tx) => {
    const demand = await lockVersioned(tx, demands, id, version, 'Demand');
    const counts = await countDemandDependents(tx, id);
    const removedTasks = await tx
      .delete(tasks)
      .where(and(eq(tasks.subjectType, 'demand'), eq(tasks.subjectId, id)))
      .returning({ id: tasks.id });
    await tx.delete(demands).where(eq(demands.id, id));
    const removed = { links: counts.links, notes: counts.notes, tasks: removedTasks.length };
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'delete_demand',
        tableName: 'demands',
        recordId: id,
        subjectId: id,
        details: {
          title: demand.title,
          linksRemoved: removed.links,
          notesRemoved: removed.notes,
          tasksRemoved: removed.tasks,
        },
      },
    ]);
    return removed;
  });
}
