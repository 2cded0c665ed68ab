import { eq } from 'drizzle-orm';
import { AppError, staleVersion } from '../../core/errors';
import { lockTask } from '../../db/queries/tasks';
import { tasks } from '../../db/schema';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { visibleTask } from './task-access';

/**
 * Deletes a manual task the actor may see (404 otherwise). A task made by a
 * workflow rule is refused (409): its once-key would be freed and the next
 * sweep would create it again, so it is completed (status done) instead.
 */
export async function deleteTask(ctx: ServiceContext, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const task = await visibleTask(tx, scopeOf(ctx), await lockTask(tx, id));
    if (task.version !== version) throw staleVersion(task.version);
    if (task.ruleId) {
      throw new AppError(
        'conflict',
        'A task made by a workflow rule cannot be deleted: mark it done instead (deleting it would let the rule create it again).',
        { ruleId: 'made by a workflow rule: complete the task instead of deleting it' },
      );
    }
    await tx.delete(tasks).where(eq(tasks.id, id));
  });
}
